"""Appeals and counter-notices: the second look at a decision, and the publisher's reply.

Two ways back to a decision: the claimant appeals a rejection (DSA Art. 20,
within TAKEDOWN_APPEAL_DAYS of the decision); the publisher whose article was
removed files a counter-notice through its private link (17 U.S.C.
§ 512(g)(3)), which also counts as its complaint under Art. 20. A Legal user
other than the one who made the first decision decides either. After a valid
counter-notice the article comes back by itself after
TAKEDOWN_COUNTER_NOTICE_BUSINESS_DAYS business days (§ 512(g)(2)(C): 10 to
14), unless Legal records that the claimant has started court action; when the
court action ends, Legal records its outcome and the article comes back or
stays removed.

A notice may claim articles of several sources. Each source's rights contact
gets its own private link (ContestLink), and its counter-notice covers only its
own articles: one publisher cannot bring back another's.
"""

import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from .evidence import ArticleFingerprint
from .kept import TakedownRecordsAreKept, UndeletableQuerySet
from .takedown_emails import TakedownEmail


def business_days_after(start, days: int, holidays=None):
    """`start` moved on by `days` business days: Monday to Friday, less TAKEDOWN_HOLIDAYS.

    § 512(g)(2)(C) asks for at least 10 business days, so a public holiday
    in the period must push the restoration back; list them in the setting.
    Days are counted in the site's time zone (TIME_ZONE), where the holidays
    and weekends are: a notice filed on a Thursday evening in Los Angeles is
    already Friday in UTC. The result keeps the local time of day of `start`;
    a naive `start` is counted as it is.
    """
    holidays = settings.TAKEDOWN_HOLIDAYS if holidays is None else holidays
    local = timezone.localtime(start) if timezone.is_aware(start) else start
    day, left = local.date(), days
    while left:
        day += timedelta(days=1)
        if day.weekday() < 5 and day not in holidays:
            left -= 1
    moment = datetime.combine(day, local.time())
    # Made aware again on that day, so a change to or from summer time keeps the hour.
    return timezone.make_aware(moment, local.tzinfo) if timezone.is_aware(start) else moment


def new_contest_token() -> str:
    return secrets.token_urlsafe(24)


def appeal_target_time() -> timedelta:
    """How long Legal aims to take from an appeal or counter-notice to its decision."""
    return timedelta(days=settings.TAKEDOWN_APPEAL_TARGET_DAYS)


