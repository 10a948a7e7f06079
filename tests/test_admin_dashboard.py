"""The admin index opens on what is waiting for the user's role, each list linking to the
change list filtered to the same rows; the header names the site."""

from datetime import timedelta

import pytest
from django.utils import timezone

from syndication.admin import dashboard
from syndication.models import Article, Source
from tests.conftest import make_article, make_permission, make_source
from tests.takedown_factories import make_takedown

pytestmark = pytest.mark.django_db

S = Article.Status


def sections_of(response):
    return {section.key: section for section in response.context["sections"]}


def changelist_rows(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return list(response.context["cl"].result_list)


def ago(**kwargs):
    return timezone.now() - timedelta(**kwargs)


def test_drafts_to_curate_oldest_first(editor_client):
    newer = make_article(status=S.DRAFT, publish_at=None, title="Newer draft")
    older = make_article(status=S.DRAFT, publish_at=None, title="Older draft")
    Article.objects.filter(pk=older.pk).update(created_at=ago(days=3))
    make_article(title="Already live")

    section = sections_of(editor_client.get("/admin/"))["drafts"]

    assert section.count == 2
    assert [item.label for item in section.items] == ["Older draft", "Newer draft"]
    assert section.link_text == "2 drafts, oldest first"
    assert changelist_rows(editor_client, section.url) == [older, newer]


def test_scheduled_in_the_next_24_hours(editor_client):
    soon = make_article(publish_at=timezone.now() + timedelta(hours=3), title="Soon")
    make_article(publish_at=timezone.now() + timedelta(hours=30), title="Later")
    make_article(title="Live already")

    section = sections_of(editor_client.get("/admin/"))["scheduled"]

    assert section.count == 1
    assert [item.label for item in section.items] == ["Soon"]
    assert changelist_rows(editor_client, section.url) == [soon]


def test_failing_feeds(editor_client):
    failing = make_source(
        name="Broken Bugle",
        feed_url="https://bugle.example.org/feed",
        consecutive_failures=3,
        last_error="HTTP 500 from the server",
    )
    make_source(name="Working Wire", feed_url="https://wire.example.org/feed")

    section = sections_of(editor_client.get("/admin/"))["failing-feeds"]

    assert section.count == 1
    [item] = section.items
    assert item.label == "Broken Bugle"
    assert "3 failures: HTTP 500 from the server" in item.detail
    assert changelist_rows(editor_client, section.url) == [failing]


def test_articles_with_a_newer_upstream_version(editor_client):
    changed = make_article(upstream_changed=True, title="Changed at the source")
    make_article(title="Unchanged")

    section = sections_of(editor_client.get("/admin/"))["upstream"]

    assert section.count == 1
    assert [item.label for item in section.items] == ["Changed at the source"]
    assert changelist_rows(editor_client, section.url) == [changed]


def test_each_item_links_to_its_page(editor_client):
    draft = make_article(status=S.DRAFT, publish_at=None, title="A draft")

    html = editor_client.get("/admin/").content.decode()

    assert f'href="/admin/syndication/article/{draft.pk}/change/">A draft</a>' in html
    assert 'href="/admin/syndication/article/?desk=drafts">1 draft, oldest first</a>' in html


def test_an_empty_list_says_nothing_waits(editor_client):
    html = editor_client.get("/admin/").content.decode()

    assert "No drafts wait." in html
    assert "Every feed is working." in html


def test_legal_sees_notices_not_the_editors_lists(legal_client):
    make_article(status=S.DRAFT, publish_at=None)
    make_takedown(make_article(), received_at=ago(days=30))

    response = legal_client.get("/admin/")

    assert response.context["sections"] == []
    html = response.content.decode()
    assert 'id="takedown-waiting"' in html
    assert "1 open notice" in html
    assert "deadline=overdue" in html
    assert "Drafts to curate" not in html


def test_editors_do_not_see_takedown_notices(editor_client):
    make_takedown(make_article())

    html = editor_client.get("/admin/").content.decode()

    assert 'id="takedown-waiting"' not in html
    assert 'id="desk-drafts"' in html


def test_permissions_ending_soon(editor_client):
    source = make_source(name="Harbour Herald")
    ending = make_permission(source, name="CC BY until spring", valid_until=ago(days=-10))
    make_permission(source, name="Ends next year", valid_until=ago(days=-400))
    make_permission(source, name="Ended already", valid_until=ago(days=1))

    section = sections_of(editor_client.get("/admin/"))["permissions-ending"]

    assert section.count == 1
    assert [item.url for item in section.items] == [
        f"/admin/syndication/permission/{ending.pk}/change/"
    ]
    assert changelist_rows(editor_client, section.url) == [ending]


def test_articles_withdrawn_for_lack_of_permission(editor_client):
    lapsed = make_article(title="Lapsed story")
    Article.objects.filter(pk=lapsed.pk).update(
        status=S.WITHDRAWN, permission_lapsed_at=ago(hours=1), permission_lapse_note="CC ended"
    )
    make_article(title="Withdrawn by hand", status=S.WITHDRAWN)

    section = sections_of(editor_client.get("/admin/"))["permission-lapsed"]

    assert section.count == 1
    assert [(item.label, item.detail) for item in section.items] == [("Lapsed story", "CC ended")]
    assert changelist_rows(editor_client, section.url) == [lapsed]


def test_the_dashboard_queries_stay_bounded(editor_client, django_assert_max_num_queries):
    source = make_source(feed_url="https://feed.example.org/", consecutive_failures=1)
    for n in range(30):
        make_article(source, status=S.DRAFT, publish_at=None, upstream_changed=True)
        make_article(source, publish_at=timezone.now() + timedelta(hours=1 + n % 20))
    Source.objects.update(consecutive_failures=2)

    with django_assert_max_num_queries(20):
        response = editor_client.get("/admin/")

    assert response.status_code == 200
    assert sections_of(response)["drafts"].count == 30
    assert len(sections_of(response)["drafts"].items) == dashboard.ITEMS


def test_the_header_names_the_site(editor_client, settings):
    settings.SITE_NAME = "Harbour Syndicate"

    html = editor_client.get("/admin/").content.decode()

    assert "Django administration" not in html
    assert "Django site admin" not in html
    assert '<a href="/admin/">Harbour Syndicate</a>' in html
    assert "<title>What is waiting | Harbour Syndicate</title>" in html


def test_the_login_page_names_the_site(client):
    html = client.get("/admin/login/").content.decode()

    assert "Syndicate" in html
    assert "Django administration" not in html
