from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .seo import SeoPolicy
from .tracking import TracksPublicFields


class SourceQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def due_for_fetch(self, now=None):
        """Active sources with a feed whose next fetch time has come (never fetched: at once).

        Not those a poll holds (an unexpired lease): queued again, they would
        only wait for it, and a round would count them twice.
        """
        now = now or timezone.now()
        due = models.Q(next_fetch_at__isnull=True) | models.Q(next_fetch_at__lte=now)
        free = models.Q(poll_lease_until__isnull=True) | models.Q(poll_lease_until__lte=now)
        return self.active().exclude(feed_url="").filter(due).filter(free)


class Source(TracksPublicFields, models.Model):
    """An original publisher whose articles we repost."""

    # What readers see of a source, on its page and with each of its articles.
    PUBLIC_FIELDS = (
        "name",
        "slug",
        "homepage",
        "default_license",
        "license_url",
        "extra_disclaimer",
        "seo_policy",
    )

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        help_text=_("The last part of the source's address: /sources/this-part/."),
    )
    homepage = models.URLField(_("homepage"), max_length=500)
    feed_url = models.URLField(
        _("feed URL"),
        max_length=1000,
        blank=True,
        help_text=_("RSS or Atom feed to import from. Leave empty to add articles by hand."),
    )
    rights_contact = models.CharField(
        _("rights contact"),
        max_length=300,
        blank=True,
        help_text=_("Who at the publisher handles rights questions (email or address)."),
    )
    default_license = models.CharField(
        _("default licence"),
        max_length=300,
        blank=True,
        help_text=_(
            "The former free-text licence, kept for the record. The rights ledger "
            "(Permissions) now decides what may be published and what readers are shown."
        ),
    )
    license_url = models.URLField(_("licence URL"), max_length=500, blank=True)
    extra_disclaimer = models.TextField(
        _("extra disclaimer"),
        blank=True,
        help_text=_("Shown under the site-wide disclaimer on every article from this source."),
    )
    seo_policy = models.CharField(
        _("SEO policy"),
        max_length=20,
        choices=SeoPolicy.choices,
        default=SeoPolicy.NOINDEX,
        help_text=_("Default for this source's articles; an article may override it."),
    )
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Inactive sources are not imported from.")
    )
    auto_publish = models.BooleanField(
        _("publish imports at once"),
        default=False,
        help_text=_("Publish new feed entries immediately instead of keeping them as drafts."),
    )
    fetch_full_text = models.BooleanField(
        _("fetch the full text"),
        default=False,
        help_text=_(
            "For feeds that hold only summaries: fetch each new article's page and take its "
            "main text. Only for articles whose permission in the rights ledger covers the "
            "full text."
        ),
    )
    trust_feed_licences = models.BooleanField(
        _("trust the feed's licences"),
        default=False,
        help_text=_(
            "Count a Creative Commons licence the feed declares for an entry (or for the whole "
            "feed) as a permission for that article, within the licence's own scope. Tick only "
            "if the feed is the publisher's own."
        ),
    )
    poll_interval = models.DurationField(
        _("polling interval"),
        default=timedelta(hours=1),
        help_text=_("The feed is not fetched again before this much time has passed."),
    )

    # Feed-import state, kept by the importer.
    etag = models.CharField(_("ETag"), max_length=500, blank=True, editable=False)
    last_modified = models.CharField(_("Last-Modified"), max_length=100, blank=True, editable=False)
    last_fetched_at = models.DateTimeField(_("last fetch"), null=True, blank=True, editable=False)
    last_success_at = models.DateTimeField(_("last success"), null=True, blank=True, editable=False)
    last_error = models.TextField(_("last error"), blank=True, editable=False)
    consecutive_failures = models.PositiveIntegerField(
        _("consecutive failures"), default=0, editable=False
    )
    # Polling state (syndication/ingest/polling.py).
    next_fetch_at = models.DateTimeField(
        _("next fetch"),
        null=True,
        blank=True,
        editable=False,
        db_index=True,
        help_text=_(
            "Not before this time: the polling interval with some jitter, or longer when the "
            "feed asked for it (Cache-Control, Retry-After) or kept failing."
        ),
    )
    poll_lease_until = models.DateTimeField(
        _("being polled until"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("A poll holds the source until then, so no other poll runs at the same time."),
    )
    # Which poll holds the lease: a poll that overran its lease (and lost the
    # source to another) neither renews nor ends the other's.
    poll_lease_token = models.CharField(
        _("poll lease"), max_length=32, blank=True, default="", editable=False
    )
    failing_since = models.DateTimeField(_("failing since"), null=True, blank=True, editable=False)
    failure_flagged_at = models.DateTimeField(
        _("flagged as failing"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("When editors were told the feed keeps failing; once per failing spell."),
    )
    previous_feed_url = models.URLField(
        _("previous feed URL"),
        max_length=1000,
        blank=True,
        editable=False,
        help_text=_("The address before the feed's last permanent move."),
    )
    feed_moved_at = models.DateTimeField(_("feed moved"), null=True, blank=True, editable=False)

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = SourceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("syndication:source_detail", kwargs={"slug": self.slug})

    def is_due(self, now=None) -> bool:
        """Whether the feed may be fetched now under its polling schedule."""
        if self.next_fetch_at is None:
            return True
        return (now or timezone.now()) >= self.next_fetch_at

    def clean_fields(self, exclude=None):
        super().clean_fields(exclude)
        if self.feed_url and "feed_url" not in (exclude or ()):
            # The fetcher's own guard, so an editor hears at once what a poll would say.
            from ..ingest.fetching import FetchError, check_feed_address

            try:
                check_feed_address(self.feed_url)
            except FetchError as exc:
                raise ValidationError(
                    {"feed_url": ValidationError(str(exc), code="forbidden")}
                ) from exc
