"""Nothing is published without a permission that covers the publish time, whichever way it goes.

The paths: a shell call to `Article.publish()`, the admin's "Publish now" and
"Publish at a chosen time…" actions, and an import into a source that
publishes at once.
"""

from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.messages import ERROR
from django.core.management import call_command
from django.utils import timezone

from syndication.models import Article
from syndication.models.articles import NoPermission
from tests.conftest import make_article, make_permission, make_source
from tests.takedown_factories import REASONS, make_takedown

S = Article.Status
CHANGELIST = "/admin/syndication/article/"
FEEDS = Path(__file__).resolve().parent / "fixtures" / "feeds"

pytestmark = pytest.mark.django_db


def draft(source, **fields):
    return make_article(source, status=S.DRAFT, publish_at=None, **fields)


def run_action(client, action, articles, **extra):
    data = {"action": action, ACTION_CHECKBOX_NAME: [a.pk for a in articles], **extra}
    return client.post(CHANGELIST, data, follow=True)


# --- the model method, as a shell call makes it -----------------------------


def test_publish_without_any_permission_is_refused_and_says_why():
    article = draft(make_source(name="Harbour Gazette", permission=None))

    with pytest.raises(NoPermission) as refused:
        article.publish()

    assert refused.value.code == "no_permission"
    assert "no permission from Harbour Gazette" in refused.value.messages[0]
    article.refresh_from_db()
    assert article.status == S.DRAFT
    assert article.permission is None


def test_publish_records_the_permission_that_covers_it():
    source = make_source(permission=None)
    permission = make_permission(source, name="Syndication agreement 2026")
    article = draft(source)

    article.publish()

    article.refresh_from_db()
    assert article.is_public
    assert article.permission == permission


def test_an_ended_permission_does_not_cover_and_the_message_names_its_end():
    source = make_source(permission=None)
    make_permission(source, name="Agreement 2025", valid_until=timezone.now() - timedelta(days=1))
    article = draft(source)

    with pytest.raises(NoPermission) as refused:
        article.publish()

    assert "“Agreement 2025”" in refused.value.messages[0]
    assert "ended on" in refused.value.messages[0]


def test_a_revoked_permission_does_not_cover():
    source = make_source(permission=None)
    make_permission(source, revoked_at=timezone.now(), revoked_reason="The publisher asked.")
    article = draft(source)

    with pytest.raises(NoPermission) as refused:
        article.publish()

    assert "was revoked on" in refused.value.messages[0]


def test_the_end_of_a_permission_is_exclusive():
    source = make_source(permission=None)
    end = timezone.now() + timedelta(days=3)
    make_permission(source, valid_until=end)
    article = draft(source)

    with pytest.raises(NoPermission):
        article.publish(at=end)
    article.publish(at=end - timedelta(minutes=1))
    assert article.is_scheduled


def test_an_articles_own_permission_wins_over_its_sources():
    source = make_source(permission="full")
    article = draft(source)
    own = make_permission(source, article=article, name="Excerpts only", scope="excerpt")

    article.publish()

    article.refresh_from_db()
    assert article.permission == own
    assert article.scope == "excerpt"


def test_an_articles_own_permission_covers_only_that_article():
    source = make_source(permission=None)
    covered, other = draft(source), draft(source)
    make_permission(source, article=covered)

    covered.publish()
    with pytest.raises(NoPermission):
        other.publish()


def test_another_sources_permission_does_not_cover():
    make_source()  # has a permission
    article = draft(make_source(permission=None))
    with pytest.raises(NoPermission):
        article.publish()


# --- scheduling: the permission must cover the publish time ------------------


def test_scheduling_needs_a_permission_valid_at_the_publish_time():
    source = make_source(permission=None)
    make_permission(source, valid_from=timezone.now() + timedelta(days=7))
    article = draft(source)

    with pytest.raises(NoPermission) as refused:
        article.publish(at=timezone.now() + timedelta(days=1))
    assert "only starts on" in refused.value.messages[0]

    article.publish(at=timezone.now() + timedelta(days=8))
    assert article.is_scheduled


def test_schedule_action_refuses_an_article_no_permission_covers_then(editor_client):
    source = make_source(permission=None)
    make_permission(source, valid_until=timezone.now() + timedelta(days=1))
    article = draft(source, title="Ferry timetable")
    at = timezone.localtime(timezone.now() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")

    response = run_action(editor_client, "schedule", [article], apply="1", publish_at=at)

    errors = [str(m) for m in response.context["messages"] if m.level == ERROR]
    assert len(errors) == 1
    assert "“Ferry timetable” cannot be published" in errors[0]
    article.refresh_from_db()
    assert article.status == S.DRAFT


# --- the admin action -------------------------------------------------------


def test_publish_now_action_publishes_the_covered_and_refuses_the_rest(editor_client):
    covered = draft(make_source(), title="Covered story")
    uncovered = draft(make_source(name="No Rights Daily", permission=None), title="Orphan story")

    response = run_action(editor_client, "publish_now", [covered, uncovered])

    messages = {str(m): m.level for m in response.context["messages"]}
    assert "Published 1 article." in messages
    refusal = next(text for text in messages if "Orphan story" in text)
    assert messages[refusal] == ERROR
    assert "no permission from No Rights Daily" in refusal
    covered.refresh_from_db()
    uncovered.refresh_from_db()
    assert covered.is_public
    assert uncovered.status == S.DRAFT


# --- import into a source that publishes at once -----------------------------


def import_file(source, name):
    out = StringIO()
    call_command("import_feeds", "--source", source.slug, "--file", str(FEEDS / name), stdout=out)
    return out.getvalue()


def test_import_keeps_entries_as_drafts_when_no_permission_covers(settings):
    source = make_source(slug="fieldnotes", auto_publish=True, permission=None)

    import_file(source, "atom.xml")

    articles = Article.objects.filter(source=source)
    assert articles.count() == 2
    assert set(articles.values_list("status", flat=True)) == {S.DRAFT}
    source.refresh_from_db()
    assert "2 new articles were kept as drafts" in source.last_error


def test_import_publishes_at_once_under_the_sources_permission():
    source = make_source(slug="fieldnotes", auto_publish=True)

    import_file(source, "atom.xml")

    articles = Article.objects.filter(source=source)
    assert articles.count() == 2
    assert all(a.is_public and a.permission is not None for a in articles)


# --- a takedown reversed after the permission ended -----------------------------


def test_a_reversed_takedown_does_not_republish_an_article_no_permission_covers(legal_user):
    source = make_source(permission=None)
    permission = make_permission(source, name="Agreement 2026")
    covered = make_article(source, title="Still covered")
    lapsed = make_article(source, title="Lapsed meanwhile")
    own = make_permission(source, article=covered, name="Own licence")
    Article.objects.filter(pk=covered.pk).update(permission=own)
    takedown = make_takedown(covered, lapsed)
    takedown.start_review(legal_user)
    takedown.accept(legal_user, REASONS)
    permission.revoked_at, permission.revoked_reason = timezone.now(), "Agreement ended."
    permission.save()

    takedown.reinstate(legal_user, REASONS)

    covered.refresh_from_db()
    lapsed.refresh_from_db()
    assert covered.is_public
    assert lapsed.status == S.WITHDRAWN
    assert lapsed.permission_lapsed_at is not None
    assert "takedown was reversed" in lapsed.permission_lapse_note
