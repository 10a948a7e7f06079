"""Takedown requests from rights holders, the Legal team's decisions on them, and their log.

Nothing here is ever deleted: a notice, every step taken on it and every email
about it stay on record (DESIGN.md, invariant 4). Emails go through an outbox
written in the same transaction as the change they announce and sent only after
that transaction commits, so a mail failure can never lose or undo a request.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, models, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from .appeals import Appeal, AppealTransitionsMixin, ContestLink
from .articles import Article
from .evidence import ArticleFingerprint
from .kept import AppendOnlyQuerySet, TakedownRecordsAreKept, UndeletableQuerySet
from .takedown_emails import TakedownEmail

# Crockford's base32: no I, L, O or U, so a reference read aloud or retyped stays right.
REFERENCE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
REFERENCE_LENGTH = 9  # 32**9 ≈ 3.5e13 codes: not guessable, not enumerable.
REFERENCE_REGEX = rf"TD-[{REFERENCE_ALPHABET}]{{{REFERENCE_LENGTH}}}"
# The statement of reasons, as the DSA's Article 17 structures it.
REASON_PARTS = ["action", "facts", "ground", "redress"]


def new_reference() -> str:
    return "TD-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))


class IllegalTakedownTransition(ValidationError):
    """Raised when a decision is not allowed from the request's current state."""


def target_time() -> timedelta:
    """How long the Legal team aims to take from a notice to its decision."""
    return timedelta(days=settings.TAKEDOWN_TARGET_DAYS)


class TakedownRequestQuerySet(UndeletableQuerySet):
    def open(self):
        return self.filter(status__in=TakedownRequest.OPEN_STATUSES)

    def restore_due(self, now=None) -> int:
        """Restores what each counter-notice whose period has ended covers; returns how many."""
        now = now or timezone.now()
        due = (
            Appeal.objects.pending()
            .filter(kind=Appeal.Kind.COUNTER_NOTICE, restore_due_at__lte=now)
            .select_related("request")
            .order_by("restore_due_at", "pk")
        )
        done = 0
        for appeal in due:
            try:
                appeal.request.restore_after_counter_notice(appeal=appeal, now=now)
            except ValidationError:
                continue  # decided or restored meanwhile by another process
            done += 1
        return done

    def overdue(self, now=None):
        """Open requests whose target time to decision has passed."""
        return self.open().filter(received_at__lt=(now or timezone.now()) - target_time())


