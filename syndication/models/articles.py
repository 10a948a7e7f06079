import contextlib
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Case, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..sanitize import clean_html
from ..urlnorm import BadURL, normalise_url
from .permissions import Permission, Scope, best_of, why_not_covered
from .seo import SeoPolicy
from .sources import Source
from .tracking import TracksPublicFields


class IllegalTransition(ValidationError):
    """Raised when a state change is not allowed from the article's current state."""


class NoPermission(ValidationError):
    """Raised when no permission in the rights ledger covers the publish time."""


# Words too common to make two titles related (English and German).
_COMMON_WORDS = """
about after again also back been before being could does down from have here into just
like made more most much must news only other over said says some such than that their
them then there these they this those through under very were what when where which while
will with would year years your aber als auch beim dass eine einen einer eines für haben
hier mehr nach nicht noch oder sein sind über unter wenn wird wurde
"""
COMMON_WORDS = frozenset(_COMMON_WORDS.split())


class ArticleQuerySet(models.QuerySet):
    def published(self, now=None):
        """What the public may see: published, with the publish time passed.

        Every public surface (pages, lists, search, feeds, sitemap, source
        pages) starts from this queryset; nothing else decides visibility.
        """
        return self.filter(status=Article.Status.PUBLISHED, publish_at__lte=now or timezone.now())

    def scheduled(self, now=None):
        return self.filter(status=Article.Status.PUBLISHED, publish_at__gt=now or timezone.now())

    def withdrawn_for_lack_of_permission(self):
        """Withdrawn because their permission ended or was revoked (`withdraw_unpermitted`)."""
        return self.filter(status=Article.Status.WITHDRAWN, permission_lapsed_at__isnull=False)

    def indexable(self):
        """Articles whose effective SEO policy is `index` (their own, else their source's).

        The sitemap lists only these: a `canonical` copy points search engines to
        the original, and a `noindex` copy asks them to stay away.
        """
        return self.filter(
            models.Q(seo_policy=SeoPolicy.INDEX)
            | models.Q(seo_policy="", source__seo_policy=SeoPolicy.INDEX)
        )


# Related articles are chosen among this many of the newest public ones (Article.related).
RELATED_WINDOW = 500


