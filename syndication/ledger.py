"""Keeping published articles within the rights ledger when permissions end, change or arrive.

`withdraw_unpermitted()` is the scheduled half of the publishing gate: an
article was covered when it was published, but its permission may since
have ended or been revoked. It is run by `manage.py withdraw_unpermitted`
(cron, the compose stack's mailer loop, the Celery beat) and at once when
an editor revokes or shortens a permission in the admin.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import frontcache
from .models import Article, Permission
from .models.permissions import best_of

logger = logging.getLogger(__name__)


def _needs_a_look(now):
    """Published (or scheduled) articles whose recorded permission does not cover them now.

    A scheduled article needs its permission at its publish time, so the
    later of now and that time is checked.
    """
    return Article.objects.filter(status=Article.Status.PUBLISHED).filter(
        Q(permission__isnull=True)
        | ~Q(permission__source=F("source"))  # the article was moved to another source
        | Q(permission__revoked_at__isnull=False)
        | (Q(permission__valid_from__gt=now) & Q(permission__valid_from__gt=F("publish_at")))
        | Q(permission__valid_until__lte=now)
        | Q(permission__valid_until__lte=F("publish_at"))
    )


def _lapse_reason(article, now) -> str:
    permission = article.permission
    if permission is None:
        return _("No permission in the rights ledger covered it.")
    values = {"permission": permission.name}
    if permission.revoked_at is not None:
        values["date"] = date_format(timezone.localtime(permission.revoked_at), "DATE_FORMAT")
        values["why"] = permission.revoked_reason
        return _("The permission “%(permission)s” was revoked on %(date)s: %(why)s") % values
    if permission.valid_until is not None:
        values["date"] = date_format(timezone.localtime(permission.valid_until), "DATE_FORMAT")
        return _("The permission “%(permission)s” ended on %(date)s.") % values
    return _("The permission “%(permission)s” does not cover its publish time.") % values


def withdraw_unpermitted(now=None, source=None) -> list[Article]:
    """Withdraws the published articles no permission covers any more; returns them.

    An article whose permission ended but which another permission covers
    (a renewed agreement) is moved to that one and stays. Safe to run
    from several processes at once: each article is decided under its row
    lock, and one already withdrawn by another run is left alone, so
    editors hear of each withdrawal once.
    """
    now = now or timezone.now()
    candidates = _needs_a_look(now).select_related("source", "permission")
    if source is not None:
        candidates = candidates.filter(source=source)
    withdrawn = []
    for article in candidates:
        when = max(now, article.publish_at or now)
        with transaction.atomic():
            current = Article.objects.select_for_update().filter(pk=article.pk).first()
            if current is None or current.status != Article.Status.PUBLISHED:
                continue
            permissions = list(Permission.objects.for_article(current).valid_at(when))
            replacement = best_of(permissions, current, when)
            if replacement is not None:
                if replacement.pk != current.permission_id:
                    current.permission = replacement
                    current.save(update_fields=["permission", "updated_at"])
                continue
            reason = _lapse_reason(article, now)
            current.withdraw_for_lack_of_permission(reason, now=now)
            logger.warning(
                "Withdrew “%s” (%s) for lack of permission: %s", current, current.pk, reason
            )
            withdrawn.append(current)
    if withdrawn:
        tell_editors(withdrawn)
    return withdrawn


def relink(source) -> int:
    """Moves the source's published articles to the best permission that covers them now.

    Run after a permission is added or changed, so a wider or article-own
    permission takes effect for readers at once. Never withdraws: that is
    `withdraw_unpermitted`'s, with its record and email. Returns how many moved.
    """
    now = timezone.now()
    permissions = list(Permission.objects.filter(source=source))
    moved = 0
    published = Article.objects.filter(source=source, status=Article.Status.PUBLISHED)
    for article in published.only("pk", "source_id", "publish_at", "permission_id"):
        when = max(now, article.publish_at or now)
        best = best_of(permissions, article, when)
        if best is not None and best.pk != article.permission_id:
            Article.objects.filter(pk=article.pk).update(permission=best, updated_at=now)
            moved += 1
    if moved or published.exists():
        # What readers get may have changed with the permission's scope or name.
        keys = [frontcache.article_key(pk) for pk in published.values_list("pk", flat=True)]
        frontcache.purge_after_commit(*keys, frontcache.source_key(source), frontcache.LISTS)
    return moved


def tell_editors(articles) -> None:
    """Emails the Editors group the articles just withdrawn; a failure is logged, not raised."""
    recipients = list(
        get_user_model()
        .objects.filter(groups__name="Editors", is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )
    if not recipients:
        return
    # The editors read the site's own language, whoever's action withdrew the articles.
    with translation.override(settings.LANGUAGE_CODE):
        lines = [
            f"- {a.title} ({a.source.name}): {a.permission_lapse_note}\n  "
            f"{settings.SITE_URL}/admin/syndication/article/{a.pk}/change/"
            for a in articles
        ]
        subject = ngettext(
            "%(count)s article withdrawn for lack of permission",
            "%(count)s articles withdrawn for lack of permission",
            len(articles),
        ) % {"count": len(articles)}
        body = (
            _(
                "These articles were taken off the public site because no permission in the rights "
                "ledger covers them any more. Record a new permission, then publish them again."
            )
            + "\n\n"
            + "\n".join(lines)
            + "\n"
        )
    try:
        send_mail(subject, body, None, recipients)
    except Exception:
        # The withdrawal stands; the admin lists it under "withdrawn for lack of permission".
        logger.exception("Could not email editors about withdrawn articles")
