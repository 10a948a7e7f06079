"""Editors manage sources in the admin."""

import pytest

from syndication.models import Source
from tests.conftest import make_article, make_source

pytestmark = pytest.mark.django_db


# The rights ledger's inline on the source page, left empty.
NO_PERMISSIONS = {"permissions-TOTAL_FORMS": "0", "permissions-INITIAL_FORMS": "0"}


def test_editor_creates_a_source(editor_client):
    response = editor_client.post(
        "/admin/syndication/source/add/",
        {
            "name": "The Daily Example",
            "slug": "daily-example",
            "homepage": "https://daily.example.org/",
            "feed_url": "https://daily.example.org/feed.xml",
            "rights_contact": "rights@daily.example.org",
            "default_license": "CC BY 4.0",
            "license_url": "",
            "extra_disclaimer": "Shared under CC BY.",
            "seo_policy": "canonical",
            "is_active": "on",
            "poll_interval": "00:30:00",
            **NO_PERMISSIONS,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    source = Source.objects.get(slug="daily-example")
    assert source.seo_policy == "canonical"
    assert source.poll_interval.total_seconds() == 1800


def test_bad_homepage_is_a_form_error(editor_client):
    response = editor_client.post(
        "/admin/syndication/source/add/",
        {"name": "X", "slug": "x", "homepage": "not a url", "seo_policy": "noindex",
         "poll_interval": "01:00:00", **NO_PERMISSIONS},
    )  # fmt: skip
    assert response.status_code == 200
    assert "Enter a valid URL" in response.content.decode()
    assert not Source.objects.filter(slug="x").exists()


def test_source_list_shows_article_counts(editor_client, django_assert_max_num_queries):
    for _ in range(5):
        source = make_source()
        for _ in range(3):
            make_article(source)
    with django_assert_max_num_queries(10):
        response = editor_client.get("/admin/syndication/source/")
    assert response.status_code == 200
    assert response.content.decode().count(">3<") >= 5


def test_source_with_articles_cannot_be_deleted(editor_client, article):
    response = editor_client.post(
        f"/admin/syndication/source/{article.source_id}/delete/", {"post": "yes"}
    )
    assert response.status_code == 200
    assert "Cannot delete" in response.content.decode()
    assert Source.objects.filter(pk=article.source_id).exists()