class Article(TracksPublicFields, models.Model):
    """One repost of an article that first appeared at a source."""

    # What readers see of an article, on its page and in lists and feeds.
    PUBLIC_FIELDS = (
        "source_id",
        "title",
        "slug",
        "summary",
        "body",
        "original_url",
        "original_authors",
        "original_published_at",
        "license",
        "seo_policy",
        "status",
        "publish_at",
        "lead_image_url",
        "lead_image_alt",
        "lead_image_credit",
        "permission_id",
    )

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        REMOVED = "removed", _("Removed after a takedown")

    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="articles", verbose_name=_("source")
    )
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        help_text=_("The last part of the article's address: /articles/this-part/."),
    )
    summary = models.TextField(_("summary"), blank=True, help_text=_("Plain text."))
    body = models.TextField(
        _("body"),
        blank=True,
        help_text=_("HTML. Scripts, styles and unsafe links are removed when saved."),
    )
    original_url = models.URLField(
        _("original URL"),
        max_length=1000,
        unique=True,
        help_text=_("Where the article first appeared. Each original is reposted at most once."),
    )
    original_authors = models.CharField(
        _("original author(s)"), max_length=300, blank=True, help_text=_("Comma-separated.")
    )
    original_published_at = models.DateTimeField(_("originally published"), null=True, blank=True)
    lead_image_url = models.URLField(
        _("lead image"),
        max_length=1000,
        blank=True,
        help_text=_(
            "An https address at the original publisher; the image is shown from there, not copied."
        ),
    )
    lead_image_alt = models.CharField(
        _("lead image text"),
        max_length=300,
        blank=True,
        help_text=_("What the image shows, for readers who cannot see it."),
    )
    lead_image_credit = models.CharField(
        _("lead image credit"),
        max_length=300,
        blank=True,
        help_text=_("Who made the image, shown with it, e.g. “Photo: Jo Lens / Agency”."),
    )
    full_text_error = models.CharField(
        _("full text not fetched"),
        max_length=500,
        blank=True,
        editable=False,
        help_text=_("Why the article's page gave no full text; the feed's text was kept."),
    )
    retrieved_at = models.DateTimeField(
        _("retrieved"), null=True, blank=True, help_text=_("When we copied it from the source.")
    )
    feed_guid = models.CharField(
        _("feed GUID"),
        max_length=1000,
        blank=True,
        db_index=True,
        help_text=_("The entry's id in the source's feed; used to recognise it on re-import."),
    )
    license = models.CharField(
        _("licence"),
        max_length=300,
        blank=True,
        help_text=_(
            "The former free-text licence, kept for the record. The rights ledger "
            "(Permissions) now decides what may be published and what readers are shown."
        ),
    )
    seo_policy = models.CharField(
        _("SEO policy"),
        max_length=20,
        choices=SeoPolicy.choices,
        blank=True,
        help_text=_("Leave empty to follow the source's policy."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    permission = models.ForeignKey(
        Permission,
        # Deleting an article deletes its own permissions; a ledger record
        # other articles were published under is not deleted in the admin.
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="articles",
        verbose_name=_("published under"),
        help_text=_(
            "The permission in the rights ledger that covers its publication; its scope "
            "decides what readers get."
        ),
    )
    permission_lapsed_at = models.DateTimeField(
        _("withdrawn for lack of permission"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("When it was withdrawn because its permission ended or was revoked."),
    )
    permission_lapse_note = models.CharField(
        _("why the permission lapsed"), max_length=500, blank=True, editable=False
    )
    publish_at = models.DateTimeField(
        _("publish time"),
        null=True,
        blank=True,
        help_text=_("Public from this time on. A future time schedules the article."),
    )
    curated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="curated_articles",
        verbose_name=_("curated by"),
        help_text=_("The editor who last edited or published it; empty for untouched imports."),
    )
    upstream_checksum = models.CharField(
        _("upstream checksum"), max_length=64, blank=True, editable=False
    )
    upstream_changed = models.BooleanField(
        _("newer upstream version"),
        default=False,
        help_text=_("The source changed this article after an editor took it over."),
    )
    # An import's new draft that it will publish (for a source that publishes
    # imports at once) once its full text is in and no earlier copy is found.
    # Set until that step has run, so an import that failed after storing its
    # drafts leaves them for the next import instead of stranding them.
    held_for_import = models.BooleanField(_("held by the import"), default=False, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-publish_at", "-id"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        indexes = [
            models.Index(fields=["status", "-publish_at"], name="article_status_publish"),
            models.Index(
                fields=["source", "status", "-publish_at"], name="article_source_status_pub"
            ),
            models.Index(fields=["-created_at"], name="article_created"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        saved = kwargs.get("update_fields")  # None: every field
        # The one gate for stored HTML, whichever way the article arrives.
        if saved is None or "body" in saved:
            self.body = clean_html(self.body)
        # One spelling per original, so a re-import or a variant of the URL
        # cannot bring back an article a takedown removed.
        if saved is None or "original_url" in saved:
            with contextlib.suppress(BadURL):  # forms report bad URLs; the shell may store them
                self.original_url = normalise_url(self.original_url)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("syndication:article_detail", kwargs={"slug": self.slug})

    # --- visibility -------------------------------------------------------

    @property
    def is_public(self) -> bool:
        """The one-object twin of `Article.objects.published()`."""
        return (
            self.status == self.Status.PUBLISHED
            and self.publish_at is not None
            and self.publish_at <= timezone.now()
        )

    def changes_public_view(self) -> bool:
        """Whether saving it now changes what readers see (or will see when its time comes).

        Only a published article, live or scheduled, is on a public page or
        counts towards when lists expire, and a removed one's notice names it;
        so only one that is, or was just before this save, published or
        removed can change them.
        """
        # A removed article's address answers a notice naming it, cached too.
        seen = (self.Status.PUBLISHED, self.Status.REMOVED)
        before = getattr(self, "public_before_save", None)
        was_seen = before is not None and before["status"] in seen
        return (was_seen or self.status in seen) and self.public_fields_changed()

    def visibility_description(self) -> str:
        """One sentence on what readers see of the article now, for editors (page, preview)."""
        from ..localtime import local_time

        S = self.Status
        if self.status == S.DRAFT:
            return gettext("Draft: readers cannot see this article until it is published.")
        if self.status == S.WITHDRAWN:
            return gettext(
                "Withdrawn: readers cannot see this article; its address answers “not found”."
            )
        if self.status == S.REMOVED:
            return gettext(
                "Removed after a takedown: readers see a notice (HTTP 451) instead of its text."
            )
        if self.publish_at is None:
            return gettext("Published, with no publish time: readers cannot see it yet.")
        if self.is_scheduled:
            return gettext("Scheduled: readers will see this article from %(time)s.") % {
                "time": local_time(self.publish_at)
            }
        return gettext("Published: readers see this article since %(time)s.") % {
            "time": local_time(self.publish_at)
        }

    @property
    def is_scheduled(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.publish_at is not None
            and self.publish_at > timezone.now()
        )

    @property
    def effective_seo_policy(self) -> str:
        return self.seo_policy or self.source.seo_policy

    # --- what readers get: the permission's scope -------------------------
    # Templates, feeds, structured data and search read these, never the raw
    # fields, so an excerpt-only article's body reaches no reader.

    @property
    def scope(self) -> str:
        """What readers get; without a permission, no more than the headline."""
        return self.permission.scope if self.permission_id else Scope.HEADLINE

    @property
    def public_summary(self) -> str:
        return self.summary if self.scope != Scope.HEADLINE else ""

    @property
    def public_body(self) -> str:
        return self.body if self.scope == Scope.FULL else ""

    @property
    def reading_minutes(self) -> int:
        """Minutes to read what readers get of the text, at 220 words a minute; at least 1."""
        from ..plaintext import text_of

        words = len(text_of(f"{self.public_summary} {self.public_body}").split())
        return max(1, round(words / 220))

    def related(self):
        """Other public articles a reader may want next, best first (slice it: one query).

        Those sharing the most of this title's longer words come first, then
        those of the same source; the newest first among equals. A title word
        is one of four letters or more that is not a common word. Chosen
        among the newest RELATED_WINDOW public articles: matching words reads
        every title it is given, and over all of bench/load.py's 10,000 an
        uncached article page took 80 ms (median) instead of 20 ms.
        """
        words = [
            word
            for word in dict.fromkeys(re.findall(r"\w{4,}", self.title.lower()))
            if word not in COMMON_WORDS
        ][:6]
        score = Case(When(source_id=self.source_id, then=Value(1)), default=Value(0))
        matches = models.Q(source_id=self.source_id)
        for word in words:
            score = score + Case(When(title__icontains=word, then=Value(2)), default=Value(0))
            matches |= models.Q(title__icontains=word)
        newest = type(self).objects.published().order_by("-publish_at", "-id")
        return (
            type(self)
            .objects.filter(pk__in=newest.values("pk")[:RELATED_WINDOW])
            .filter(matches)
            .exclude(pk=self.pk)
            .select_related("source", "permission")
            .annotate(relatedness=score)
            .order_by("-relatedness", "-publish_at", "-id")
        )

    @property
    def shows_lead_image(self) -> bool:
        return bool(self.lead_image_url) and self.scope != Scope.HEADLINE

    @property
    def effective_license(self) -> str:
        """The grounds readers are shown: the permission's name (the old free text without one)."""
        if self.permission_id:
            return self.permission.name
        return self.license or self.source.default_license

    @property
    def effective_license_url(self) -> str:
        if self.permission_id:
            return self.permission.license_url
        return "" if self.license else self.source.license_url

    def covering_permission(self, when=None):
        """The ledger's permission that covers publishing this article at `when` (now), or None."""
        when = when or timezone.now()
        candidates = Permission.objects.for_article(self).valid_at(when)
        return best_of(list(candidates), self, when)

    @property
    def authors_list(self) -> list[str]:
        return [a.strip() for a in self.original_authors.split(",") if a.strip()]

    @property
    def lead_image_in_body(self) -> bool:
        """Whether the body shows the lead image already (then the page does not repeat it)."""
        return bool(self.lead_image_url) and self.lead_image_url in self.body.replace("&amp;", "&")

    # --- transitions ------------------------------------------------------
    # Each locks the row, checks the state it finds, and saves only the
    # fields it changes, so two editors acting at once cannot interleave.

    def _transition(self, allowed_from, to, by=None, check=None, **changes):
        with transaction.atomic():
            current = Article.objects.select_for_update().get(pk=self.pk)
            if current.status not in allowed_from:
                raise IllegalTransition(
                    _("“%(title)s” is %(status)s and cannot become %(target)s.")
                    % {
                        "title": current.title,
                        "status": current.get_status_display().lower(),
                        "target": self.Status(to).label.lower(),
                    },
                    code="illegal_transition",
                )
            if check is not None:
                changes.update(check(current))
            self.status = to
            for field, value in changes.items():
                setattr(self, field, value)
            fields = ["status", "updated_at", *changes]
            if by is not None:
                self.curated_by = by
                fields.append("curated_by")
            # update_fields keeps a concurrent edit of other fields intact.
            super().save(update_fields=fields)

    def publish(self, by=None, at=None):
        """Publishes now, or schedules when `at` is in the future.

        A published article may be published again to change its time
        (rescheduling). A removed article comes back only through a takedown
        reinstatement, never through publish. Raises NoPermission unless a
        permission in the ledger covers the publish time; the article
        records which one, and readers get that permission's scope.
        """
        S = self.Status
        at = at or timezone.now()

        def permitted(current):
            # Looked up under the row lock, so the check and the state change are one step.
            permission = current.covering_permission(at)
            if permission is None:
                raise NoPermission(why_not_covered(current, at), code="no_permission")
            return {"permission": permission, "permission_lapsed_at": None,
                    "permission_lapse_note": ""}  # fmt: skip

        self._transition(
            {S.DRAFT, S.WITHDRAWN, S.PUBLISHED}, S.PUBLISHED, by, check=permitted, publish_at=at
        )

    def withdraw(self, by=None):
        """Takes a published (or scheduled) article off the public site."""
        self._transition({self.Status.PUBLISHED}, self.Status.WITHDRAWN, by)

    def withdraw_for_lack_of_permission(self, reason: str, now=None):
        """Withdraws it because no permission covers it any more; listed for editors as such."""
        self._transition(
            {self.Status.PUBLISHED},
            self.Status.WITHDRAWN,
            permission_lapsed_at=now or timezone.now(),
            permission_lapse_note=reason[:500],
        )

    def to_draft(self, by=None):
        """Sends a published, scheduled or withdrawn article back to the drafts."""
        self._transition({self.Status.PUBLISHED, self.Status.WITHDRAWN}, self.Status.DRAFT, by)

    def remove(self):
        """Removes the article after an accepted takedown (any state but removed)."""
        S = self.Status
        self._transition({S.DRAFT, S.PUBLISHED, S.WITHDRAWN}, S.REMOVED)

    def reinstate(self):
        """Puts a removed article back on the public site after a takedown is reversed.

        Readers get what the permission covering it now allows, not what the
        one it was first published under did: that one may have ended, or been
        revoked or narrowed, while the article was removed. With none, it
        shows no more than its headline until the caller withdraws it.
        """
        publish_at = self.publish_at or timezone.now()

        def current_permission(current):
            return {"permission": current.covering_permission(max(timezone.now(), publish_at))}

        self._transition(
            {self.Status.REMOVED},
            self.Status.PUBLISHED,
            check=current_permission,
            publish_at=publish_at,
        )

    def follow_source_change(self, reason: str):
        """After the article was moved to another source: the permission that covers it
        there, or, for a published article with none, a withdrawal saying why."""
        if self.status != self.Status.PUBLISHED:
            return
        at = max(timezone.now(), self.publish_at or timezone.now())
        permission = self.covering_permission(at)
        if permission is None:
            self.withdraw_for_lack_of_permission(reason)
        elif permission.pk != self.permission_id:
            self.permission = permission
            self.save(update_fields=["permission", "updated_at"])
