"""The rights ledger: on what grounds a source's articles, or one article, may be republished.

A permission belongs to a source and may be overridden for one article.
Publishing needs a permission that covers the publish time (valid from it,
not yet ended, not revoked); its scope decides what readers get.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class EvidenceStorage(FileSystemStorage):
    """Evidence files live under MEDIA_ROOT, which nothing serves to the public.

    Their only address is a staff view in the admin that checks the user may
    view permissions (admin/permissions.py).
    """

    def url(self, name):
        return reverse("admin:syndication_permission_evidence", kwargs={"name": name})


def evidence_storage():
    # A callable, so the migration records no path; without a location the
    # storage reads MEDIA_ROOT when it is used (and follows changes to it).
    return EvidenceStorage()


class Scope(models.TextChoices):
    """What readers get of an article; ordered from most to least."""

    FULL = "full", _("Full text")
    EXCERPT = "excerpt", _("Excerpt only (summary and a link to the original)")
    HEADLINE = "headline", _("Headline only (title and a link to the original)")


SCOPE_RANK = {Scope.FULL: 3, Scope.EXCERPT: 2, Scope.HEADLINE: 1}


class PermissionQuerySet(models.QuerySet):
    def valid_at(self, when):
        """Permissions in force at `when`: started, not yet ended (end exclusive), not revoked."""
        return self.filter(revoked_at__isnull=True, valid_from__lte=when).filter(
            Q(valid_until__isnull=True) | Q(valid_until__gt=when)
        )

    def ending_soon(self, days=30, now=None):
        """Permissions in force now that end within `days` days, soonest first."""
        now = now or timezone.now()
        return (
            self.valid_at(now)
            .filter(valid_until__lte=now + timedelta(days=days))
            .order_by("valid_until")
        )

    def for_article(self, article):
        """The article's own permissions and its source's."""
        return self.filter(
            Q(article_id=article.pk) | Q(source_id=article.source_id, article__isnull=True)
        )


def best_of(permissions, article, when):
    """The permission that covers `article` at `when`, or None.

    The article's own permissions win over its source's; among several of
    the same level the widest scope wins, then the most recent.
    """
    valid = [p for p in permissions if p.covers(when)]
    own = [p for p in valid if p.article_id is not None and p.article_id == article.pk]
    pool = own or [p for p in valid if p.article_id is None and p.source_id == article.source_id]
    return max(pool, key=lambda p: (SCOPE_RANK[p.scope], p.valid_from), default=None)


class Permission(models.Model):
    """A record in the rights ledger: why we may republish, how much of it, and until when."""

    class Kind(models.TextChoices):
        CREATIVE_COMMONS = "cc", _("Creative Commons licence")
        AGREEMENT = "agreement", _("Written permission or syndication agreement")
        PUBLIC_DOMAIN = "public_domain", _("Public domain")
        PUBLISHER_TERMS = "publisher_terms", _("The publisher's own terms")

    Scope = Scope

    source = models.ForeignKey(
        "syndication.Source",
        on_delete=models.CASCADE,
        related_name="permissions",
        verbose_name=_("source"),
        help_text=_("The publisher who gave it. It covers all their articles unless one is set."),
    )
    article = models.ForeignKey(
        "syndication.Article",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="own_permissions",
        verbose_name=_("only for article"),
        help_text=_(
            "Leave empty for the whole source. Set, it covers this one article and takes "
            "precedence over the source's permissions."
        ),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(
        _("name shown to readers"),
        max_length=300,
        help_text=_("E.g. “CC BY 4.0” or “Republished with permission of the publisher”."),
    )
    license_url = models.URLField(
        _("licence URL"),
        max_length=500,
        blank=True,
        help_text=_("For a Creative Commons licence: its deed, e.g. "
                    "https://creativecommons.org/licenses/by/4.0/. Readers get the link."),
    )  # fmt: skip
    license_version = models.CharField(
        _("licence version"), max_length=20, blank=True, help_text=_("E.g. 4.0.")
    )
    scope = models.CharField(
        _("scope"),
        max_length=20,
        choices=Scope.choices,
        default=Scope.FULL,
        help_text=_(
            "What readers get. Excerpt only: the summary and a link to the original, never "
            "the body. Headline only: the title and the link."
        ),
    )
    evidence_url = models.URLField(
        _("evidence URL"),
        max_length=1000,
        blank=True,
        help_text=_("Where the permission can be read: the licence notice, the terms page."),
    )
    evidence_file = models.FileField(
        _("evidence file"),
        upload_to="permissions/%Y/%m/",
        storage=evidence_storage,
        max_length=300,
        blank=True,
        help_text=_("The signed agreement or the email, for example. Only staff can open it."),
    )
    note = models.TextField(_("note"), blank=True)
    valid_from = models.DateTimeField(
        _("valid from"),
        default=timezone.now,
        help_text=_("Articles may be published from this time on."),
    )
    valid_until = models.DateTimeField(
        _("valid until"),
        null=True,
        blank=True,
        help_text=_(
            "Leave empty if it does not end. When it ends, its articles are withdrawn "
            "(unless another permission covers them) and editors are emailed."
        ),
    )
    revoked_at = models.DateTimeField(
        _("revoked"),
        null=True,
        blank=True,
        help_text=_("When the publisher withdrew it. Its articles are withdrawn at once."),
    )
    revoked_reason = models.TextField(_("why revoked"), blank=True)
    declared_in_feed = models.BooleanField(
        _("declared in the feed"),
        default=False,
        editable=False,
        help_text=_("Read from the licence the feed declared for the article, on import."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    objects = PermissionQuerySet.as_manager()

    class Meta:
        # No join: the gate looks permissions up on every publish.
        ordering = ["-valid_from", "-id"]
        verbose_name = _("permission")
        verbose_name_plural = _("permissions")
        indexes = [
            models.Index(fields=["source", "valid_from"], name="permission_source_from"),
            models.Index(fields=["valid_until"], name="permission_until"),
        ]

    def __str__(self):
        return f"{self.name} ({self.source.name if self.source_id else '–'})"

    def save(self, *args, **kwargs):
        if self.article_id is not None and self.source_id is None:
            self.source_id = self.article.source_id
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("admin:syndication_permission_change", args=[self.pk])

    def covers(self, when) -> bool:
        """The one-object twin of `Permission.objects.valid_at(when)`."""
        return (
            self.revoked_at is None
            and self.valid_from <= when
            and (self.valid_until is None or when < self.valid_until)
        )

    def clean(self):
        super().clean()
        errors = {}
        if (
            self.article_id is not None
            and self.source_id is not None
            and self.article.source_id != self.source_id
        ):
            errors["article"] = ValidationError(
                _("The article is from another source."), code="other_source"
            )
        if self.valid_until and self.valid_from and self.valid_until <= self.valid_from:
            errors["valid_until"] = ValidationError(
                _("The end must come after the start."), code="ends_before_start"
            )
        if self.revoked_at and not self.revoked_reason.strip():
            errors["revoked_reason"] = ValidationError(
                _("Say why it was revoked."), code="reason_required"
            )
        if self.kind == self.Kind.CREATIVE_COMMONS and not self.license_url:
            errors["license_url"] = ValidationError(
                _("A Creative Commons licence needs the address of its deed."), code="cc_url"
            )
        if errors:
            raise ValidationError(errors)


def why_not_covered(article, when) -> str:
    """An editor's explanation of why no permission covers `article` at `when`."""
    values = {
        "title": article.title,
        "source": article.source.name,
        "when": date_format(timezone.localtime(when), "DATETIME_FORMAT"),
    }
    latest = Permission.objects.for_article(article).order_by("-valid_from", "-id").first()
    if latest is None:
        return (
            gettext(
                "“%(title)s” cannot be published: the rights ledger holds no permission from "
                "%(source)s. Record one under Permissions first."
            )
            % values
        )
    values["permission"] = latest.name
    if latest.revoked_at is not None and latest.revoked_at <= when:
        values["ended"] = date_format(timezone.localtime(latest.revoked_at), "DATE_FORMAT")
        message = gettext(
            "“%(title)s” cannot be published: the permission “%(permission)s” from %(source)s "
            "was revoked on %(ended)s."
        )
    elif latest.valid_until is not None and latest.valid_until <= when:
        values["ended"] = date_format(timezone.localtime(latest.valid_until), "DATE_FORMAT")
        message = gettext(
            "“%(title)s” cannot be published: the permission “%(permission)s” from %(source)s "
            "ended on %(ended)s, before %(when)s."
        )
    else:
        values["start"] = date_format(timezone.localtime(latest.valid_from), "DATETIME_FORMAT")
        message = gettext(
            "“%(title)s” cannot be published at %(when)s: the permission “%(permission)s” from "
            "%(source)s only starts on %(start)s."
        )
    return message % values
