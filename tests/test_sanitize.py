"""clean_html(): nothing from a feed or an editor can run script in a reader's browser."""

from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

from syndication import sanitize
from syndication.sanitize import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, clean_html

XSS_VECTORS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<img src=javascript:alert(1)>",
    '<img src="jav&#x09;ascript:alert(1)">',
    '<a href="javascript:alert(1)">click</a>',
    '<a href="JaVaScRiPt:alert(1)">click</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
    '<a href=" javascript:alert(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
    '<a href="vbscript:msgbox(1)">x</a>',
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<!--<img src=x onerror=alert(1)>-->",
    "<!--><img src=x onerror=alert(1)>-->",
    '<body onload="alert(1)">',
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    '<form action="javascript:alert(1)"><button>go</button></form>',
    '<input autofocus onfocus="alert(1)">',
    '<details open ontoggle="alert(1)">',
    '<p style="background:url(javascript:alert(1))">x</p>',
    "<style>@import 'javascript:alert(1)';</style>",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<link rel="stylesheet" href="javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    "<video><source onerror=alert(1)></video>",
    '<div onmouseover="alert(1)">hover</div>',
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    '<a href="https://ok.example/" onclick="alert(1)">x</a>',
    "<template><img src=x onerror=alert(1)></template>",
    "<xmp><img src=x onerror=alert(1)></xmp>",
    '<table background="javascript:alert(1)"><td>x</td></table>',
    '<blockquote cite="javascript:alert(1)">q</blockquote>',
    '<img src="x" alt="&quot; onerror=alert(1) x=&quot;">',
    "<select><style></select><img src=x onerror=alert(1)></style>",
    '<a href="java\0script:alert(1)">x</a>',
]

URL_ATTRIBUTES = {"href", "src", "cite"}


class _Inspector(HTMLParser):
    """Collects every tag and attribute a browser would see in the output."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"tag <{tag}>")
        for name, value in attrs:
            if name != "rel" and name not in ALLOWED_ATTRIBUTES.get(tag, []):
                self.problems.append(f"attribute {name} on <{tag}>")
            if name in URL_ATTRIBUTES and value:
                scheme = urlsplit(value.strip()).scheme.lower()
                if scheme not in ("", "http", "https", "mailto"):
                    self.problems.append(f"{name}={value!r}")


def _problems(html):
    inspector = _Inspector()
    inspector.feed(html)
    inspector.close()
    return inspector.problems


def test_there_are_at_least_thirty_vectors():
    assert len(XSS_VECTORS) >= 30


@pytest.mark.parametrize("vector", XSS_VECTORS)
def test_xss_vector_is_neutralised(vector):
    cleaned = clean_html(vector)
    assert _problems(cleaned) == []
    lowered = cleaned.lower()
    assert "<script" not in lowered
    assert "javascript:" not in lowered.replace("&amp;", "&")


@pytest.mark.parametrize("vector", XSS_VECTORS)
def test_cleaning_is_stable_so_a_reparse_cannot_mutate_it(vector):
    once = clean_html(vector)
    sanitize._known_clean.clear()  # really parse it again: the memo relies on this stability
    assert clean_html(once) == once


def test_script_and_style_content_is_dropped_not_shown_as_text():
    cleaned = clean_html(
        "<p>Before</p><script>var secret = 1;</script><style>p{}</style><p>After</p>"
    )
    assert cleaned == "<p>Before</p><p>After</p>"


def test_article_markup_survives():
    html = (
        "<h2>Heading</h2><p>Text with <em>emphasis</em>, <strong>strong</strong> and "
        '<a href="https://example.org/x" title="t">a link</a>.</p>'
        "<ul><li>one</li></ul><ol><li>two</li></ol><blockquote><p>quote</p></blockquote>"
        '<figure><img src="https://example.org/i.jpg" alt="A harbour">'
        "<figcaption>Cap</figcaption></figure>"
        "<table><thead><tr><th>h</th></tr></thead><tbody><tr><td>d</td></tr></tbody></table>"
    )
    cleaned = clean_html(html)
    for fragment in [
        "<h2>Heading</h2>",
        "<em>emphasis</em>",
        "<strong>strong</strong>",
        "<li>one</li>",
        "<blockquote>",
        '<img src="https://example.org/i.jpg" alt="A harbour">',
        "<figcaption>Cap</figcaption>",
        "<th>h</th>",
        "<td>d</td>",
    ]:
        assert fragment in cleaned


def test_links_get_nofollow_noopener():
    cleaned = clean_html('<a href="https://example.org/" rel="author">x</a>')
    assert cleaned == '<a href="https://example.org/" rel="nofollow noopener">x</a>'


def test_unknown_tags_are_unwrapped_keeping_their_text():
    assert clean_html("<div><custom-el>kept text</custom-el></div>") == "kept text"


def test_empty_and_null_input():
    assert clean_html("") == ""
    assert clean_html("a\x00b") == "ab"


def test_an_earlier_output_is_recognised_but_a_lookalike_is_cleaned():
    cleaned = clean_html('<p onclick="x()">Remembered</p>')
    assert clean_html(cleaned) is cleaned
    assert clean_html(cleaned + "<script>alert(1)</script>") == cleaned


@pytest.mark.django_db
def test_a_save_of_chosen_fields_cleans_the_body_when_it_is_one_of_them():
    from tests.conftest import make_article

    article = make_article()
    article.body = '<p onclick="x()">Hi</p><script>alert(1)</script>'
    article.save(update_fields=["body"])

    article.refresh_from_db()
    assert article.body == "<p>Hi</p>"


def test_relative_addresses_are_made_absolute_against_the_given_address():
    html = (
        '<p><a href="next.html">Next</a> <img src="/a.png" alt=""> '
        '<a href="https://elsewhere.example/x">Elsewhere</a> '
        '<a href="mailto:desk@example.org">Desk</a></p>'
    )

    cleaned = clean_html(html, base_url="https://news.example.org/2026/story.html")

    assert 'href="https://news.example.org/2026/next.html"' in cleaned
    assert 'src="https://news.example.org/a.png"' in cleaned
    assert 'href="https://elsewhere.example/x"' in cleaned
    assert 'href="mailto:desk@example.org"' in cleaned


def test_without_an_http_address_relative_addresses_stay_relative():
    html = '<p><a href="next.html">Next</a></p>'

    assert 'href="next.html"' in clean_html(html)
    # A file: address would make a link bleach never checked: it is not used.
    assert 'href="next.html"' in clean_html(html, base_url="file:///etc/")
    assert 'href="next.html"' in clean_html(html, base_url="http://[::1")


def test_an_address_that_cannot_be_made_absolute_is_dropped():
    cleaned = clean_html('<p><a href="//[::1/x">odd</a></p>', base_url="https://a.example/")

    assert "href" not in cleaned and "odd" in cleaned


def test_an_address_without_a_scheme_is_taken_as_https_even_from_an_http_page():
    # The Content-Security-Policy allows no plain-http image.
    html = '<p><img src="//cdn.example.org/a.jpg" alt=""> <a href="//example.org/b">b</a></p>'

    cleaned = clean_html(html, base_url="http://news.example.org/story")

    assert 'src="https://cdn.example.org/a.jpg"' in cleaned
    assert 'href="https://example.org/b"' in cleaned


def test_a_base_with_credentials_or_without_a_host_is_not_copied_into_links():
    html = '<p><a href="next.html">Next</a></p>'

    assert 'href="https://news.example.org/next.html"' in clean_html(
        html, base_url="https://user:pw@news.example.org/story"
    )
    assert 'href="next.html"' in clean_html(html, base_url="https:nohost")
