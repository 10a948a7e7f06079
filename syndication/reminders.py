"""The overdue reminder to the Legal team, sent by `manage.py send_takedown_reminders`.

It lists notices, appeals and counter-notices past their target times.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import Appeal, TakedownRequest

logger = logging.getLogger(__name__)


def send_overdue_reminder(now=None) -> int:
    """Emails one list of the overdue notices, appeals and counter-notices not listed in the
    last TAKEDOWN_REMINDER_HOURS; returns how many it listed.

    The rows are locked (skipping those another run holds) while the email
    goes out, and marked only once it has: a second run at the same moment
    finds nothing to send, and a mail failure leaves them for the next run,
    which raises here so cron sees it.
    """
    now = now or timezone.now()
    again_after = now - timedelta(hours=settings.TAKEDOWN_REMINDER_HOURS)
    not_reminded_lately = Q(reminded_at__isnull=True) | Q(reminded_at__lt=again_after)
    with transaction.atomic():
        takedowns = list(
            TakedownRequest.objects.overdue(now)
            .filter(not_reminded_lately)
            .select_for_update(skip_locked=True)
            .order_by("received_at", "pk")
        )
        appeals = list(
            Appeal.objects.overdue(now)
            .filter(not_reminded_lately)
            .select_for_update(skip_locked=True, of=("self",))
            .select_related("request", "source")
            .order_by("filed_at", "pk")
        )
        if not takedowns and not appeals:
            return 0
        context = {
            "takedowns": takedowns,
            "appeals": appeals,
            "now": now,
            "SITE_URL": settings.SITE_URL,
            "SITE_NAME": settings.SITE_NAME,
            "target_days": settings.TAKEDOWN_TARGET_DAYS,
            "appeal_target_days": settings.TAKEDOWN_APPEAL_TARGET_DAYS,
        }
        # The Legal team reads the site's own language, wherever the run started.
        with translation.override(settings.LANGUAGE_CODE):
            subject = " ".join(
                render_to_string("syndication/email/takedown_reminder_subject.txt", context).split()
            )
            body = render_to_string("syndication/email/takedown_reminder.txt", context)
        EmailMessage(
            subject=subject,
            body=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=list(settings.LEGAL_TEAM_EMAILS),
        ).send()
        TakedownRequest.objects.filter(pk__in=[t.pk for t in takedowns]).update(reminded_at=now)
        Appeal.objects.filter(pk__in=[a.pk for a in appeals]).update(reminded_at=now)
    logger.info(
        "Reminded the Legal team of %d overdue takedown notice(s) and %d appeal(s).",
        len(takedowns),
        len(appeals),
    )
    return len(takedowns) + len(appeals)
