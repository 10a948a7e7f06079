"""The admin index as a desk: what is waiting for the signed-in user, by role.

`sections(request)` builds the list the index shows, one entry per function
in EDITOR_SECTIONS; each returns None for a user whose role it does not
concern. Each section costs two bounded queries (a count and the first few
rows) and links to the change list filtered to the same rows.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.text import Truncator
from django.utils.timesince import timesince
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..localtime import local_time
from ..models import Article, Permission, Source

# Rows shown per section; the link leads to all of them.
ITEMS = 5


@dataclass
class Item:
    label: str
    url: str
    detail: str = ""


@dataclass
class Section:
    key: str  # the element id on the page: desk-<key>
    title: str
    count: int
    link_text: str  # names the count, e.g. "3 drafts"
    url: str  # the change list, filtered to these rows
    empty: str  # shown when nothing waits
    items: list[Item] = field(default_factory=list)


def _changelist(model, **params) -> str:
    url = reverse(f"admin:syndication_{model._meta.model_name}_changelist")
    return f"{url}?{urlencode(params)}" if params else url


def _article_item(article, detail) -> Item:
    return Item(
        article.title, reverse("admin:syndication_article_change", args=[article.pk]), detail
    )


def _may_curate(request) -> bool:
    return request.user.has_perm("syndication.change_article")


def drafts_to_curate(request, now):
    """Drafts, oldest first: imports and hand-made ones no one has published yet."""
    if not _may_curate(request):
        return None
    drafts = Article.objects.filter(status=Article.Status.DRAFT)
    count = drafts.count()
    rows = drafts.select_related("source").order_by("created_at", "id")[:ITEMS] if count else []
    return Section(
        key="drafts",
        title=_("Drafts to curate"),
        count=count,
        link_text=ngettext("%(n)d draft, oldest first", "%(n)d drafts, oldest first", count)
        % {"n": count},
        url=_changelist(Article, desk="drafts"),
        empty=_("No drafts wait."),
        items=[
            _article_item(
                a,
                _("%(source)s · waiting %(since)s")
                % {"source": a.source.name, "since": timesince(a.created_at, now)},
            )
            for a in rows
        ],
    )


def scheduled_soon(request, now):
    """Publications due in the next 24 hours, soonest first."""
    if not _may_curate(request):
        return None
    soon = Article.objects.scheduled(now).filter(publish_at__lte=now + timedelta(hours=24))
    count = soon.count()
    rows = soon.select_related("source").order_by("publish_at", "id")[:ITEMS] if count else []
    return Section(
        key="scheduled",
        title=_("Scheduled in the next 24 hours"),
        count=count,
        link_text=ngettext("%(n)d publication", "%(n)d publications", count) % {"n": count},
        url=_changelist(Article, desk="next24h"),
        empty=_("Nothing is scheduled for the next 24 hours."),
        items=[_article_item(a, local_time(a.publish_at)) for a in rows],
    )


def failing_feeds(request, now):
    """Sources whose last feed fetches failed (see SourceAdmin's feed-health filter)."""
    if not request.user.has_perm("syndication.change_source"):
        return None
    failing = Source.objects.exclude(feed_url="").filter(consecutive_failures__gt=0)
    count = failing.count()
    rows = failing.order_by("-consecutive_failures", "name")[:ITEMS] if count else []
    return Section(
        key="failing-feeds",
        title=_("Feeds failing"),
        count=count,
        link_text=ngettext("%(n)d source", "%(n)d sources", count) % {"n": count},
        url=_changelist(Source, feed_health="failing"),
        empty=_("Every feed is working."),
        items=[
            Item(
                s.name,
                reverse("admin:syndication_source_change", args=[s.pk]),
                ngettext("%(n)d failure: %(error)s", "%(n)d failures: %(error)s", n)
                % {"n": n, "error": Truncator(s.last_error).words(12)},
            )
            for s in rows
            for n in [s.consecutive_failures]
        ],
    )


def upstream_changed(request, now):
    """Articles an editor took over whose source has since changed them (the importer flags it)."""
    if not _may_curate(request):
        return None
    changed = Article.objects.filter(upstream_changed=True)
    count = changed.count()
    rows = changed.select_related("source").order_by("-updated_at", "-id")[:ITEMS] if count else []
    return Section(
        key="upstream",
        title=_("Newer version at the source"),
        count=count,
        link_text=ngettext("%(n)d article", "%(n)d articles", count) % {"n": count},
        url=_changelist(Article, upstream_changed__exact=1),
        empty=_("No article changed at its source."),
        items=[_article_item(a, a.source.name) for a in rows],
    )


def permissions_ending_soon(request, now):
    """Permissions in force that end within LEDGER_ENDING_SOON_DAYS: renew them, or their
    articles are withdrawn when they end."""
    if not request.user.has_perm("syndication.change_permission"):
        return None
    days = settings.LEDGER_ENDING_SOON_DAYS
    ending = Permission.objects.ending_soon(days=days, now=now)
    count = ending.count()
    rows = ending.select_related("source", "article")[:ITEMS] if count else []
    return Section(
        key="permissions-ending",
        title=_("Permissions ending within %(days)d days") % {"days": days},
        count=count,
        link_text=ngettext("%(n)d permission", "%(n)d permissions", count) % {"n": count},
        url=_changelist(Permission, validity="ending_soon"),
        empty=_("No permission ends soon."),
        items=[
            Item(
                str(p),
                reverse("admin:syndication_permission_change", args=[p.pk]),
                _("ends %(when)s") % {"when": local_time(p.valid_until)},
            )
            for p in rows
        ],
    )


def withdrawn_for_lack_of_permission(request, now):
    """Articles withdrawn because their permission ended or was revoked, latest first."""
    if not _may_curate(request):
        return None
    lapsed = Article.objects.withdrawn_for_lack_of_permission()
    count = lapsed.count()
    rows = (
        lapsed.select_related("source").order_by("-permission_lapsed_at", "-id")[:ITEMS]
        if count
        else []
    )
    return Section(
        key="permission-lapsed",
        title=_("Withdrawn for lack of permission"),
        count=count,
        link_text=ngettext("%(n)d article", "%(n)d articles", count) % {"n": count},
        url=_changelist(Article, rights="lapsed"),
        empty=_("No article was withdrawn for lack of permission."),
        items=[_article_item(a, a.permission_lapse_note or a.source.name) for a in rows],
    )


# What the editors' desk shows, in this order. One entry per section.
EDITOR_SECTIONS = [
    drafts_to_curate,
    scheduled_soon,
    failing_feeds,
    upstream_changed,
    permissions_ending_soon,
    withdrawn_for_lack_of_permission,
]


def sections(request, now=None) -> list[Section]:
    """The sections for this user, in order; those of other roles are left out."""
    now = now or timezone.now()
    built = (build(request, now) for build in EDITOR_SECTIONS)
    return [section for section in built if section is not None]
