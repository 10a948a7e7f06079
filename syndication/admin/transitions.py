from django.contrib import messages
from django.core.exceptions import ValidationError


class TransitionActionsMixin:
    """Admin actions that only call a model transition on each selected object."""

    def _apply(self, request, queryset, transition, done_message, **kwargs):
        """Runs `transition` on each object; refused moves become messages, never errors."""
        done, refused = 0, []
        for obj in queryset:
            try:
                getattr(obj, transition)(by=request.user, **kwargs)
            except ValidationError as exc:
                refused.extend(exc.messages)
            else:
                done += 1
        if done:
            self.message_user(request, done_message(done), messages.SUCCESS)
        for message in refused:
            self.message_user(request, message, messages.WARNING)
