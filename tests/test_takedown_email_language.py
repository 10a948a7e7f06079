"""The claimant is written to in the language of their notice; everyone else in the site's."""

import pytest
from django.core import mail
from django.utils import translation

from syndication.models import TakedownEmail, TakedownRequest, takedowns
from tests.takedown_factories import REASONS, make_takedown, notice_data

LOCALE_MIDDLEWARE = "django.middleware.locale.LocaleMiddleware"


@pytest.fixture
def german_offered(settings):
    """The site in English and German, the language chosen from the browser's Accept-Language."""
    settings.LANGUAGES = [("en", "English"), ("de", "German")]
    if LOCALE_MIDDLEWARE not in settings.MIDDLEWARE:
        middleware = list(settings.MIDDLEWARE)
        after = middleware.index("django.contrib.sessions.middleware.SessionMiddleware")
        middleware.insert(after + 1, LOCALE_MIDDLEWARE)
        settings.MIDDLEWARE = middleware


@pytest.fixture
def render_languages(monkeypatch):
    """The language active each time a takedown email template is rendered, by template."""
    seen = {}
    render = takedowns.render_to_string

    def recording(template, context=None, *args, **kwargs):
        seen[template] = translation.get_language()
        return render(template, context, *args, **kwargs)

    monkeypatch.setattr(takedowns, "render_to_string", recording)
    return seen


def test_notice_filed_in_german_is_kept_as_german(
    client, article, german_offered, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/takedown/", notice_data(article), HTTP_ACCEPT_LANGUAGE="de")

    assert TakedownRequest.objects.get().language == "de"
    acknowledgement, legal_notice = mail.outbox
    assert acknowledgement.to == ["rosa@rights.example.org"]
    assert acknowledgement.extra_headers["Content-Language"] == "de"
    assert legal_notice.extra_headers["Content-Language"] == "en"


def test_notice_filed_without_a_language_is_english(
    client, article, german_offered, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/takedown/", notice_data(article))

    assert TakedownRequest.objects.get().language == "en"
    assert [m.extra_headers["Content-Language"] for m in mail.outbox] == ["en", "en"]


def test_claimant_emails_render_in_their_language_and_legal_in_the_sites(article, render_languages):
    with translation.override("de"):
        takedown = make_takedown(article)

    assert takedown.language == "de"
    assert render_languages["syndication/email/takedown_acknowledgement_subject.txt"] == "de"
    assert render_languages["syndication/email/takedown_acknowledgement.txt"] == "de"
    assert render_languages["syndication/email/takedown_legal_notice_subject.txt"] == "en"
    assert render_languages["syndication/email/takedown_legal_notice.txt"] == "en"


def test_decision_reaches_a_german_claimant_in_german_whatever_the_staff_language(
    article, legal_user, render_languages
):
    with translation.override("de"):
        takedown = make_takedown(article)

    with translation.override("en"):
        takedown.start_review(legal_user)
        takedown.accept(legal_user, REASONS)

    assert render_languages["syndication/email/takedown_decision.txt"] == "de"
    decision = TakedownEmail.objects.get(kind=TakedownEmail.Kind.DECISION)
    assert decision.language == "de"
    assert translation.get_language() == "en"  # the override ended with the rendering


def test_legal_team_sees_the_language_of_the_notice(legal_client, article):
    with translation.override("de"):
        takedown = make_takedown(article)

    page = legal_client.get(f"/admin/syndication/takedownrequest/{takedown.pk}/change/")

    assert "field-language" in page.content.decode()
    assert '<div class="readonly">de</div>' in page.content.decode()


def test_the_record_of_a_notice_filed_in_german_is_kept_in_the_sites_language(article, monkeypatch):
    logged = []
    log = TakedownRequest._log

    def recording(self, *args, **kwargs):
        logged.append(translation.get_language())
        return log(self, *args, **kwargs)

    monkeypatch.setattr(TakedownRequest, "_log", recording)
    with translation.override("de"):
        takedown = make_takedown(article)
        takedown.add_information("The essay is also in my book.")
        takedown.withdraw(online=True)

    assert logged == ["en", "en", "en"]
    receipt = TakedownEmail.objects.get(kind=TakedownEmail.Kind.CLAIMANT_RECEIPT)
    assert receipt.language == "de"
