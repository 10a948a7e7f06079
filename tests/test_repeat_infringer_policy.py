"""The repeat-infringer policy: accepted notices count per source; at the limit, import pauses."""

from datetime import timedelta
from unittest import mock

from django.core import mail
from django.utils import timezone

from syndication.models import Source, TakedownEmail
from syndication.strikes import sources_with_strikes, strikes
from tests.conftest import make_article, make_source
from tests.takedown_factories import REASONS, make_takedown


def accept(source, legal_user, **fields):
    takedown = make_takedown(make_article(source), **fields)
    takedown.start_review(legal_user)
    takedown.accept(legal_user, REASONS)
    return takedown


def test_accepted_notices_count_as_strikes(source, legal_user):
    accept(source, legal_user)
    rejected = make_takedown(make_article(source))
    rejected.start_review(legal_user)
    rejected.reject(legal_user, REASONS)
    make_takedown(make_article(source))  # open
    assert strikes(source) == 1


def test_a_reinstated_notice_is_no_strike(source, legal_user):
    takedown = accept(source, legal_user)
    takedown.reinstate(legal_user, REASONS)
    assert strikes(source) == 0


def test_strikes_older_than_the_window_do_not_count(source, legal_user, settings):
    settings.REPEAT_INFRINGER_WINDOW_DAYS = 365
    accept(source, legal_user)
    assert strikes(source, now=timezone.now() + timedelta(days=366)) == 0


def test_the_third_strike_pauses_import_and_tells_the_editors(
    source, legal_user, editor, settings, django_capture_on_commit_callbacks
):
    settings.REPEAT_INFRINGER_STRIKES = 3
    editor.email = "eddie@newsroom.example.org"
    editor.save()
    accept(source, legal_user)
    accept(source, legal_user)
    assert Source.objects.get(pk=source.pk).is_active
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        third = accept(source, legal_user)
    source.refresh_from_db()
    assert not source.is_active
    assert source not in Source.objects.active()  # the importer polls active sources only
    assert "Repeat-infringer policy" in third.events.last().note
    [paused] = [m for m in mail.outbox if "paused" in m.subject]
    assert paused.to == ["eddie@newsroom.example.org"]
    assert source.name in paused.body and third.reference in paused.body
    assert TakedownEmail.objects.filter(kind="source_paused").count() == 1


def test_a_paused_source_is_no_longer_due_for_import(legal_user, settings):
    settings.REPEAT_INFRINGER_STRIKES = 1
    feed = make_source(feed_url="https://feeds.example.org/rss")
    assert feed in Source.objects.due_for_fetch()
    accept(feed, legal_user)
    assert feed not in Source.objects.due_for_fetch()


def test_a_paused_source_is_not_paused_again(source, legal_user, settings):
    settings.REPEAT_INFRINGER_STRIKES = 1
    accept(source, legal_user)
    accept(source, legal_user)
    assert TakedownEmail.objects.filter(kind="source_paused").count() <= 1


def test_the_policy_is_stated_on_the_takedown_form(client, db, settings):
    settings.REPEAT_INFRINGER_STRIKES = 3
    settings.REPEAT_INFRINGER_WINDOW_DAYS = 365
    page = client.get("/takedown/").content.decode()
    assert "Repeat infringers." in page
    assert "3 accepted notices within 365 days" in page


def test_a_sources_strikes_show_on_the_admin_index(editor_client, source, legal_user):
    accept(source, legal_user)
    page = editor_client.get("/admin/").content.decode()
    assert "Takedown strikes by source" in page
    assert f"{source.name}</a>: 1 of 3" in page


def test_sources_with_strikes_are_listed_most_first(legal_user, source):
    other = make_article().source
    accept(source, legal_user)
    accept(source, legal_user)
    accept(other, legal_user)
    assert [(s.pk, s.strike_count) for s in sources_with_strikes()] == [
        (source.pk, 2),
        (other.pk, 1),
    ]
    with mock.patch("django.utils.timezone.now", return_value=timezone.now()):
        assert strikes(other) == 1
