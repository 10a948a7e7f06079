"""An entry is the same article when its GUID or its normalised URL matches."""

import pytest
from django.utils import timezone

from syndication.ingest import import_source, normalise_url
from syndication.ingest.entries import EntryData, EntryError
from syndication.ingest.importer import FLAGGED, NEW, _Known, _store_once_more_on_conflict
from syndication.models import Article
from tests.conftest import make_article, make_source

from .conftest import feed_bytes


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "https://Example.ORG:443/a/b?utm_source=x&utm_medium=y&id=3&fbclid=z#top",
            "https://example.org/a/b?id=3",
        ),
        ("http://example.org:80", "http://example.org/"),
        ("https://example.org/p?gclid=1&msclkid=2&mc_cid=3&mc_eid=4", "https://example.org/p"),
        ("https://example.org:8443/p?b=2&a=1", "https://example.org:8443/p?a=1&b=2"),
        ("https://example.org/caf\u00e9 bar", "https://example.org/caf%C3%A9%20bar"),
        ("https://example.org/p?q=&UTM_Campaign=spring", "https://example.org/p?q="),
    ],
)
def test_normalise_url_removes_tracking_and_noise(url, expected):
    assert normalise_url(url) == expected


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://example.org/x", "/relative", ""])
def test_normalise_url_refuses_what_is_not_a_web_address(url):
    with pytest.raises(EntryError):
        normalise_url(url)


@pytest.mark.django_db
def test_duplicated_entries_and_tracking_variants_make_one_article_each():
    source = make_source()
    result = import_source(source, content=feed_bytes("duplicates_tracking.xml"))

    assert result.new == 2
    assert result.skipped == 2
    assert sorted(Article.objects.values_list("original_url", flat=True)) == [
        "https://repeat.example.org/news/bridge?id=7",
        "https://repeat.example.org/news/market",
    ]


@pytest.mark.django_db
def test_entry_matching_an_existing_articles_url_is_not_copied_again():
    source = make_source()
    existing = make_article(source, original_url="https://courier.example.org/2026/11/festival/")

    result = import_source(source, content=feed_bytes("rss2_content_encoded.xml"))

    assert result.new == 2
    assert Article.objects.filter(title__contains="festival").count() == 0
    assert Article.objects.filter(pk=existing.pk).exists()


def _entry(url, title="Concurrent story"):
    return EntryData(guid="", url=url, title=title, summary="", raw_body="<p>Text.</p>",
                     authors="", published_at=None)  # fmt: skip


@pytest.mark.django_db
def test_article_created_by_a_concurrent_import_is_not_duplicated():
    source = make_source()
    data = _entry("https://race.example.org/story")
    known = _Known(source)
    known.load([data])
    # Another process imports the same URL after this batch was looked up.
    make_article(make_source(), original_url=data.url)

    outcome = _store_once_more_on_conflict(source, data, timezone.now(), known)

    assert outcome == FLAGGED
    assert Article.objects.filter(original_url=data.url).count() == 1


@pytest.mark.django_db
def test_slug_taken_by_a_concurrent_import_gets_the_next_number():
    source = make_source()
    data = _entry("https://race.example.org/other", title="Concurrent story")
    known = _Known(source)
    known.load([data])
    make_article(slug="concurrent-story")

    outcome = _store_once_more_on_conflict(source, data, timezone.now(), known)

    assert outcome == NEW
    assert Article.objects.get(original_url=data.url).slug == "concurrent-story-2"
