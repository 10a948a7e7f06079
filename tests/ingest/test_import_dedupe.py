"""An entry is the same article when its GUID or its normalised URL matches."""

import pytest

from syndication.ingest import import_source, normalise_url
from syndication.ingest.entries import EntryError
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
        ("https://example.org:8443/p?b=2&a=1", "https://example.org:8443/p?b=2&a=1"),
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