class ContestLink(models.Model):
    """One publisher's private link to contest a removal: one per request and source.

    The token is the key, emailed (or posted) to the source's rights contact
    and shown nowhere else; the page behind it shows only that source's
    articles, and a counter-notice filed through it restores only those.
    """

    request = models.ForeignKey(
        "syndication.TakedownRequest",
        on_delete=models.PROTECT,
        related_name="contest_links",
        verbose_name=_("takedown request"),
    )
    source = models.ForeignKey(
        "syndication.Source",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("source"),
        null=True,
        blank=True,
        help_text=_("Empty on a link sent before links were per publisher: it covers the "
                    "articles of every publisher the request removed."),
    )  # fmt: skip
    token = models.CharField(
        _("token"), max_length=40, unique=True, default=new_contest_token, editable=False
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    objects = UndeletableQuerySet.as_manager()

    class Meta:
        ordering = ["request", "source"]
        verbose_name = _("publisher's contest link")
        verbose_name_plural = _("publishers' contest links")
        constraints = [
            models.UniqueConstraint(fields=["request", "source"], name="contest_link_per_source")
        ]

    def __str__(self):
        return f"{self.request} · {self.source}"

    def get_absolute_url(self):
        return reverse("syndication:takedown_contest", kwargs={"token": self.token})

    def delete(self, *args, **kwargs):
        raise TakedownRecordsAreKept(_("Takedown records are never deleted."))

    def removed_articles(self):
        """This source's articles that the request removed (whatever they are now)."""
        articles = self.request.articles.filter(
            claimedarticle__request=self.request_id, claimedarticle__removed_at__isnull=False
        )
        if self.source_id is not None:
            articles = articles.filter(source=self.source_id)
        return articles.distinct()

    @property
    def counter_notice(self):
        return self.request.appeals.filter(
            kind=Appeal.Kind.COUNTER_NOTICE, source=self.source
        ).first()


class AppealQuerySet(UndeletableQuerySet):
    def pending(self):
        return self.filter(outcome=Appeal.Outcome.PENDING)

    def overdue(self, now=None):
        """Appeals and counter-notices waiting past TAKEDOWN_APPEAL_TARGET_DAYS."""
        return self.pending().filter(filed_at__lt=(now or timezone.now()) - appeal_target_time())


class Appeal(models.Model):
    """One appeal of a decision: the claimant's, or the publisher's counter-notice."""

    class Kind(models.TextChoices):
        CLAIMANT = "claimant", _("Claimant's appeal of a rejection")
        COUNTER_NOTICE = "counter_notice", _("Publisher's counter-notice")

    class Outcome(models.TextChoices):
        PENDING = "pending", _("Waiting for a decision")
        UPHELD = "upheld", _("Decision upheld")
        REVERSED = "reversed", _("Decision reversed")
        RESTORED = "restored", _("Restored after the counter-notice period")
        COURT_ACTION = "court_action", _("Claimant started court action")

    request = models.ForeignKey(
        "syndication.TakedownRequest",
        on_delete=models.PROTECT,
        related_name="appeals",
        verbose_name=_("takedown request"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    source = models.ForeignKey(
        "syndication.Source",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("publisher"),
        help_text=_("For a counter-notice: the source whose articles it contests."),
    )
    filed_at = models.DateTimeField(_("filed"), default=timezone.now)
    explanation = models.TextField(_("why the decision is wrong"), max_length=5000)
    # The elements of a counter-notice, 17 U.S.C. § 512(g)(3).
    name = models.CharField(_("full name"), max_length=200, blank=True)
    email = models.EmailField(_("email"), max_length=254, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    postal_address = models.TextField(_("postal address"), max_length=500, blank=True)
    material = models.TextField(
        _("material removed and where it appeared"),
        max_length=2000,
        blank=True,
        help_text=_(
            "§ 512(g)(3)(B): identification of the material and its location before removal."
        ),
    )
    mistake_statement = models.BooleanField(
        _("statement under penalty of perjury"),
        default=False,
        help_text=_("A good-faith belief, under penalty of perjury, that the material was removed "
                    "as a result of mistake or misidentification."),
    )  # fmt: skip
    jurisdiction_consent = models.BooleanField(
        _("consent to jurisdiction"),
        default=False,
        help_text=_("Consent to the jurisdiction of the Federal District Court for the district of "
                    "the address given (or, outside the US, any district where we may be found), "
                    "and acceptance of service of process from the claimant."),
    )  # fmt: skip
    signature = models.CharField(_("signature"), max_length=200, blank=True)

    original_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("first decision by"),
        help_text=_("Who made the decision appealed; someone else must decide the appeal."),
    )
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=Outcome.choices, default=Outcome.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("appeal decided by"),
    )
    decided_at = models.DateTimeField(_("appeal decided"), null=True, blank=True)
    reasons = models.TextField(_("reasons for the appeal decision"), blank=True)
    restore_due_at = models.DateTimeField(
        _("restore on"),
        null=True,
        blank=True,
        help_text=_("After a counter-notice: when its articles come back unless court action "
                    "is recorded first."),
    )  # fmt: skip
    # When the overdue reminder last listed this appeal (see send_takedown_reminders).
    reminded_at = models.DateTimeField(_("last reminder"), null=True, blank=True, editable=False)

    objects = AppealQuerySet.as_manager()

    class Meta:
        ordering = ["filed_at", "id"]
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")

    def __str__(self):
        if self.source_id:
            return f"{self.request} {self.get_kind_display()} ({self.source})"
        return f"{self.request} {self.get_kind_display()}"

    @property
    def due_at(self):
        """The target time for deciding this appeal: filed time plus TAKEDOWN_APPEAL_TARGET_DAYS."""
        return self.filed_at + appeal_target_time()

    @property
    def is_overdue(self) -> bool:
        return self.outcome == self.Outcome.PENDING and timezone.now() > self.due_at

    def delete(self, *args, **kwargs):
        raise TakedownRecordsAreKept(_("Takedown records are never deleted."))

    def _close(self, outcome, by=None, reasons=""):
        self.outcome = outcome
        self.decided_by = by
        self.decided_at = timezone.now()
        self.reasons = reasons
        self.restore_due_at = None  # decided: no automatic restoration any more
        self.save(
            update_fields=["outcome", "decided_by", "decided_at", "reasons", "restore_due_at"]
        )


class AppealTransitionsMixin:
    """The appeal and counter-notice transitions of TakedownRequest (kept here for size)."""

    def first_rejected_at(self):
        """When the notice was first rejected: upholding an appeal rejects it again, and moves
        `decided_at`, but the time to appeal runs from the first rejection."""
        first = (
            self.events.filter(to_status=self.Status.REJECTED)
            .exclude(from_status=self.Status.REJECTED)  # notes added to a rejected notice
            .order_by("at", "id")
            .values_list("at", flat=True)
            .first()
        )
        return first or self.decided_at

    def appeal_deadline(self):
        """Until when the claimant may appeal a rejection: TAKEDOWN_APPEAL_DAYS after the first."""
        rejected_at = self.first_rejected_at()
        if rejected_at is None:
            return None
        return rejected_at + timedelta(days=settings.TAKEDOWN_APPEAL_DAYS)

    @property
    def was_appealed(self) -> bool:
        """The claimant has appealed already: one appeal per rejection, its decision is final."""
        return self.appeals.filter(kind=Appeal.Kind.CLAIMANT).exists()

    @property
    def can_be_appealed(self) -> bool:
        if self.status != self.Status.REJECTED or self.was_appealed:
            return False
        deadline = self.appeal_deadline()
        return deadline is not None and timezone.now() <= deadline

    def earlier_deciders(self, appeal=None) -> set:
        """The ids of the users who decided a step that `appeal` looks at again: the notice
        itself, the claimant's appeal, and earlier counter-notices of the same publisher.
        None of them may decide it: a second look means someone new each time.

        Another publisher's counter-notice is a separate matter: whoever decided
        it may decide this one, or a notice claiming articles of many sources
        would need more Legal users than it has sources.
        """
        S = self.Status
        decisions = [S.ACCEPTED, S.REJECTED, S.REINSTATED]  # where a Legal user's decision leads
        deciders = set(
            self.events.filter(to_status__in=decisions, by__isnull=False)
            # Counter-notice and court steps are the publishers' own matters (below).
            .exclude(from_status__in=[S.COUNTER_NOTICED, S.COURT_ACTION])
            .values_list("by_id", flat=True)
        )
        related = self.appeals.filter(kind=Appeal.Kind.CLAIMANT)
        if appeal is not None and appeal.kind == Appeal.Kind.COUNTER_NOTICE:
            related = related | self.appeals.filter(
                kind=Appeal.Kind.COUNTER_NOTICE, source=appeal.source_id
            )
        elif appeal is None:
            related = self.appeals.all()
        for original, decided in related.values_list("original_decided_by_id", "decided_by_id"):
            deciders.update(user for user in [original, decided] if user is not None)
        if self.decided_by_id is not None:
            deciders.add(self.decided_by_id)
        return deciders

    @property
    def pending_appeal(self):
        """The oldest appeal or counter-notice waiting for a decision."""
        return self.appeals.pending().order_by("filed_at", "id").first()

    def decidable_appeals(self, transition):
        """The appeals a step on the request's page may act on, oldest first."""
        CN = Appeal.Kind.COUNTER_NOTICE
        appeals = {
            "decide_appeal": self.appeals.pending(),
            "record_court_action": self.appeals.pending().filter(kind=CN),
            "end_court_action": self.appeals.filter(kind=CN, outcome=Appeal.Outcome.COURT_ACTION),
        }[transition]
        return appeals.select_related("source").order_by("filed_at", "id")

    def _locked_appeal(self, transition, appeal=None):
        """`appeal` (the oldest one when None), locked, if `transition` may act on it."""
        appeals = self.decidable_appeals(transition).select_for_update(of=("self",))
        if appeal is not None:
            appeals = appeals.filter(pk=getattr(appeal, "pk", appeal))
        found = appeals.first()
        if found is None:
            raise ValidationError(
                _("There is no appeal or counter-notice for this step."), code="no_appeal"
            )
        return found

    def _settled_status(self):
        """Where the removal stands once a publisher's step is decided, over all its sources.

        Each source's counter-notice runs on its own, so the request's state
        sums them up: one still waiting makes it "counter-noticed", then one
        in court "court action"; otherwise it is "accepted" while any source's
        articles stay removed by it, and "reinstated" once none do.
        """
        Outcome = Appeal.Outcome
        counter_notices = self.appeals.filter(kind=Appeal.Kind.COUNTER_NOTICE)
        if counter_notices.filter(outcome=Outcome.PENDING).exists():
            return self.Status.COUNTER_NOTICED
        if counter_notices.filter(outcome=Outcome.COURT_ACTION).exists():
            return self.Status.COURT_ACTION
        removed_sources = set(
            self.claimedarticle_set.filter(removed_at__isnull=False).values_list(
                "article__source_id", flat=True
            )
        )
        restored_sources = set(
            counter_notices.filter(outcome__in=[Outcome.REVERSED, Outcome.RESTORED]).values_list(
                "source_id", flat=True
            )
        )
        if None in restored_sources:  # a counter-notice through a link for every publisher
            restored_sources |= removed_sources
        if removed_sources - restored_sources:
            return self.Status.ACCEPTED
        return self.Status.REINSTATED

    def appeal(self, explanation):
        """The claimant appeals the rejection online; Legal is told, the claimant gets a receipt."""
        explanation = explanation.strip()
        if not explanation:
            raise ValidationError(_("Say why the decision is wrong."), code="required")
        with transaction.atomic():
            before = self._locked({self.Status.REJECTED}, self.Status.APPEALED)
            if self.was_appealed:
                raise ValidationError(
                    _("This rejection was appealed already; the decision on the appeal is final."),
                    code="appealed_already",
                )
            if not self.can_be_appealed:
                raise ValidationError(
                    _("The time to appeal this decision (%(days)d days) has passed.")
                    % {"days": settings.TAKEDOWN_APPEAL_DAYS},
                    code="appeal_too_late",
                )
            # The record is kept in the site's language, whatever language the claimant uses.
            with translation.override(settings.LANGUAGE_CODE):
                appeal = Appeal.objects.create(
                    request=self,
                    kind=Appeal.Kind.CLAIMANT,
                    explanation=explanation,
                    original_decided_by=self.decided_by,
                )
                self._set_status(self.Status.APPEALED)
                self._log(
                    None,
                    before,
                    self.status,
                    _("Appeal by the claimant: %(text)s") % {"text": explanation},
                )
                self._queue_claimant_update(
                    _("The claimant appealed the rejection:\n\n%(text)s") % {"text": explanation}
                )
                self._queue_step_email([self.email], "syndication/email/takedown_appeal_received")
        return appeal

    def file_counter_notice(self, link, **fields):
        """A publisher's counter-notice on its own articles: the claimant is told, the timer starts.

        `link` is the publisher's ContestLink: the counter-notice covers that
        source's articles only. § 512(g)(2)(B): the claimant gets a copy; (C):
        the material comes back after the period unless the claimant starts
        court action first.
        """
        S = self.Status
        with transaction.atomic():
            before = self._locked(
                {S.ACCEPTED, S.COUNTER_NOTICED, S.COURT_ACTION}, S.COUNTER_NOTICED
            )
            if self.appeals.filter(kind=Appeal.Kind.COUNTER_NOTICE, source=link.source).exists():
                raise ValidationError(
                    _("A counter-notice was already filed on this removal."), code="duplicate"
                )
            if not link.removed_articles().filter(status="removed").exists():
                raise ValidationError(
                    _("None of your articles is still removed under this request."),
                    code="nothing_removed",
                )
            # The record is kept in the site's language, whatever language the publisher uses.
            with translation.override(settings.LANGUAGE_CODE):
                appeal = Appeal.objects.create(
                    request=self,
                    kind=Appeal.Kind.COUNTER_NOTICE,
                    source=link.source,
                    original_decided_by=self.decided_by,
                    restore_due_at=business_days_after(
                        timezone.now(), settings.TAKEDOWN_COUNTER_NOTICE_BUSINESS_DAYS
                    ),
                    **fields,
                )
                self._set_status(S.COUNTER_NOTICED)
                due = f"{timezone.localtime(appeal.restore_due_at):%Y-%m-%d}"
                note = _(
                    "Counter-notice from %(name)s for %(source)s. Its articles are restored on "
                    "%(due)s unless court action is recorded first.\n%(text)s"
                ) % {
                    "name": appeal.name,
                    "source": link.source or _("every publisher"),
                    "due": due,
                    "text": appeal.explanation,
                }
                self._log(None, before, self.status, note)
                context = {"appeal": appeal, "articles": list(link.removed_articles())}
                for recipients, template in [
                    ([self.email], "syndication/email/takedown_counter_notice_to_claimant"),
                    ([appeal.email], "syndication/email/takedown_counter_notice_received"),
                ]:
                    self._queue_step_email(recipients, template, **context)
                self._queue_claimant_update(
                    _(
                        "%(source)s filed a counter-notice; its articles return on %(due)s "
                        "unless court action is recorded."
                    )
                    % {"source": link.source or _("a publisher"), "due": due}
                )
        return appeal

    def decide_appeal(self, by, reasons, reverse, appeal=None):
        """Decides a pending appeal (the oldest when None); `by` must not have decided earlier.

        The claimant's appeal: reversing removes the articles (accepted),
        upholding keeps the rejection. A publisher's counter-notice: reversing
        restores that source's articles now, upholding keeps them removed and
        stops their automatic restoration; the request then stands as its
        sources do (_settled_status).
        """
        self._check_reasons(reasons)
        S = self.Status
        with transaction.atomic():
            before = self._locked({S.APPEALED, S.COUNTER_NOTICED}, S.ACCEPTED)
            appeal = self._locked_appeal("decide_appeal", appeal)
            # Everyone who decided earlier in the chain, not only the decision appealed: an
            # upheld appeal must not come back to the first decider, and an appeal that names
            # no first decider is refused to anyone who decided a step.
            if by.pk in self.earlier_deciders(appeal) or appeal.original_decided_by_id == by.pk:
                raise ValidationError(
                    _("An appeal must be decided by someone other than %(user)s, who made an "
                      "earlier decision on this request.") % {"user": by.get_username()},
                    code="same_decider",
                )  # fmt: skip
            outcome = Appeal.Outcome.REVERSED if reverse else Appeal.Outcome.UPHELD
            removed = restored = ()
            if appeal.kind == Appeal.Kind.CLAIMANT:
                # The notice's own outcome changes: its statement of reasons is this one.
                if reverse:
                    removed = self._remove_articles(only_public=False)
                self._decide(by, S.ACCEPTED if reverse else S.REJECTED, reasons)
                appeal._close(outcome, by, self._reasons_text())
                self._queue_decision_email()
            else:
                # One publisher's matter: the notice keeps the statement of reasons of
                # its removal, which the other publishers' pages show; this decision's
                # reasons are the counter-notice's own.
                if reverse:
                    restored = self._restore_articles(source=appeal.source)
                self._evidence = self._take_fingerprints(ArticleFingerprint.Moment.DECISION)
                appeal._close(outcome, by, self._reasons_text(reasons=reasons))
                self._set_status(self._settled_status())
                for recipients in [[self.email], [appeal.email]]:
                    self._queue_step_email(
                        recipients,
                        "syndication/email/takedown_appeal_decided",
                        appeal=appeal,
                        articles=restored,
                    )
            self._log(
                by,
                before,
                self.status,
                _("Appeal decided: %(appeal)s, %(outcome)s.\n")
                % {"appeal": appeal, "outcome": appeal.get_outcome_display()}
                + self._reasons_text(reasons=reasons, removed=removed, restored=restored),
            )
            if removed:
                self._queue_editor_notices(removed)
                self._queue_publisher_notices(removed)
                self._apply_repeat_infringer_policy(removed)
                from ..records.export import record_statement

                record_statement(self)
        return appeal

    def record_court_action(self, by, note, appeal=None):
        """Legal records that the claimant went to court over a counter-notice's articles.

        They stay removed, and are not restored when the period ends, until
        Legal records how the court action ended (end_court_action).
        """
        note = (note or "").strip()
        if not note:
            raise ValidationError(_("Say which court action, and how we know."), code="required")
        with transaction.atomic():
            before = self._locked({self.Status.COUNTER_NOTICED}, self.Status.COURT_ACTION)
            appeal = self._locked_appeal("record_court_action", appeal)
            appeal._close(Appeal.Outcome.COURT_ACTION, by, note)
            self._set_status(self._settled_status())
            self._log(
                by,
                before,
                self.status,
                _("Court action by the claimant over %(appeal)s: %(note)s")
                % {"appeal": appeal, "note": note},
            )
            for recipients in [[appeal.email], [self.email]]:
                self._queue_step_email(
                    recipients, "syndication/email/takedown_court_action", appeal=appeal
                )
        return appeal

    def end_court_action(self, by, reasons, restore, appeal=None):
        """Records how a court action ended: the articles come back, or stay removed for good.

        `restore`: the court found for the publisher, or the claimant dropped
        the case; otherwise the court upheld the removal. The court decides,
        not Legal, so any Legal user records it, with a statement of reasons
        sent to both sides.
        """
        self._check_reasons(reasons)
        S = self.Status
        with transaction.atomic():
            before = self._locked({S.COURT_ACTION, S.COUNTER_NOTICED}, S.ACCEPTED)
            appeal = self._locked_appeal("end_court_action", appeal)
            outcome = Appeal.Outcome.REVERSED if restore else Appeal.Outcome.UPHELD
            restored = self._restore_articles(source=appeal.source) if restore else ()
            # As for a counter-notice decision: the reasons are this publisher's matter.
            self._evidence = self._take_fingerprints(ArticleFingerprint.Moment.DECISION)
            appeal._close(outcome, by, self._reasons_text(reasons=reasons))
            self._set_status(self._settled_status())
            self._log(
                by,
                before,
                self.status,
                _("Court action ended over %(appeal)s: %(outcome)s.\n")
                % {"appeal": appeal, "outcome": appeal.get_outcome_display()}
                + self._reasons_text(reasons=reasons, restored=restored),
            )
            for recipients in [[self.email], [appeal.email]]:
                self._queue_step_email(
                    recipients,
                    "syndication/email/takedown_court_ended",
                    appeal=appeal,
                    articles=restored,
                )
        return appeal

    def restore_after_counter_notice(self, appeal=None, now=None):
        """A counter-notice's period ended without court action: its source's articles return."""
        now = now or timezone.now()
        with transaction.atomic():
            before = self._locked({self.Status.COUNTER_NOTICED}, self.Status.REINSTATED)
            appeal = self._locked_appeal("record_court_action", appeal)
            if appeal.restore_due_at is None or appeal.restore_due_at > now:
                raise ValidationError(_("The counter-notice period has not ended."), code="not_due")
            restored = self._restore_articles(source=appeal.source)
            appeal._close(Appeal.Outcome.RESTORED)
            self._set_status(self._settled_status())
            self._log(
                None,
                before,
                self.status,
                _("Restored after the counter-notice period, no court action: %(articles)s")
                % {"articles": ", ".join(a.slug for a in restored) or "–"},
            )
            for recipients in [[self.email], [appeal.email]]:
                self._queue_step_email(
                    recipients,
                    "syndication/email/takedown_restored",
                    appeal=appeal,
                    articles=restored,
                )
        return restored

    def _queue_step_email(self, recipients, template, **extra):
        """Queues a step's email; _queue_email writes it in the claimant's language if to them."""
        recipients = [address for address in recipients if address]
        if recipients:
            # Replies (e.g. a claimant's word of court action) reach the Legal team.
            reply_to = list(settings.LEGAL_TEAM_EMAILS)
            self._queue_email(
                TakedownEmail.Kind.APPEAL_STEP, recipients, template, reply_to=reply_to, **extra
            )
