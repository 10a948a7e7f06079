"""Editors curate articles in the admin: lists, search, actions and previews."""

from datetime import timedelta

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.utils import timezone

from syndication.models import Article
from tests.conftest import make_article, make_source

S = Article.Status
CHANGELIST = "/admin/syndication/article/"

pytestmark = pytest.mark.django_db


def run_action(client, action, articles, **extra):
    data = {"action": action, ACTION_CHECKBOX_NAME: [a.pk for a in articles], **extra}
    return client.post(CHANGELIST, data, follow=True)


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


def test_changelist_queries_do_not_grow_with_the_number_of_articles(
    editor_client, django_assert_max_num_queries
):
    source = make_source()
    for _ in range(60):
        make_article(source, curated_by=None)
    with django_assert_max_num_queries(12):
        response = editor_client.get(CHANGELIST)
    assert response.status_code == 200
    assert response.content.decode().count('class="action-checkbox"') == 50


def test_changelist_search_finds_title_url_and_author(editor_client):
    by_title = make_article(title="Harbour lights return")
    by_url = make_article(original_url="https://paper.example.org/unique-path")
    by_author = make_article(original_authors="Ottoline Quist")
    other = make_article(title="Something else")
    for term, expected in [
        ("Harbour lights", by_title),
        ("unique-path", by_url),
        ("Quist", by_author),
    ]:
        body = editor_client.get(CHANGELIST, {"q": term}).content.decode()
        assert expected.title in body
        assert other.title not in body


def test_changelist_filters_by_status_visibility_and_source(editor_client):
    live = make_article(title="Live one")
    scheduled = make_article(title="Later one", publish_at=timezone.now() + timedelta(days=1))
    drafted = make_article(title="Drafted one", status=S.DRAFT, publish_at=None)
    body = editor_client.get(CHANGELIST, {"visibility": "scheduled"}).content.decode()
    assert scheduled.title in body and live.title not in body
    body = editor_client.get(CHANGELIST, {"status__exact": "draft"}).content.decode()
    assert drafted.title in body and live.title not in body
    body = editor_client.get(CHANGELIST, {"source__id__exact": live.source_id}).content.decode()
    assert live.title in body and drafted.title not in body


def test_publish_now_action(editor_client, editor):
    articles = [make_article(status=S.DRAFT, publish_at=None) for _ in range(3)]
    response = run_action(editor_client, "publish_now", articles)
    assert "Published 3 articles." in messages_of(response)
    for article in articles:
        article.refresh_from_db()
        assert article.is_public
        assert article.curated_by == editor


