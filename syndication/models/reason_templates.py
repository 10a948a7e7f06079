"""Reusable statements of reasons for the Legal team's decisions."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class ReasonTemplateQuerySet(models.QuerySet):
    def for_decision(self, decision: str):
        """The templates offered when making `decision` (accept, reject, reinstate)."""
        return self.filter(models.Q(decision="") | models.Q(decision=decision))


class ReasonTemplate(models.Model):
    """A named set of the four parts of a statement of reasons.

    Choosing one fills the decision form; every part stays editable there, so
    a template is a starting point and never the decision itself.
    """

    class Decision(models.TextChoices):
        ACCEPT = "accept", _("Accept")
        REJECT = "reject", _("Reject")
        REINSTATE = "reinstate", _("Reinstate")

    name = models.CharField(_("name"), max_length=120, unique=True)
    decision = models.CharField(
        _("offered for"),
        max_length=20,
        choices=Decision.choices,
        blank=True,
        help_text=_("Leave empty to offer it for every decision."),
    )
    action = models.TextField(
        _("action taken"), help_text=_("What was done, and to which content.")
    )
    facts = models.TextField(
        _("facts and circumstances"), help_text=_("What the decision rests on.")
    )
    ground = models.TextField(
        _("ground relied on"), help_text=_("The law or term applied, e.g. copyright infringement.")
    )
    redress = models.TextField(
        _("redress"), help_text=_("What the claimant (or the publisher) can do if they disagree.")
    )

    objects = ReasonTemplateQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("reason template")
        verbose_name_plural = _("reason templates")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("admin:syndication_reasontemplate_change", args=[self.pk])

    def as_initial(self) -> dict:
        """The decision form's initial values."""
        return {
            f"reasons_{part}": getattr(self, part)
            for part in ["action", "facts", "ground", "redress"]
        }
