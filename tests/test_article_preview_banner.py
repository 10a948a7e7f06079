"""The preview's banner says what readers see of the article in each state, names the time
zone of any time it gives, and leads back to editing."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from syndication.models import Article
from tests.conftest import make_article

pytestmark = pytest.mark.django_db

S = Article.Status


def banner(client, article):
    response = client.get(f"/admin/syndication/article/{article.pk}/preview/")
    assert response.status_code == 200
    html = response.content.decode()
    start = html.index('<p class="preview-banner"')
    return html[start : html.index("</p>", start)]


@pytest.fixture
def berlin(settings):
    settings.TIME_ZONE = "Europe/Berlin"


def test_draft(editor_client):
    text = banner(editor_client, make_article(status=S.DRAFT, publish_at=None))

    assert "Draft: readers cannot see this article until it is published." in text
    assert "Published" not in text


def test_scheduled_names_the_time_and_the_time_zone(editor_client, berlin):
    at = datetime(2031, 3, 4, 9, 30, tzinfo=ZoneInfo("Europe/Berlin"))

    text = banner(editor_client, make_article(status=S.PUBLISHED, publish_at=at))

    assert "Scheduled: readers will see this article from" in text
    assert "9:30" in text
    assert "(Europe/Berlin)" in text
    assert "Published" not in text
    assert "not visible" not in text


def test_live(editor_client, berlin):
    text = banner(
        editor_client,
        make_article(status=S.PUBLISHED, publish_at=timezone.now() - timedelta(hours=2)),
    )

    assert "Published: readers see this article since" in text
    assert "(Europe/Berlin)" in text


def test_withdrawn(editor_client):
    text = banner(editor_client, make_article(status=S.WITHDRAWN))

    assert "Withdrawn: readers cannot see this article" in text


def test_removed(editor_client):
    text = banner(editor_client, make_article(status=S.REMOVED))

    assert "Removed after a takedown: readers see a notice (HTTP 451)" in text


def test_the_banner_leads_back_to_editing(editor_client):
    article = make_article(status=S.DRAFT, publish_at=None)

    text = banner(editor_client, article)

    assert f'href="/admin/syndication/article/{article.pk}/change/"' in text
    assert "Back to editing" in text


def test_the_article_page_links_to_its_preview(editor_client):
    article = make_article(status=S.DRAFT, publish_at=None)

    html = editor_client.get(f"/admin/syndication/article/{article.pk}/change/").content.decode()

    assert f'href="/admin/syndication/article/{article.pk}/preview/"' in html


def test_the_article_page_keeps_its_history_link(editor_client):
    article = make_article(status=S.DRAFT, publish_at=None)

    html = editor_client.get(f"/admin/syndication/article/{article.pk}/change/").content.decode()

    assert f'href="/admin/syndication/article/{article.pk}/history/"' in html


def test_a_draft_with_no_dates_yet_can_be_previewed(editor_client):
    article = make_article(status=S.DRAFT, publish_at=None, original_published_at=None)

    text = banner(editor_client, article)

    assert "Draft" in text