def test_schedule_action_asks_for_a_time_then_schedules(editor_client):
    articles = [make_article(status=S.DRAFT, publish_at=None) for _ in range(2)]
    response = run_action(editor_client, "schedule", articles)
    assert response.status_code == 200
    assert b'type="datetime-local"' in response.content
    at = timezone.localtime(timezone.now() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    response = run_action(editor_client, "schedule", articles, apply="1", publish_at=at)
    assert any(m.startswith("Scheduled 2 articles") for m in messages_of(response))
    for article in articles:
        article.refresh_from_db()
        assert article.is_scheduled


def test_schedule_action_refuses_a_past_time_without_changing_anything(editor_client):
    article = make_article(status=S.DRAFT, publish_at=None)
    past = timezone.localtime(timezone.now() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = run_action(editor_client, "schedule", [article], apply="1", publish_at=past)
    assert response.status_code == 200
    assert "Choose a time in the future" in response.content.decode()
    article.refresh_from_db()
    assert article.status == S.DRAFT


def test_withdraw_and_back_to_draft_actions(editor_client):
    first, second = make_article(), make_article()
    response = run_action(editor_client, "withdraw", [first, second])
    assert "Withdrew 2 articles." in messages_of(response)
    response = run_action(editor_client, "back_to_draft", [first])
    assert "Sent 1 article back to draft." in messages_of(response)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (S.DRAFT, S.WITHDRAWN)


def test_illegal_move_gives_a_message_not_an_error(editor_client):
    drafted = make_article(title="Still a draft", status=S.DRAFT, publish_at=None)
    live = make_article()
    response = run_action(editor_client, "withdraw", [drafted, live])
    assert response.status_code == 200
    msgs = messages_of(response)
    assert "Withdrew 1 article." in msgs
    assert any("Still a draft" in m and "cannot become withdrawn" in m for m in msgs)
    drafted.refresh_from_db()
    assert drafted.status == S.DRAFT


def test_removed_article_cannot_be_published_by_an_editor(editor_client):
    removed = make_article(status=S.REMOVED)
    response = run_action(editor_client, "publish_now", [removed])
    assert any("cannot become published" in m for m in messages_of(response))
    removed.refresh_from_db()
    assert removed.status == S.REMOVED


def test_editor_adds_an_article_as_a_sanitised_draft(editor_client, editor, source):
    response = editor_client.post(
        "/admin/syndication/article/add/",
        {
            "source": source.pk,
            "title": "Hand-made",
            "slug": "hand-made",
            "summary": "s",
            "body": '<p onclick="evil()">Body</p><script>alert(1)</script>',
            "original_url": "https://example.org/hand-made",
            "original_authors": "A. Author",
            "seo_policy": "",
        },
    )
    assert response.status_code == 302
    article = Article.objects.get(slug="hand-made")
    assert article.status == S.DRAFT
    assert article.body == "<p>Body</p>"
    assert article.curated_by == editor


def test_duplicate_original_url_is_a_form_error_not_a_500(editor_client, article):
    response = editor_client.post(
        "/admin/syndication/article/add/",
        {
            "source": article.source_id,
            "title": "Copy",
            "slug": "copy",
            "original_url": article.original_url,
            "seo_policy": "",
        },
    )
    assert response.status_code == 200
    assert "already exists" in response.content.decode()
    assert not Article.objects.filter(slug="copy").exists()


def test_preview_shows_a_draft_to_staff_with_disclaimer_and_no_cache(editor_client):
    drafted = make_article(title="Unseen draft", status=S.DRAFT, publish_at=None)
    response = editor_client.get(f"/admin/syndication/article/{drafted.pk}/preview/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Unseen draft" in body
    assert "reposted from a public source" in body
    assert 'content="noindex"' in body
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_preview_is_staff_only(client):
    drafted = make_article(status=S.DRAFT, publish_at=None)
    response = client.get(f"/admin/syndication/article/{drafted.pk}/preview/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    assert client.get(drafted.get_absolute_url()).status_code == 404


def test_the_source_is_a_labelled_choice_of_sources(editor_client, source):
    html = editor_client.get("/admin/syndication/article/add/").content.decode()

    assert '<label class="required" for="id_source">' in html
    assert f'<option value="{source.pk}">{source.name}</option>' in html


def test_admin_stores_the_canonical_url_and_catches_a_variant_as_duplicate(editor_client, source):
    base = {"source": source.pk, "title": "T", "seo_policy": ""}
    response = editor_client.post(
        "/admin/syndication/article/add/",
        {**base, "slug": "t1", "original_url": "https://Example.org/a?utm_source=x&b=2&a=1"},
    )
    assert response.status_code == 302
    assert Article.objects.get(slug="t1").original_url == "https://example.org/a?a=1&b=2"
    response = editor_client.post(
        "/admin/syndication/article/add/",
        {**base, "slug": "t2", "original_url": "https://example.org:443/a?a=1&b=2#x"},
    )
    assert response.status_code == 200
    assert "already exists" in response.content.decode()
    assert not Article.objects.filter(slug="t2").exists()


def test_a_removed_articles_address_and_text_cannot_be_edited(editor_client):
    removed = make_article(status=S.REMOVED, original_url="https://example.org/taken-down")
    response = editor_client.post(
        f"/admin/syndication/article/{removed.pk}/change/",
        {"title": "Renamed", "original_url": "https://example.org/elsewhere", "slug": "new-slug",
         "seo_policy": ""},
    )  # fmt: skip
    assert response.status_code == 302
    removed.refresh_from_db()
    assert removed.title != "Renamed"
    assert removed.original_url == "https://example.org/taken-down"
    assert removed.slug != "new-slug"


def test_search_by_original_url_keeps_the_status_filter(editor_client):
    url = "https://paper.example.org/2026/harbour-lights"
    published = make_article(title="Harbour lights, published", original_url=url)
    draft = make_article(title="A draft about tides", status=S.DRAFT, publish_at=None)

    drafts = editor_client.get(CHANGELIST, {"status__exact": "draft", "q": url})
    body = drafts.content.decode()

    assert drafts.status_code == 200
    assert published.title not in body
    assert list(drafts.context["cl"].result_list) == []
    assert draft.title not in body  # not this URL
    published_list = editor_client.get(CHANGELIST, {"status__exact": "published", "q": url})
    assert list(published_list.context["cl"].result_list) == [published]
