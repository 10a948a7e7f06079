"""Invariants 1 and 2 of DESIGN.md, walked across every kind of public URL.

1. No public surface shows an article unless it is published and its publish
   time has passed.
2. Every public rendering of an article (its page, its feed items) carries
   the current disclaimer and the source's extra text.
"""

import re
from datetime import timedelta

import feedparser
import pytest
from django.utils import timezone

from syndication.models import Article, Disclaimer, SeoPolicy
from tests.conftest import make_article, make_source

DISCLAIMER = "Republished with attribution; the original publisher holds all rights."
EXTRA = "This publisher asks readers to subscribe at the original site."


@pytest.fixture
def site(db):
    """Two sources, each with one article in every state; all share the word 'marmalade'."""
    Disclaimer.objects.create(text=DISCLAIMER)
    sources = [
        make_source(seo_policy=SeoPolicy.INDEX, extra_disclaimer=EXTRA),
        make_source(seo_policy=SeoPolicy.INDEX),
    ]
    now = timezone.now()
    hidden_states = {
        "draft": {"status": Article.Status.DRAFT, "publish_at": None},
        "scheduled": {"status": Article.Status.PUBLISHED, "publish_at": now + timedelta(days=1)},
        "withdrawn": {"status": Article.Status.WITHDRAWN},
        "removed": {"status": Article.Status.REMOVED},
        "unpublished-with-time": {"status": Article.Status.DRAFT},
    }
    public, hidden = [], []
    for n, source in enumerate(sources):
        public.append(
            make_article(source, title=f"Visiblemarker{n} marmalade", slug=f"visible-{n}")
        )
        for state, fields in hidden_states.items():
            hidden.append(
                make_article(
                    source,
                    title=f"Hiddenmarker {state} {n} marmalade",
                    slug=f"hidden-{state}-{n}",
                    summary=f"Hiddenmarker summary {state} {n}",
                    body=f"<p>Hiddenmarker body {state} {n} marmalade</p>",
                    **fields,
                )
            )
    return {"sources": sources, "public": public, "hidden": hidden}


def _public_urls(site):
    urls = ["/", "/?page=1", "/sources/", "/search/?q=marmalade", "/search/?q=hiddenmarker"]
    urls += ["/feeds/rss/", "/feeds/atom/", "/sitemap.xml", "/robots.txt"]
    for source in site["sources"]:
        urls += [
            source.get_absolute_url(),
            f"/sources/{source.slug}/feeds/rss/",
            f"/sources/{source.slug}/feeds/atom/",
        ]
    urls += [article.get_absolute_url() for article in site["public"]]
    return urls


def test_no_public_surface_shows_an_article_that_is_not_public(client, site):
    for url in _public_urls(site):
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        assert "Hiddenmarker" not in text, url
        assert "hidden-" not in text, url
    for article in site["hidden"]:
        response = client.get(article.get_absolute_url())
        # Removed after a takedown: 451 with a notice; every other hidden state: 404.
        text = response.content.decode()
        if article.status == Article.Status.REMOVED:
            assert response.status_code == 451
            assert article.summary not in text and article.body not in text  # named only
        else:
            assert response.status_code == 404
            assert article.title not in text


def test_every_public_surface_shows_the_public_articles(client, site):
    for article in site["public"]:
        n = article.slug.rsplit("-", 1)[1]
        for url in ["/", "/search/?q=marmalade", "/feeds/rss/", "/feeds/atom/", "/sitemap.xml"]:
            assert article.slug in client.get(url).content.decode(), url
        assert f"Visiblemarker{n}" in client.get(article.source.get_absolute_url()).content.decode()


def test_every_article_page_carries_the_disclaimer_and_attribution(client, site):
    for article in site["public"]:
        html = client.get(article.get_absolute_url()).content.decode()
        assert DISCLAIMER in html
        assert (EXTRA in html) == bool(article.source.extra_disclaimer)
        assert f'href="{article.original_url}"' in html
        assert f'href="{article.source.homepage}"' in html


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_every_feed_item_carries_the_disclaimer_and_attribution(client, site, kind):
    feed_urls = [f"/feeds/{kind}/"] + [f"/sources/{s.slug}/feeds/{kind}/" for s in site["sources"]]
    by_link = {a.get_absolute_url(): a for a in site["public"]}
    seen = 0
    for url in feed_urls:
        feed = feedparser.parse(client.get(url).content)
        for entry in feed.entries:
            article = by_link[re.sub(r"^https?://[^/]+", "", entry.link)]
            assert DISCLAIMER in entry.summary, url
            assert (EXTRA in entry.summary) == bool(article.source.extra_disclaimer), url
            assert f'href="{article.original_url}"' in entry.summary, url
            seen += 1
    assert seen == 2 * len(site["public"])


def test_a_new_disclaimer_replaces_the_old_on_every_rendering(
    client, site, django_capture_on_commit_callbacks
):
    article = site["public"][0]
    client.get(article.get_absolute_url())
    client.get("/feeds/rss/")

    with django_capture_on_commit_callbacks(execute=True):
        Disclaimer.objects.create(text="The newest disclaimer, in force now.")

    for url in (article.get_absolute_url(), "/feeds/rss/", "/feeds/atom/"):
        text = client.get(url).content.decode()
        assert "The newest disclaimer, in force now." in text, url
        assert DISCLAIMER not in text, url
