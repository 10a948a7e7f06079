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
                # No permission in the rights ledger is an error to fix, not a state to wait out.
                level = messages.ERROR if exc.code == "no_permission" else messages.WARNING
                refused.extend((message, level) for message in exc.messages)
            else:
                done += 1
        if done:
            self.message_user(request, done_message(done), messages.SUCCESS)
        for message, level in refused:
            self.message_user(request, message, level)
