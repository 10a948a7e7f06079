"""Public forms: the takedown notice and the status look-up.

Every rule sits in a clean method and raises a coded ValidationError, so a
bad value always becomes a field error and a 400, never a server error.
"""

import hashlib
import json
import re
import secrets
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import Resolver404, resolve
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from .models import Appeal, Article, TakedownRequest
from .models.takedowns import REFERENCE_LENGTH

MAX_CLAIMED_URLS = 20
# Characters that would start a new line in an email header (or look like one).
LINE_BREAKS = "\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
# What secrets.token_urlsafe(32) draws.
_SUBMISSION_TOKEN = re.compile(r"[A-Za-z0-9_-]{43}")


def validate_single_line(value):
    """Values that reach email headers (name, address, …) must stay on one line."""
    if any(char in value for char in LINE_BREAKS):
        raise ValidationError(_("Please keep this on one line."), code="line_break")


class TelInput(forms.TextInput):
    input_type = "tel"


def _same_person(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


class TakedownForm(forms.ModelForm):
    """A notice under 17 U.S.C. § 512(c)(3) and the DSA's Article 16."""

    # A field people never see; bots that fill every input give themselves away.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    # A new one for each form shown; see TakedownRequest.submission_key.
    submission_token = forms.Field(required=False, widget=forms.HiddenInput)

    original_work_url = forms.URLField(
        label=_("Link to the original work (optional)"),
        required=False,
        max_length=1000,
        assume_scheme="https",
    )

    single_line_fields = [
        "claimant_name",
        "organisation",
        "email",
        "phone",
        "represented_owner",
        "original_work_url",
        "signature",
    ]

    class Meta:
        model = TakedownRequest
        fields = [
            "claimant_name",
            "organisation",
            "email",
            "phone",
            "postal_address",
            "capacity",
            "represented_owner",
            "work_description",
            "original_work_url",
            "claimed_urls",
            "explanation",
            "good_faith_statement",
            "accuracy_statement",
            "signature",
        ]
        labels = {
            "claimant_name": _("Your full name"),
            "organisation": _("Organisation (optional)"),
            "email": _("Email address"),
            "phone": _("Phone number"),
            "postal_address": _("Postal address"),
            "capacity": _("You are"),
            "represented_owner": _("Rights owner you act for"),
            "work_description": _("The copyrighted work"),
            "claimed_urls": _("Address(es) on this site"),
            "explanation": _("Why this use infringes your rights"),
            "good_faith_statement": _(
                "I have a good-faith belief that the use of the material described above is "
                "not authorised by the rights owner, its agent, or the law."
            ),
            "accuracy_statement": _(
                "The information in this notice is accurate and, under penalty of perjury, "
                "I am the rights owner or authorised to act on the owner's behalf."
            ),
            "signature": _("Signature: type your full name"),
        }
        help_texts = {
            "represented_owner": _("Only if you act as an authorised agent."),
            "work_description": _("Title, author, where and when it was first published."),
            "explanation": _("What was copied, and why it is not allowed."),
            "signature": _("Exactly as in “Your full name” above."),
            # The labels say it all; the model's help texts would repeat them.
            "good_faith_statement": "",
            "accuracy_statement": "",
        }
        widgets = {
            "capacity": forms.RadioSelect,
            "phone": TelInput,
            "postal_address": forms.Textarea(attrs={"rows": 3}),
            "work_description": forms.Textarea(attrs={"rows": 4}),
            "claimed_urls": forms.Textarea(attrs={"rows": 3, "spellcheck": "false"}),
            "explanation": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, base_url=None, **kwargs):
        """`base_url`: the site's address as the claimant reached it, for the examples, and
        one of the hosts an article's address may name (SITE_URL's is the other)."""
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["submission_token"] = secrets.token_urlsafe(32)
        self.base_url = base_url or settings.SITE_URL
        self.site_hosts = {
            urlsplit(address).netloc.lower() for address in [self.base_url, settings.SITE_URL]
        }
        self.fields["claimed_urls"].help_text = _(
            "One per line: the full address of each article on this site, e.g. %(example)s"
        ) % {"example": f"{self.base_url}/articles/an-article/"}
        self.claimed_articles = []
        for name in ["phone", "good_faith_statement", "accuracy_statement"]:
            self.fields[name].required = True
        for name in self.single_line_fields:
            self.fields[name].validators.append(validate_single_line)
        autocomplete = {
            "claimant_name": "name",
            "organisation": "organization",
            "email": "email",
            "phone": "tel",
            "postal_address": "street-address",
            "original_work_url": "url",
        }
        for name, token in autocomplete.items():
            self.fields[name].widget.attrs["autocomplete"] = token

    def clean_submission_token(self):
        # Only a token this form could have drawn; anything else counts as none.
        token = self.cleaned_data["submission_token"] or ""
        return token if _SUBMISSION_TOKEN.fullmatch(token) else ""

    def clean_website(self):
        if self.cleaned_data["website"]:
            raise ValidationError(_("This notice could not be accepted."), code="honeypot")
        return ""

    def clean_good_faith_statement(self):
        return self._require_statement("good_faith_statement")

    def clean_accuracy_statement(self):
        return self._require_statement("accuracy_statement")

    def _require_statement(self, name):
        if not self.cleaned_data.get(name):
            raise ValidationError(
                _("A notice needs this statement to be valid."), code="statement_missing"
            )
        return True

    def clean_claimed_urls(self):
        lines = [line.strip() for line in self.cleaned_data["claimed_urls"].splitlines()]
        lines = [line for line in lines if line]
        if not lines:
            raise ValidationError(_("Give at least one address on this site."), code="required")
        if len(lines) > MAX_CLAIMED_URLS:
            raise ValidationError(
                _("At most %(max)d addresses per notice; send another notice for the rest."),
                code="too_many",
                params={"max": MAX_CLAIMED_URLS},
            )
        errors, articles = [], {}
        for line in lines:
            try:
                article = self._article_for(line)
            except ValidationError as exc:
                errors.append(exc)
            else:
                articles.setdefault(article.pk, article)
        if errors:
            raise ValidationError(errors)
        self.claimed_articles = list(articles.values())
        return "\n".join(lines)

    def _article_for(self, url):
        """The article a claimed address points to; a coded error saying why when none."""
        shown = url if len(url) <= 120 else url[:117] + "…"
        not_a_url = ValidationError(
            _("“%(url)s” is not a web address. Paste the full address, starting with "
              "https://."),
            code="not_a_url",
            params={"url": shown},
        )  # fmt: skip
        try:
            parts = urlsplit(url)
            port = parts.port
        except ValueError:  # e.g. unbalanced IPv6 brackets, a bad port
            raise not_a_url from None
        if url.startswith("/") and not url.startswith("//"):
            path = parts.path
        elif parts.scheme in {"http", "https"} and parts.hostname:
            host = parts.hostname if port in (None, 80, 443) else f"{parts.hostname}:{port}"
            if host not in self.site_hosts:
                raise ValidationError(
                    _("“%(url)s” is on another site (%(host)s). This form only covers "
                      "articles published on this site."),
                    code="other_site",
                    params={"url": shown, "host": parts.netloc[:100]},
                )  # fmt: skip
            path = parts.path or "/"
        else:
            raise not_a_url
        try:
            match = resolve(path)
        except Resolver404:
            match = None
        if match is None or match.view_name != "syndication:article_detail":
            raise ValidationError(
                _("“%(url)s” is not an article page of this site. Article addresses look "
                  "like %(example)s"),
                code="not_an_article",
                params={"url": shown, "example": f"{self.base_url}/articles/…/"},
            )  # fmt: skip
        # Only what the public can see or could see until a takedown: a draft's
        # address must answer like any address with no article behind it.
        visible = Article.objects.published() | Article.objects.filter(
            status=Article.Status.REMOVED
        )
        article = visible.filter(slug=match.kwargs["slug"]).first()
        if article is None:
            raise ValidationError(
                _("There is no article at “%(url)s”."), code="no_article", params={"url": shown}
            )
        return article

    def clean(self):
        cleaned = super().clean()
        capacity = cleaned.get("capacity")
        if capacity == TakedownRequest.Capacity.AGENT and not cleaned.get("represented_owner"):
            self.add_error(
                "represented_owner",
                ValidationError(
                    _("An authorised agent must name the rights owner they act for."),
                    code="owner_missing",
                ),
            )
        name, signature = cleaned.get("claimant_name"), cleaned.get("signature")
        if name and signature and not _same_person(name, signature):
            self.add_error(
                "signature",
                ValidationError(
                    _("Type your full name exactly as in “Your full name”."),
                    code="signature_mismatch",
                ),
            )
        return cleaned

    @cached_property
    def submission_key(self) -> str:
        """The same for the same form sent twice unchanged; "" without a token."""
        token = self.cleaned_data["submission_token"]
        if not token:
            return ""
        notice = {name: self.cleaned_data[name] for name in self._meta.fields}
        sent = json.dumps([token, notice], sort_keys=True, default=str)
        return hashlib.sha256(sent.encode()).hexdigest()

    def save(self, commit=True):
        """Stores the notice through TakedownRequest.submit (event, emails, optional hiding)."""
        fields = {name: self.cleaned_data[name] for name in self._meta.fields}
        self.instance = TakedownRequest.submit(
            self.claimed_articles, submission_key=self.submission_key, **fields
        )
        return self.instance


# Characters people type for the ones Crockford's base32 leaves out.
_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})


