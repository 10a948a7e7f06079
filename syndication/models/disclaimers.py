from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


def validate_not_blank(value):
    if not value or not value.strip():
        raise ValidationError(_("The disclaimer can never be empty."), code="blank")


class Disclaimer(models.Model):
    """One version of the site-wide disclaimer; the newest is the current one.

    Versions are never edited or deleted: a change adds a new version, so the
    history shows what readers were told and when.
    """

    text = models.TextField(
        _("text"),
        validators=[validate_not_blank],
        help_text=_("Shown on every article page and feed item. Plain text; cannot be empty."),
    )
    created_at = models.DateTimeField(_("in force since"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        get_latest_by = ["created_at", "id"]
        verbose_name = _("disclaimer version")
        verbose_name_plural = _("disclaimer")
        constraints = [
            models.CheckConstraint(condition=~models.Q(text=""), name="disclaimer_text_not_empty"),
        ]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} — {self.text[:60]}"

    def save(self, *args, **kwargs):
        """Always stores a new version, never overwrites an old one."""
        validate_not_blank(self.text)
        self.text = self.text.strip()
        self.pk = None
        self._state.adding = True
        super().save(*args, **kwargs)

    @classmethod
    def current_text(cls) -> str:
        """The text in force now (one query; public pages themselves are cached)."""
        latest = cls.objects.order_by("-created_at", "-id").values_list("text", flat=True)
        return latest.first() or ""
