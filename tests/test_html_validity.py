"""Public pages parse as HTML5 without a single parse error, with the landmarks a reader needs."""

import html5lib
import pytest

from tests.conftest import make_article


@pytest.fixture
def pages(db):
    article = make_article(
        title='Quotes "and" <angles> & ampersands',
        body="<p>Body with <a href='https://example.org/'>a link</a> and <em>emphasis</em>.</p>",
    )
    return [
        "/",
        "/sources/",
        article.source.get_absolute_url(),
        article.get_absolute_url(),
        "/search/",
        "/search/?q=quotes",
        "/search/?q=nothing-matches-this",
        "/no-such-page/",
    ]


def test_public_pages_are_valid_html5_with_landmarks(client, pages):
    for url in pages:
        html = client.get(url).content.decode()
        parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
        document = parser.parse(html)  # raises on the first parse error
        assert document.find(".//main[@id='main']") is not None, url
        assert document.find(".//header") is not None, url
        assert document.find(".//footer") is not None, url
        assert document.find(".//a[@class='skip-link']").get("href") == "#main", url
        assert len(document.findall(".//h1")) == 1, url
        assert document.get("lang") == "en", url
