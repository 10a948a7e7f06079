"""What a reader of a news site expects on an article page: when it was republished, how
long it takes to read, a working takedown link in the disclaimer, and related articles."""

from datetime import timedelta

from django.utils import timezone

from syndication.models import Article, Disclaimer
from tests.conftest import make_article, make_source


def page(client, article):
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_says_when_it_was_republished_and_how_long_it_takes_to_read(client, db):
    words = " ".join(["word"] * 1100)  # five minutes at 220 words a minute
    article = make_article(body=f"<p>{words}</p>", summary="")
    html = page(client, article)
    iso = article.publish_at.strftime("%Y-%m-%dT%H:%M:%S%z")
    assert f'Republished on Syndicate on <time datetime="{iso}">' in html
    assert "5 minutes read" in html


def test_a_short_article_takes_a_minute(db):
    assert make_article(body="<p>Short.</p>", summary="").reading_minutes == 1


def test_the_disclaimer_links_to_the_takedown_page_for_this_article(client, article):
    html = page(client, article)
    disclaimer = html.split('class="disclaimer"', 1)[1].split("</section>", 1)[0]
    assert f'<a href="http://testserver/takedown/?article={article.slug}">takedown page</a>' in (
        disclaimer
    )
    feed = client.get("/feeds/rss/").content.decode()
    assert f'http://testserver/takedown/?article={article.slug}"&gt;takedown page' in feed


def test_the_shipped_disclaimer_no_longer_says_it_twice(db):
    text = Disclaimer.current_text()
    assert text.count("takedown page") == 0
    assert text.startswith("This article is reposted from a public source")


def test_related_articles_share_title_words_or_the_source(client, db):
    harbour, other = make_source(), make_source()
    article = make_article(harbour, title="Harbour ferries return after storm")
    same_words = make_article(other, title="Storm damage: ferries cancelled")
    same_source = make_article(harbour, title="Gardens open for spring")
    unrelated = make_article(other, title="Orchestra tunes up")
    make_article(other, title="Ferries draft", status=Article.Status.DRAFT)
    for n in range(3):
        make_article(
            other, title=f"Ferries story {n}", publish_at=timezone.now() - timedelta(days=9)
        )

    html = page(client, article)
    related = html.split('id="related-heading"', 1)[1].split("</section>", 1)[0]
    assert related.count('class="summary') == 3
    assert same_words.title in related  # two shared words rank first
    assert unrelated.title not in related and "Ferries draft" not in related
    assert article.title not in related
    assert same_source.title not in related or related.index(same_words.title) < related.index(
        same_source.title
    )


def test_related_articles_come_from_the_newest_public_ones(client, db, monkeypatch):
    monkeypatch.setattr("syndication.models.articles.RELATED_WINDOW", 3)
    source, other = make_source(), make_source()
    article = make_article(source, title="Lighthouse keepers remembered")
    old = make_article(
        other, title="Lighthouse keepers of old", publish_at=timezone.now() - timedelta(days=30)
    )
    for n in range(3):
        make_article(other, title=f"Market report {n}")

    assert old not in list(article.related()[:3])
    monkeypatch.setattr("syndication.models.articles.RELATED_WINDOW", 10)
    assert list(article.related()[:1]) == [old]
