"""The overdue reminder to the Legal team, sent by `manage.py send_takedown_reminders`."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone

from .models import TakedownRequest

logger = logging.getLogger(__name__)


def send_overdue_reminder(now=None) -> int:
    """Emails one list of the overdue notices not listed in the last TAKEDOWN_REMINDER_HOURS.

    The rows are locked (skipping those another run holds) while the email
    goes out, and marked only once it has: a second run at the same moment
    finds nothing to send, and a mail failure leaves them for the next run,
    which raises here so cron sees it.
    """
    now = now or timezone.now()
    again_after = now - timedelta(hours=settings.TAKEDOWN_REMINDER_HOURS)
    with transaction.atomic():
        due = (
            TakedownRequest.objects.overdue(now)
            .filter(Q(reminded_at__isnull=True) | Q(reminded_at__lt=again_after))
            .select_for_update(skip_locked=True)
            .order_by("received_at", "pk")
        )
        takedowns = list(due)
        if not takedowns:
            return 0
        context = {
            "takedowns": takedowns,
            "now": now,
            "SITE_URL": settings.SITE_URL,
            "SITE_NAME": settings.SITE_NAME,
            "target_days": settings.TAKEDOWN_TARGET_DAYS,
        }
        subject = " ".join(
            render_to_string("syndication/email/takedown_reminder_subject.txt", context).split()
        )
        EmailMessage(
            subject=subject,
            body=render_to_string("syndication/email/takedown_reminder.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=list(settings.LEGAL_TEAM_EMAILS),
        ).send()
        TakedownRequest.objects.filter(pk__in=[t.pk for t in takedowns]).update(reminded_at=now)
    logger.info("Reminded the Legal team of %d overdue takedown notice(s).", len(takedowns))
    return len(takedowns)
