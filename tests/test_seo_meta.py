import json
import re

from syndication.models import SeoPolicy
from tests.conftest import make_article, make_permission, make_source


def _json_ld(html):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, "no JSON-LD in the page"
    return json.loads(match.group(1))


def test_noindex_is_the_default_for_syndicated_copies(client, db):
    article = make_article()

    html = client.get(article.get_absolute_url()).content.decode()

    assert '<meta name="robots" content="noindex">' in html
    assert '<meta name="Googlebot-News" content="noindex">' in html
    assert 'rel="canonical"' not in html


def test_canonical_policy_points_to_the_original(client, db):
    article = make_article(make_source(seo_policy=SeoPolicy.CANONICAL))

    html = client.get(article.get_absolute_url()).content.decode()

    assert f'<link rel="canonical" href="{article.original_url}">' in html
    assert 'content="noindex"' not in html


def test_article_policy_overrides_the_sources(client, db):
    article = make_article(make_source(seo_policy=SeoPolicy.NOINDEX), seo_policy=SeoPolicy.INDEX)

    html = client.get(article.get_absolute_url()).content.decode()

    assert 'content="noindex"' not in html
    assert 'rel="canonical"' not in html


def test_article_page_has_open_graph_and_twitter_card(client, db):
    article = make_article(title="Bridges & tunnels", summary="All about crossings.")

    html = client.get(article.get_absolute_url()).content.decode()

    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:title" content="Bridges &amp; tunnels">' in html
    assert '<meta property="og:description" content="All about crossings.">' in html
    assert f'<meta property="og:url" content="http://testserver/articles/{article.slug}/">' in html
    assert '<meta property="article:author" content="Jane Writer">' in html
    assert '<meta name="twitter:card" content="summary">' in html
    assert '<meta name="twitter:title" content="Bridges &amp; tunnels">' in html


def test_article_page_describes_itself_as_a_news_article_based_on_the_original(client, db):
    source = make_source(name="Example Times", permission=None)
    make_permission(
        source,
        kind="cc",
        name="CC BY 4.0",
        license_url="https://creativecommons.org/licenses/by/4.0/",
    )
    article = make_article(source, original_authors="Ann Author, Bob Byline")

    data = _json_ld(client.get(article.get_absolute_url()).content.decode())

    assert data["@type"] == "NewsArticle"
    assert data["headline"] == article.title
    assert data["isBasedOn"] == article.original_url
    assert [a["name"] for a in data["author"]] == ["Ann Author", "Bob Byline"]
    assert data["copyrightHolder"]["name"] == "Example Times"
    assert data["publisher"]["name"]
    assert data["datePublished"] == article.original_published_at.isoformat()
    assert data["license"] == "https://creativecommons.org/licenses/by/4.0/"


def test_json_ld_cannot_break_out_of_its_script_element(client, db):
    article = make_article(title="</script><script>alert(1)</script>", summary="<!-- x & y")

    html = client.get(article.get_absolute_url()).content.decode()

    assert "<script>alert(1)" not in html
    data = _json_ld(html)
    assert data["headline"] == "</script><script>alert(1)</script>"
    assert data["description"] == "<!-- x & y"