class TakedownRequest(AppealTransitionsMixin, models.Model):
    """A rights holder's notice that articles on this site infringe their rights.

    The fields follow the elements of a notice under 17 U.S.C. § 512(c)(3) and
    Article 16 of the EU Digital Services Act; the decision is recorded as the
    statement of reasons of the DSA's Article 17.
    """

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        UNDER_REVIEW = "under_review", _("Under review")
        ACCEPTED = "accepted", _("Accepted: content removed")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn by the claimant")
        REINSTATED = "reinstated", _("Reinstated: content restored")
        APPEALED = "appealed", _("Rejection appealed by the claimant")
        COUNTER_NOTICED = "counter_noticed", _("Counter-notice: restoring unless court action")
        COURT_ACTION = "court_action", _("Court action: content stays removed")

    class Capacity(models.TextChoices):
        OWNER = "owner", _("I own the rights")
        AGENT = "agent", _("I am authorised to act for the rights owner")

    OPEN_STATUSES = [Status.RECEIVED, Status.UNDER_REVIEW]
    # States in which this request keeps its articles removed.
    REMOVING_STATUSES = [Status.ACCEPTED, Status.COUNTER_NOTICED, Status.COURT_ACTION]

    reference = models.CharField(
        _("reference"),
        max_length=12,
        unique=True,
        editable=False,
        help_text=_("Given to the claimant; with their email it lets them follow the request."),
    )
    articles = models.ManyToManyField(
        Article,
        through="ClaimedArticle",
        related_name="takedown_requests",
        verbose_name=_("claimed articles"),
        help_text=_("The articles the claimed URLs point to."),
    )
    claimed_urls = models.TextField(
        _("claimed URLs"), max_length=5000, help_text=_("As submitted, one per line.")
    )

    claimant_name = models.CharField(_("full name"), max_length=200)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    email = models.EmailField(_("email"), max_length=254)
    phone = models.CharField(_("phone"), max_length=40)
    postal_address = models.TextField(_("postal address"), max_length=500)
    capacity = models.CharField(
        _("acting as"), max_length=10, choices=Capacity.choices, default=Capacity.OWNER
    )
    represented_owner = models.CharField(
        _("rights owner represented"),
        max_length=200,
        blank=True,
        help_text=_("For an authorised agent: the rights owner they act for."),
    )

    work_description = models.TextField(
        _("copyrighted work"), max_length=5000, help_text=_("The work the claimant says is copied.")
    )
    original_work_url = models.URLField(_("link to the original work"), max_length=1000, blank=True)
    explanation = models.TextField(_("explanation"), max_length=5000)
    good_faith_statement = models.BooleanField(
        _("good-faith statement"),
        default=False,
        help_text=_("A good-faith belief that the use is not authorised by the owner, "
                    "its agent or the law."),
    )  # fmt: skip
    accuracy_statement = models.BooleanField(
        _("accuracy statement"),
        default=False,
        help_text=_("The notice is accurate and, under penalty of perjury, the claimant is "
                    "the owner or authorised to act for the owner."),
    )  # fmt: skip
    signature = models.CharField(
        _("signature"), max_length=200, help_text=_("The claimant's full name, typed.")
    )

    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED, db_index=True
    )
    received_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    # The same form sent twice (a double click, a resent POST) is stored once:
    # a digest of the token drawn for the form shown and of the notice as
    # sent, so a form sent again after an edit is a new notice. Empty for
    # notices sent without a token.
    submission_key = models.CharField(
        _("submission key"), max_length=64, blank=True, editable=False
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        default="en",
        editable=False,
        help_text=_(
            "The language the notice was filed in; the claimant's emails are written in it."
        ),
    )

    # Statement of reasons (DSA Article 17) for the latest decision; the
    # events keep the reasons of every earlier one.
    reasons_action = models.TextField(
        _("action taken"), blank=True, help_text=_("What was done, and to which content.")
    )
    reasons_facts = models.TextField(
        _("facts and circumstances"), blank=True, help_text=_("What the decision rests on.")
    )
    reasons_ground = models.TextField(
        _("ground relied on"),
        blank=True,
        help_text=_("The law or term the decision applies, e.g. copyright infringement."),
    )
    reasons_redress = models.TextField(
        _("redress"),
        blank=True,
        help_text=_("What the claimant (or the publisher) can do if they disagree."),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    # When the overdue reminder last listed this request, so cron runs close
    # together remind the Legal team once (see send_takedown_reminders).
    reminded_at = models.DateTimeField(_("last reminder"), null=True, blank=True, editable=False)

    objects = TakedownRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("takedown request")
        verbose_name_plural = _("takedown requests")
        constraints = [
            models.UniqueConstraint(
                fields=["submission_key"],
                condition=~models.Q(submission_key=""),
                name="takedown_stored_once_per_form",
            ),
        ]

    def __str__(self):
        return self.reference

    def save(self, *args, **kwargs):
        if not self.reference:
            self.reference = new_reference()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("syndication:takedown_submitted", kwargs={"reference": self.reference})

    def delete(self, *args, **kwargs):
        raise TakedownRecordsAreKept(_("Takedown requests are never deleted."))

    @staticmethod
    def wait_for_same_submission(key: str) -> None:
        """Inside a transaction: waits until no other one holds `key`, then holds it.

        So sends of one form are handled one after the other and a repeat
        finds the notice its first send stored. PostgreSQL only; SQLite runs
        one writer at a time, and the unique key catches what gets past.
        """
        if key and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [int(key[:15], 16)])

    @property
    def is_decided(self) -> bool:
        return self.status not in self.OPEN_STATUSES

    @property
    def due_at(self):
        """The target time for a decision: received time plus TAKEDOWN_TARGET_DAYS."""
        return self.received_at + target_time()

    @property
    def is_overdue(self) -> bool:
        return not self.is_decided and timezone.now() > self.due_at

    # Which transition each state allows, for the buttons on the request's page.
    TRANSITIONS = {
        "start_review": [Status.RECEIVED],
        "accept": [Status.UNDER_REVIEW],
        "reject": [Status.UNDER_REVIEW],
        "reinstate": [Status.ACCEPTED],
        "withdraw": OPEN_STATUSES,
        "decide_appeal": [Status.APPEALED, Status.COUNTER_NOTICED],
        "record_court_action": [Status.COUNTER_NOTICED],
        # A court action over one source's articles may end while another's
        # counter-notice still waits.
        "end_court_action": [Status.COURT_ACTION, Status.COUNTER_NOTICED],
    }
    # Steps that act on one appeal: offered only where there is one to act on.
    APPEAL_STEPS = ["decide_appeal", "record_court_action", "end_court_action"]

    @property
    def allowed_transitions(self) -> list[str]:
        return [
            name
            for name, states in self.TRANSITIONS.items()
            if self.status in states
            and (name not in self.APPEAL_STEPS or self.decidable_appeals(name).exists())
        ]

    # --- receipt ----------------------------------------------------------

    @classmethod
    def submit(cls, articles, **fields):
        """Stores a new request, with its event and emails, in one transaction.

        The emails are only queued here and sent once the transaction has
        committed: the claimant's confirmation must never depend on the mail
        server. A reference collision (one in 10^13) just draws a new code.
        The language active when the notice is filed (the public form's, from
        the reader's browser) is kept, so the claimant is written to in it.
        """
        fields.setdefault("language", translation.get_language() or settings.LANGUAGE_CODE)
        # The record is kept in the site's language; the claimant's emails switch to theirs.
        with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
            request = cls(**fields)
            for _attempt in range(5):
                try:
                    with transaction.atomic():  # a savepoint: a collision only retries the insert
                        request.save()
                    break
                except IntegrityError:
                    if not cls.objects.filter(reference=request.reference).exists():
                        raise
                    request.reference = ""
            else:  # pragma: no cover - would need five collisions in a row
                raise IntegrityError("Could not draw a unique takedown reference.")

            request.articles.add(*articles)
            evidence = request._take_fingerprints(ArticleFingerprint.Moment.NOTICE)
            request._log(
                None,
                "",
                cls.Status.RECEIVED,
                "\n".join([str(_("Notice received.")), *evidence]),
                at=request.received_at,
            )
            if settings.TAKEDOWN_HIDE_ON_RECEIPT:
                hidden = request._remove_articles(only_public=True)
                if hidden:
                    request._log(
                        None,
                        cls.Status.RECEIVED,
                        cls.Status.RECEIVED,
                        _("Hidden on receipt: %(articles)s")
                        % {"articles": ", ".join(a.slug for a in hidden)},
                    )
            request._queue_email(
                TakedownEmail.Kind.ACKNOWLEDGEMENT,
                [request.email],
                "syndication/email/takedown_acknowledgement",
            )
            request._queue_email(
                TakedownEmail.Kind.LEGAL_NOTICE,
                list(settings.LEGAL_TEAM_EMAILS),
                "syndication/email/takedown_legal_notice",
                reply_to=[request.email],
            )
        return request

    # --- transitions ------------------------------------------------------
    # Each locks the request row first, so two Legal users deciding at once
    # are serialised: the second finds the new state and is refused.

    def _locked(self, allowed_from, target):
        current = TakedownRequest.objects.select_for_update().get(pk=self.pk)
        if current.status not in allowed_from:
            raise IllegalTakedownTransition(
                _("%(reference)s is “%(status)s” and cannot become “%(target)s”.")
                % {
                    "reference": current.reference,
                    "status": current.get_status_display(),
                    "target": self.Status(target).label,
                },
                code="illegal_transition",
            )
        return current.status

    def start_review(self, by):
        """The Legal team takes the request up."""
        with transaction.atomic():
            before = self._locked({self.Status.RECEIVED}, self.Status.UNDER_REVIEW)
            self._set_status(self.Status.UNDER_REVIEW)
            self._log(by, before, self.status, _("Review started."))

    def accept(self, by, reasons, notify=True):
        """Accepts the notice: every claimed article becomes `removed`, at once.

        Article.remove() saves each article, and that save invalidates every
        cached public page (syndication/signals.py), so the text leaves every
        public surface in the same moment.
        """
        self._check_reasons(reasons)
        with transaction.atomic():
            before = self._locked({self.Status.UNDER_REVIEW}, self.Status.ACCEPTED)
            removed = self._remove_articles(only_public=False)
            self._decide(by, self.Status.ACCEPTED, reasons)
            self._log(by, before, self.status, self._reasons_text(removed=removed))
            if notify:
                self._queue_decision_email()
            self._queue_editor_notices(removed)
            self._queue_publisher_notices(removed)
            self._apply_repeat_infringer_policy(removed)
            # The statement of reasons for the EU database, as issued now; the
            # records package builds on these models, hence the late import.
            from ..records.export import record_statement

            record_statement(self)

    def reject(self, by, reasons, notify=True):
        """Rejects the notice; articles hidden on receipt come back."""
        self._check_reasons(reasons)
        with transaction.atomic():
            before = self._locked({self.Status.UNDER_REVIEW}, self.Status.REJECTED)
            restored = self._restore_articles()
            self._decide(by, self.Status.REJECTED, reasons)
            self._log(by, before, self.status, self._reasons_text(restored=restored))
            if notify:
                self._queue_decision_email()

    def withdraw(self, by=None, online=False):
        """Records that the claimant withdrew the notice; articles hidden on receipt come back.

        Possible until a decision is made. `online`: the claimant did it on the
        status page, so the Legal team is told by email.
        """
        with transaction.atomic():
            before = self._locked(set(self.OPEN_STATUSES), self.Status.WITHDRAWN)
            # The record is kept in the site's language, whatever language the claimant uses.
            with translation.override(settings.LANGUAGE_CODE):
                restored = self._restore_articles()
                self._set_status(self.Status.WITHDRAWN)
                note = str(_("Withdrawn by the claimant."))
                if restored:
                    note += " " + _("Restored: %(articles)s") % {
                        "articles": ", ".join(a.slug for a in restored)
                    }
                event = self._log(by, before, self.status, note)
                if online:
                    self._queue_claimant_update(_("The claimant withdrew the notice online."))
                    # The claimant's receipt: what they did, and that it is on record.
                    self._queue_email(
                        TakedownEmail.Kind.CLAIMANT_RECEIPT,
                        [self.email],
                        "syndication/email/takedown_withdrawal_receipt",
                        reply_to=list(settings.LEGAL_TEAM_EMAILS),  # "it was not me" reaches Legal
                        restored=restored,
                        withdrawn_at=event.at,
                    )

    def add_information(self, text):
        """Appends what the claimant adds online to the log, and tells the Legal team.

        The notice as submitted never changes: the addition is an event, so
        the record shows what was known at each step. Refused once withdrawn.
        """
        text = text.strip()
        if not text:
            raise ValidationError(_("Write what you want to add."), code="required")
        with transaction.atomic():
            current = TakedownRequest.objects.select_for_update().get(pk=self.pk)
            if current.status == self.Status.WITHDRAWN:
                raise IllegalTakedownTransition(
                    _("%(reference)s was withdrawn; send a new notice instead.")
                    % {"reference": current.reference},
                    code="illegal_transition",
                )
            # The record is kept in the site's language, whatever language the claimant uses.
            with translation.override(settings.LANGUAGE_CODE):
                self.status = current.status
                self._log(
                    None,
                    current.status,
                    current.status,
                    _("Added by the claimant: %(text)s") % {"text": text},
                )
                self._queue_claimant_update(
                    _("The claimant added information:\n\n%(text)s") % {"text": text}
                )

    def reinstate(self, by, reasons, notify=True):
        """Reverses an accepted takedown (e.g. after a counter-notice): articles return.

        Each article goes back to the state it was removed from (published,
        scheduled, draft or withdrawn); one that another accepted request also
        claims stays removed.
        """
        self._check_reasons(reasons)
        with transaction.atomic():
            before = self._locked({self.Status.ACCEPTED}, self.Status.REINSTATED)
            restored = self._restore_articles()
            self._decide(by, self.Status.REINSTATED, reasons)
            self._log(by, before, self.status, self._reasons_text(restored=restored))
            if notify:
                self._queue_decision_email()

    # --- helpers for the transitions --------------------------------------

    def _set_status(self, status, *extra_fields):
        self.status = status
        super().save(update_fields=["status", *extra_fields])

    @staticmethod
    def _check_reasons(reasons):
        missing = [key for key in REASON_PARTS if not (reasons.get(key) or "").strip()]
        if missing:
            raise ValidationError(
                _("A statement of reasons needs all four parts; missing: %(missing)s.")
                % {"missing": ", ".join(missing)},
                code="reasons_missing",
            )

    def _take_fingerprints(self, moment) -> list[str]:
        """Fingerprints every claimed article now; lines for the log, saying what changed."""
        at_notice = dict(
            ArticleFingerprint.objects.filter(
                request=self, moment=ArticleFingerprint.Moment.NOTICE
            ).values_list("article_id", "sha256")
        )
        lines = []
        for article in self.articles.order_by("pk"):
            taken = ArticleFingerprint.take(article, moment, request=self)
            line = f"{_('SHA-256 of title, body and URL')} ({article.slug}): {taken.sha256}"
            if moment != ArticleFingerprint.Moment.NOTICE:
                same = at_notice.get(article.pk) == taken.sha256
                line += " · " + str(
                    _("unchanged since the notice") if same else _("CHANGED since the notice")
                )
            lines.append(line)
        return lines

    def _decide(self, by, status, reasons):
        self._evidence = self._take_fingerprints(ArticleFingerprint.Moment.DECISION)
        for key in REASON_PARTS:
            setattr(self, f"reasons_{key}", reasons[key].strip())
        self.decided_by = by
        self.decided_at = timezone.now()
        self._set_status(
            status,
            "reasons_action",
            "reasons_facts",
            "reasons_ground",
            "reasons_redress",
            "decided_by",
            "decided_at",
        )

    def _remove_articles(self, only_public):
        """Removes the claimed articles (the public ones only, when `only_public`).

        Returns every claimed article this request now keeps removed, those
        removed earlier included (hidden on receipt, or removed by another
        request): each is marked as held by this request, so it stays removed
        while this request stands, and its publisher is told and may contest.
        """
        kept = []
        for article in self.articles.select_for_update().order_by("pk"):
            claim = ClaimedArticle.objects.filter(request=self, article=article)
            if article.status == Article.Status.REMOVED:
                claim.filter(removed_at__isnull=True).update(removed_at=timezone.now())
                kept.append(article)
                continue
            if only_public and not article.is_public:
                continue
            before = article.status
            article.remove()
            claim.update(status_before=before, removed_at=timezone.now())
            kept.append(article)
        return kept

    def _holds(self, article) -> bool:
        """Whether this request keeps `article` removed: its state removes articles, and
        no counter-notice of the article's publisher brought them back."""
        holding = list(self.REMOVING_STATUSES)
        if settings.TAKEDOWN_HIDE_ON_RECEIPT:
            holding += self.OPEN_STATUSES
        if self.status not in holding:
            return False
        return not self.appeals.filter(
            Q(source=article.source_id) | Q(source__isnull=True),  # null: every publisher
            kind=Appeal.Kind.COUNTER_NOTICE,
            outcome__in=[Appeal.Outcome.REVERSED, Appeal.Outcome.RESTORED],
        ).exists()

    def _restore_articles(self, source=None):
        """Publishes again the claimed articles (of `source` only, when given) that no other
        request still keeps removed."""
        restored = []
        articles = self.articles.all() if source is None else self.articles.filter(source=source)
        for article in articles.select_for_update().order_by("pk"):
            if article.status != Article.Status.REMOVED:
                continue
            if any(
                other._holds(article) for other in article.takedown_requests.exclude(pk=self.pk)
            ):
                continue
            article.reinstate()
            # Back to the state it was removed from: a draft claimed and removed
            # must not become public just because the takedown was reversed.
            before = (
                ClaimedArticle.objects.filter(article=article, removed_at__isnull=False)
                .exclude(status_before="")  # claimed while already removed: says nothing
                .order_by("-removed_at")
                .values_list("status_before", flat=True)
                .first()
            )
            if before == Article.Status.DRAFT:
                article.to_draft()
            elif before == Article.Status.WITHDRAWN:
                article.withdraw()
            elif article.covering_permission(max(timezone.now(), article.publish_at)) is None:
                # The rights ledger: its permission ended or was revoked while it
                # was removed, so it may not go back on the site.
                article.withdraw_for_lack_of_permission(
                    str(_("No permission covered it any more when the takedown was reversed."))
                )
            restored.append(article)
        return restored

    def _reasons_text(self, removed=(), restored=(), reasons=None):
        """The statement of reasons as text: `reasons` (a dict of REASON_PARTS), else the
        notice's own, with what was removed or restored and the evidence taken."""
        if reasons is None:
            reasons = {key: getattr(self, f"reasons_{key}") for key in REASON_PARTS}
        lines = [
            f"{_('Action taken')}: {reasons['action'].strip()}",
            f"{_('Facts and circumstances')}: {reasons['facts'].strip()}",
            f"{_('Ground relied on')}: {reasons['ground'].strip()}",
            f"{_('Redress')}: {reasons['redress'].strip()}",
        ]
        if removed:
            lines.append(f"{_('Removed')}: {', '.join(a.slug for a in removed)}")
        if restored:
            lines.append(f"{_('Restored')}: {', '.join(a.slug for a in restored)}")
        lines.extend(getattr(self, "_evidence", []))
        return "\n".join(lines)

    def _log(self, by, from_status, to_status, note="", at=None):
        return TakedownEvent.objects.create(
            request=self,
            by=by,
            from_status=from_status,
            to_status=to_status,
            note=note,
            at=at or timezone.now(),
        )

    def _queue_decision_email(self):
        self._queue_email(
            TakedownEmail.Kind.DECISION, [self.email], "syndication/email/takedown_decision"
        )

    def _queue_editor_notices(self, removed):
        """Tells each editor who curated a removed article; no claimant details go to them."""
        by_editor = {}
        for article in removed:
            editor = article.curated_by
            if editor is not None and editor.email:
                by_editor.setdefault(editor.email, []).append(article)
        for address, articles in by_editor.items():
            self._queue_email(
                TakedownEmail.Kind.EDITOR_NOTICE,
                [address],
                "syndication/email/takedown_editor_notice",
                articles=articles,
            )

    def _apply_repeat_infringer_policy(self, removed):
        from ..strikes import apply_policy  # builds on these models

        return apply_policy(self, removed)

    def record_source_paused(self, source, count, editor_emails):
        """Logs and announces that the repeat-infringer policy paused `source`."""
        note = _(
            "Repeat-infringer policy: import from %(source)s paused after %(count)d accepted "
            "notices in %(days)d days."
        ) % {"source": source.name, "count": count, "days": settings.REPEAT_INFRINGER_WINDOW_DAYS}
        self._log(None, self.status, self.status, note)
        if editor_emails:
            self._queue_email(
                TakedownEmail.Kind.SOURCE_PAUSED,
                editor_emails,
                "syndication/email/takedown_source_paused",
                source=source,
                strikes=count,
                window_days=settings.REPEAT_INFRINGER_WINDOW_DAYS,
            )

    def _queue_publisher_notices(self, removed):
        """Tells each removed article's publisher (its source's rights contact), with the
        statement of reasons and a private link to contest the removal of its own articles.

        A contact that is an email address gets the notice by email. Any other
        contact (a postal address) cannot be emailed, so the same notice goes
        to the Legal team as a letter to post, and the log says so.
        """
        from django.core.validators import validate_email

        by_source = {}
        for article in removed:
            by_source.setdefault(article.source, []).append(article)
        for source, articles in sorted(by_source.items(), key=lambda item: item[0].pk):
            link, _created = ContestLink.objects.get_or_create(request=self, source=source)
            contact = source.rights_contact.strip()
            context = {"articles": articles, "link": link, "source": source}
            try:
                validate_email(contact)
            except ValidationError:
                self._queue_email(
                    TakedownEmail.Kind.PUBLISHER_LETTER,
                    list(settings.LEGAL_TEAM_EMAILS),
                    "syndication/email/takedown_publisher_letter",
                    contact=contact,
                    **context,
                )
                self._log(
                    None,
                    self.status,
                    self.status,
                    _("%(source)s has no email contact: its removal notice went to the Legal "
                      "team to post to: %(contact)s") % {
                        "source": source,
                        "contact": contact or _("(no contact given)"),
                    },
                )  # fmt: skip
                continue
            self._queue_email(
                TakedownEmail.Kind.PUBLISHER_NOTICE,
                [contact],
                "syndication/email/takedown_publisher_notice",
                **context,
            )

    def _queue_claimant_update(self, update):
        self._queue_email(
            TakedownEmail.Kind.CLAIMANT_UPDATE,
            list(settings.LEGAL_TEAM_EMAILS),
            "syndication/email/takedown_claimant_update",
            reply_to=[self.email],
            update=update,
        )

    def _queue_email(self, kind, recipients, template, reply_to=(), **extra):
        """Writes the email to the outbox; it is sent after the transaction commits.

        An email to the claimant alone is written in the language they filed
        the notice in; one to anyone else (Legal, editors, publishers) in the
        site's own language, whatever language the change was made in.
        """
        context = {
            "takedown": self,
            "SITE_URL": settings.SITE_URL,
            "SITE_NAME": settings.SITE_NAME,
            "counter_notice_days": settings.TAKEDOWN_COUNTER_NOTICE_BUSINESS_DAYS,
            **extra,
        }
        to_claimant = list(recipients) == [self.email]
        language = self.language if to_claimant else settings.LANGUAGE_CODE
        with translation.override(language):
            subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
            body = render_to_string(f"{template}.txt", context)
        email = TakedownEmail.objects.create(
            request=self,
            kind=kind,
            recipients="\n".join(recipients),
            reply_to="\n".join(reply_to),
            subject=subject,
            body=body,
            language=language,
        )
        transaction.on_commit(email.send, robust=True)
        return email


