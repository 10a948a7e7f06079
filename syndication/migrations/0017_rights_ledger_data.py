"""Existing licence text becomes records in the rights ledger, and editors may keep it.

Every source's default licence, and every article's own licence text,
becomes a full-text permission valid from before the first article it
covers, so no published or scheduled article is withdrawn by this
migration. A source with published articles and no licence text at all
gets a placeholder permission that ends 30 days from now: it is listed
under "ending within 30 days", and an editor has that long to record the
real grounds before its articles are withdrawn.
"""

import re
from datetime import timedelta

from django.contrib.auth.management import create_permissions
from django.db import migrations
from django.db.models import Min
from django.utils import timezone

CC_URL = re.compile(
    r"creativecommons\.org/(?:licenses/[a-z-]+/(?P<v>\d\.\d)|publicdomain/(?:zero|mark)/(?P<pd>\d\.\d))",
    re.IGNORECASE,
)
CC_NAME = re.compile(r"\bCC(?:0|[ -]BY)\b", re.IGNORECASE)
NOTE = (
    "Recorded from the licence text the site held when the rights ledger was introduced. "
    "Check it and add the evidence."
)
EDITOR_CODENAMES = ["add_permission", "change_permission", "view_permission"]


def _kind(text, url):
    """The ledger's kind for a licence written as free text (and its URL, if any)."""
    both = f"{text} {url}".lower()
    if "publicdomain" in both or "public domain" in both or re.search(r"\bcc0\b", both):
        return "public_domain"
    if CC_URL.search(both) or CC_NAME.search(text):
        return "cc"
    if "permission" in both or "agreement" in both or "licensed to" in both:
        return "agreement"
    return "publisher_terms"


def _version(url):
    match = CC_URL.search(url or "")
    return (match["v"] or match["pd"]) if match else ""


def _record(Permission, source, article, text, url, valid_from):
    kind = _kind(text, url)
    return Permission.objects.create(
        source=source,
        article=article,
        kind=kind,
        name=(text or url)[:300],
        license_url=url,
        license_version=_version(url),
        scope="full",
        note=NOTE,
        valid_from=valid_from,
    )


def forwards(apps, schema_editor):
    Source = apps.get_model("syndication", "Source")
    Article = apps.get_model("syndication", "Article")
    Permission = apps.get_model("syndication", "Permission")
    now = timezone.now()
    covered = ["published", "removed"]  # removed ones may be reinstated
    for source in Source.objects.all():
        articles = Article.objects.filter(source=source)
        first = articles.aggregate(
            first=Min("publish_at"),
            created=Min("created_at"),
            original=Min("original_published_at"),
        )
        starts = [d for d in (*first.values(), source.created_at, now) if d is not None]
        valid_from = min(starts) - timedelta(days=1)
        source_permission = None
        if source.default_license or source.license_url:
            source_permission = _record(
                Permission, source, None, source.default_license, source.license_url, valid_from
            )
        elif articles.filter(status__in=covered, license="").exists():
            source_permission = Permission.objects.create(
                source=source,
                kind="publisher_terms",
                name="Permission not yet recorded",
                scope="full",
                note=(
                    "The source had published articles but no licence text when the rights "
                    "ledger was introduced. Record the real grounds before this ends, or its "
                    "articles are withdrawn."
                ),
                valid_from=valid_from,
                valid_until=now + timedelta(days=30),
            )
        for article in articles.exclude(license=""):
            start = min(d for d in (article.publish_at, article.created_at, valid_from) if d)
            own = _record(Permission, source, article, article.license, "", start)
            if article.status in covered:
                Article.objects.filter(pk=article.pk).update(permission=own)
        if source_permission is not None:
            articles.filter(license="", status__in=covered).update(permission=source_permission)

    grant(apps)


def grant(apps, schema_editor=None):
    app_config = apps.get_app_config("syndication")
    previous = getattr(app_config, "models_module", None)
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = previous
    Group = apps.get_model("auth", "Group")
    AuthPermission = apps.get_model("auth", "Permission")
    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.add(
        *AuthPermission.objects.filter(
            content_type__app_label="syndication", codename__in=EDITOR_CODENAMES
        )
    )
    legal, _ = Group.objects.get_or_create(name="Legal")
    legal.permissions.add(
        *AuthPermission.objects.filter(
            content_type__app_label="syndication", codename="view_permission"
        )
    )


def backwards(apps, schema_editor):
    Article = apps.get_model("syndication", "Article")
    Article.objects.update(permission=None)
    apps.get_model("syndication", "Permission").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("syndication", "0016_rights_ledger")]

    operations = [migrations.RunPython(forwards, backwards)]