def normalise_reference(typed: str) -> str:
    """A reference as typed, made exact: any case or spacing, no "TD-", O for 0, I or L for 1."""
    code = "".join(typed.split()).upper().replace("-", "")
    if code.startswith("TD") and len(code) == REFERENCE_LENGTH + 2:
        code = code[2:]
    return "TD-" + code.translate(_LOOKALIKES)


class StatusLookupForm(forms.Form):
    reference = forms.CharField(
        label=_("Reference"),
        max_length=20,
        help_text=_("As in your confirmation, e.g. TD-7K3M9Q2XA."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    email = forms.EmailField(
        label=_("Email address you used"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def clean_reference(self):
        return normalise_reference(self.cleaned_data["reference"])


class ClaimantUpdateForm(StatusLookupForm):
    """On the status page: the claimant withdraws the notice or adds to it.

    It carries the reference and email again (hidden), so each step is
    checked like a look-up and counts against the same rate limit.
    """

    intent = forms.ChoiceField(
        choices=[
            ("withdraw", _("Withdraw")),
            ("add", _("Add information")),
            ("appeal", _("Appeal")),
        ],
        widget=forms.HiddenInput,
    )
    information = forms.CharField(
        label=_("Information to add"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("E.g. further addresses, proof of ownership, or a correction. It is added "
                    "to your notice's record and sent to our legal team."),
    )  # fmt: skip
    confirm_withdrawal = forms.BooleanField(
        label=_("Yes, withdraw my notice. No decision will be made on it."), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ["reference", "email"]:
            self.fields[name].widget = forms.HiddenInput()

    def clean(self):
        cleaned = super().clean()
        wants_text = cleaned.get("intent") in ("add", "appeal")
        if wants_text and not (cleaned.get("information") or "").strip():
            self.add_error(
                "information",
                ValidationError(_("Write what you want to add."), code="required"),
            )
        if cleaned.get("intent") == "withdraw" and not cleaned.get("confirm_withdrawal"):
            self.add_error(
                "confirm_withdrawal",
                ValidationError(_("Tick the box to confirm the withdrawal."), code="required"),
            )
        return cleaned


class CounterNoticeForm(forms.ModelForm):
    """The publisher's counter-notice, with every element of 17 U.S.C. § 512(g)(3)."""

    class Meta:
        model = Appeal
        fields = [
            "name",
            "email",
            "phone",
            "postal_address",
            "material",
            "explanation",
            "mistake_statement",
            "jurisdiction_consent",
            "signature",
        ]
        labels = {
            "name": _("Your full name"),
            "email": _("Email address"),
            "phone": _("Phone number"),
            "postal_address": _("Postal address"),
            "material": _("The material removed, and where it appeared"),
            "explanation": _("Why it was removed by mistake or misidentification"),
            "mistake_statement": _(
                "I swear, under penalty of perjury, that I have a good-faith belief that the "
                "material was removed or disabled as a result of mistake or misidentification "
                "of the material to be removed or disabled."
            ),
            "jurisdiction_consent": _(
                "I consent to the jurisdiction of the Federal District Court for the judicial "
                "district in which my address is located or, if my address is outside the "
                "United States, of any judicial district in which the service provider may be "
                "found, and I will accept service of process from the person who sent the "
                "notice or an agent of that person."
            ),
            "signature": _("Signature: type your full name"),
        }
        help_texts = {"mistake_statement": "", "jurisdiction_consent": ""}
        widgets = {
            "phone": TelInput,
            "postal_address": forms.Textarea(attrs={"rows": 3}),
            "material": forms.Textarea(attrs={"rows": 3}),
            "explanation": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self._meta.fields:
            self.fields[name].required = True
        for name in ["name", "email", "phone", "signature"]:
            self.fields[name].validators.append(validate_single_line)

    def clean_mistake_statement(self):
        return self._require("mistake_statement")

    def clean_jurisdiction_consent(self):
        return self._require("jurisdiction_consent")

    def _require(self, name):
        if not self.cleaned_data.get(name):
            raise ValidationError(
                _("A counter-notice needs this statement to be valid."), code="statement_missing"
            )
        return True

    def clean(self):
        cleaned = super().clean()
        name, signature = cleaned.get("name"), cleaned.get("signature")
        if name and signature and not _same_person(name, signature):
            self.add_error(
                "signature",
                ValidationError(
                    _("Type your full name exactly as in “Your full name”."),
                    code="signature_mismatch",
                ),
            )
        return cleaned