class ClaimedArticle(models.Model):
    """Links a request to an article it claims; PROTECT keeps claimed articles from deletion."""

    request = models.ForeignKey(TakedownRequest, on_delete=models.PROTECT)
    article = models.ForeignKey(Article, on_delete=models.PROTECT)
    # Set when this request removed the article, so a reversal restores what was there.
    status_before = models.CharField(
        _("status before removal"), max_length=20, choices=Article.Status.choices, blank=True
    )
    removed_at = models.DateTimeField(_("removed"), null=True, blank=True)

    objects = UndeletableQuerySet.as_manager()

    class Meta:
        verbose_name = _("claimed article")
        verbose_name_plural = _("claimed articles")
        constraints = [
            models.UniqueConstraint(fields=["request", "article"], name="claimed_article_once"),
        ]

    def __str__(self):
        return f"{self.request_id} → {self.article_id}"

    def delete(self, *args, **kwargs):
        raise TakedownRecordsAreKept(_("Takedown records are never deleted."))


class TakedownEvent(models.Model):
    """One entry of a request's log: a status change or a note. Append-only."""

    request = models.ForeignKey(
        TakedownRequest,
        on_delete=models.PROTECT,
        related_name="events",
        verbose_name=_("takedown request"),
    )
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
        help_text=_("Empty when the claimant or the system acted."),
    )
    from_status = models.CharField(
        _("from"), max_length=20, choices=TakedownRequest.Status.choices, blank=True
    )
    to_status = models.CharField(
        _("to"), max_length=20, choices=TakedownRequest.Status.choices, db_index=True
    )
    note = models.TextField(_("reasons or note"), blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("takedown event")
        verbose_name_plural = _("takedown events")

    def __str__(self):
        return f"{self.request} {self.from_status or '∅'} → {self.to_status} ({self.at:%Y-%m-%d})"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise TakedownRecordsAreKept(_("Takedown events are never changed."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TakedownRecordsAreKept(_("Takedown events are never deleted."))
