"""Scope decides what readers get: an excerpt-only article never shows its body, anywhere.

Page, RSS and Atom feeds, source pages and search; headline-only articles
show their title and a link to the original alone.
"""

from datetime import timedelta

import feedparser
import html5lib
import pytest
from django.utils import timezone

from tests.conftest import make_article, make_source

BODY_WORD = "zanzibarquartz"  # only in the body
SUMMARY_WORD = "marmalade"  # only in the summary
FEEDS = ["/feeds/rss/", "/feeds/atom/"]

pytestmark = pytest.mark.django_db


def scoped_article(scope, **fields):
    source = make_source(name="Coast Gazette", permission=scope)
    return make_article(
        source,
        title=f"Harbour story under {scope}",
        summary=f"The {SUMMARY_WORD} summary.",
        body=f"<p>The whole text, with {BODY_WORD} inside.</p>",
        original_url=f"https://coast.example.org/{scope}-story",
        lead_image_url="https://coast.example.org/photo.jpg",
        **fields,
    )


def page(client, article):
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_excerpt_page_shows_the_summary_and_the_link_but_never_the_body(client):
    article = scoped_article("excerpt")

    html = page(client, article)

    assert SUMMARY_WORD in html
    assert BODY_WORD not in html
    assert 'href="https://coast.example.org/excerpt-story"' in html
    assert "Read the whole article at Coast Gazette" in html
    assert "an excerpt" in html


def test_headline_page_shows_the_title_and_the_link_only(client):
    article = scoped_article("headline")

    html = page(client, article)

    assert article.title in html
    assert 'href="https://coast.example.org/headline-story"' in html
    assert BODY_WORD not in html
    assert SUMMARY_WORD not in html
    assert "https://coast.example.org/photo.jpg" not in html


@pytest.mark.parametrize("scope", ["excerpt", "headline"])
def test_limited_pages_are_valid_html5(client, scope):
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    parser.parse(page(client, scoped_article(scope)))  # raises on the first parse error


def test_full_text_page_shows_the_body(client):
    assert BODY_WORD in page(client, scoped_article("full"))


@pytest.mark.parametrize("url", FEEDS)
def test_feeds_carry_no_body_of_excerpt_articles(client, url):
    excerpt, full = scoped_article("excerpt"), make_article(body="<p>Plain full body.</p>")

    content = client.get(url).content.decode()
    feed = feedparser.parse(content)

    assert BODY_WORD not in content
    entries = {entry.title: entry for entry in feed.entries}
    text = entries[excerpt.title].get("summary", "") + str(entries[excerpt.title].get("content"))
    assert SUMMARY_WORD in text
    assert "https://coast.example.org/excerpt-story" in text
    assert "Plain full body." in content
    assert full.title in entries


@pytest.mark.parametrize("url", FEEDS)
def test_feeds_carry_only_the_title_of_headline_articles(client, url):
    scoped_article("headline")

    content = client.get(url).content.decode()

    assert BODY_WORD not in content
    assert SUMMARY_WORD not in content


def test_source_page_lists_no_summary_of_headline_articles(client):
    article = scoped_article("headline")

    html = client.get(article.source.get_absolute_url()).content.decode()

    assert article.title in html
    assert SUMMARY_WORD not in html


def search(client, q):
    response = client.get("/search/", {"q": q})
    assert response.status_code == 200
    return response.content.decode()


def test_search_does_not_match_the_body_of_an_excerpt_article(client):
    article = scoped_article("excerpt")

    assert article.title not in search(client, BODY_WORD)
    html = search(client, SUMMARY_WORD)
    assert article.title in html
    assert BODY_WORD not in html


def test_search_matches_only_the_title_of_a_headline_article(client):
    article = scoped_article("headline")

    assert article.title not in search(client, BODY_WORD)
    assert article.title not in search(client, SUMMARY_WORD)
    assert article.title in search(client, "harbour")


@pytest.mark.parametrize("scope", ["excerpt", "headline"])
def test_a_body_readers_cannot_see_does_not_lift_its_article_in_search(client, scope):
    """Ranked on what the scope shows: hidden text full of the word counts for nothing."""
    now = timezone.now()
    fields = {"summary": "Lighthouse keepers met on Monday.", "original_authors": "Ann Lee"}
    hidden = make_article(
        make_source(permission=scope),
        title="Lighthouse keepers meet",
        body=f"<p>{'The lighthouse. ' * 30}</p>",
        publish_at=now - timedelta(hours=2),
        **fields,
    )
    shown = make_article(
        make_source(permission=scope),
        title="Lighthouse keepers vote",
        body="<p>Nothing more about it.</p>",
        publish_at=now - timedelta(hours=1),
        **fields,
    )

    html = search(client, "lighthouse")

    # Equal on what readers see, so the newer comes first.
    assert html.index(shown.title) < html.index(hidden.title)


def test_a_full_text_body_still_ranks_beside_a_hidden_one(client):
    """Among results of both kinds, a body readers can read still counts for its article."""
    now = timezone.now()
    fields = {"summary": "Lighthouse keepers met on Monday.", "original_authors": "Ann Lee"}
    body = f"<p>{'The lighthouse. ' * 30}</p>"
    full = make_article(
        make_source(permission="full"),
        title="Lighthouse keepers meet",
        body=body,
        publish_at=now - timedelta(hours=2),
        **fields,
    )
    excerpt = make_article(
        make_source(permission="excerpt"),
        title="Lighthouse keepers vote",
        body=body,
        publish_at=now - timedelta(hours=1),
        **fields,
    )

    html = search(client, "lighthouse")

    assert html.index(full.title) < html.index(excerpt.title)


def test_search_still_matches_the_body_of_a_full_text_article(client):
    article = scoped_article("full")

    assert article.title in search(client, BODY_WORD)
