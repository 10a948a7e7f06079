"""The article body's rich-text editor offers only what clean_html keeps, works under the
site's CSP, and an editor is told when a save removed markup."""

import re

import pytest
from django.contrib.messages import get_messages
from django_prose_editor.config import allowlist_from_extensions, expand_extensions

from syndication import editor
from syndication.models import Article
from syndication.sanitize import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, EDITOR_CLASSES, clean_html
from tests.conftest import make_article, make_source

pytestmark = pytest.mark.django_db

# What the editor's extensions write, one of each (as Tiptap serialises it).
EDITOR_OUTPUT = (
    "<h2>Heading</h2><h3>Sub</h3><h4>Minor</h4>"
    "<p><strong>bold</strong> <em>it</em> <s>gone</s> H<sub>2</sub>O x<sup>2</sup><br>next</p>"
    "<ul><li><p>one</p></li></ul><ol><li><p>first</p></li></ol>"
    '<ol start="3" type="a" data-type="lower-alpha"><li><p>third</p></li></ol>'
    "<blockquote><p>Quoted.</p></blockquote><hr>"
    '<p><a href="https://example.org/page" title="More">link</a></p>'
    '<figure class="figure"><img src="https://example.org/a.jpg" alt="A harbour">'
    '<figcaption class="figure-caption">The harbour</figcaption></figure>'
)

# A paragraph as Word puts it on the clipboard.
WORD_PASTE = (
    "<!--[if gte mso 9]><xml><o:OfficeDocumentSettings><o:AllowPNG/>"
    "</o:OfficeDocumentSettings></xml><![endif]-->"
    "<style>p.MsoNormal {mso-style-parent:''; margin:0cm;}</style>"
    "<p class=MsoNormal style='margin-bottom:0cm;mso-line-height-alt:12.0pt'>"
    "<span lang=EN-GB style='font-family:\"Calibri\",sans-serif;mso-fareast-language:EN-US'>"
    "Harbour <b style='mso-bidi-font-weight:normal'>news</b> today<o:p></o:p></span></p>"
    "<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'>"
    "<span style='mso-list:Ignore'>·<span style='font:7.0pt \"Times New Roman\"'>&nbsp;</span>"
    "</span>Tides<o:p></o:p></p>"
)


def test_everything_the_editor_can_write_is_kept_by_clean_html():
    kept = clean_html(EDITOR_OUTPUT)

    assert kept == EDITOR_OUTPUT.replace(
        '<a href="https://example.org/page" title="More">',
        '<a href="https://example.org/page" title="More" rel="nofollow noopener">',
    )


def test_the_editor_offers_no_element_the_sanitiser_would_remove():
    offered = allowlist_from_extensions(expand_extensions(editor.EXTENSIONS))

    assert set(offered["tags"]) <= ALLOWED_TAGS
    assert "h1" not in offered["tags"]  # the page's own title


def test_the_editor_offers_no_attribute_the_sanitiser_would_remove():
    offered = allowlist_from_extensions(expand_extensions(editor.EXTENSIONS))
    # Set by the sanitiser itself (rel), or only written with a file picker,
    # which this site does not configure (data-file).
    not_written = {("a", "rel"), ("img", "data-file")}

    for tag, attributes in offered["attributes"].items():
        allowed = ALLOWED_ATTRIBUTES.get(tag, [])
        for attribute in attributes:
            if (tag, attribute) in not_written:
                continue
            if callable(allowed):
                value = {"class": EDITOR_CLASSES.get(tag), "type": "a", "data-type": "lower-alpha"}
                value = value.get(attribute, "1")
                assert allowed(tag, attribute, value), f"{tag} {attribute}"
            else:
                assert attribute in allowed, f"{tag} {attribute}"


def test_word_processor_paste_comes_out_as_plain_structure():
    cleaned = clean_html(WORD_PASTE)

    assert "mso" not in cleaned.lower()
    assert "class=" not in cleaned
    assert "style" not in cleaned
    assert "<span" not in cleaned
    assert "<o:p" not in cleaned
    assert "OfficeDocumentSettings" not in cleaned
    assert cleaned.startswith("<p>Harbour <b>news</b> today</p>")
    assert "Tides" in cleaned


def test_other_classes_on_figures_are_removed():
    assert clean_html('<figure class="evil"><img src="https://e.org/a.jpg" alt="x"></figure>') == (
        '<figure><img src="https://e.org/a.jpg" alt="x"></figure>'
    )
    assert 'class="figure"' not in clean_html('<p class="figure">x</p>')


def test_the_article_form_shows_the_editor_with_a_nonce_for_its_import_map(editor_client):
    response = editor_client.get("/admin/syndication/article/add/")

    html = response.content.decode()
    assert "data-django-prose-editor-article" in html
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    assert f'<script type="importmap" nonce="{nonce}">' in html
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    # Every script is a file of this site or the nonce'd import map.
    for tag in re.findall(r"<script[^>]*>", html):
        assert " src=" in tag or f'nonce="{nonce}"' in tag


def test_public_pages_get_no_nonce(client):
    make_article()
    assert "nonce" not in client.get("/")["Content-Security-Policy"]


def _post_body(client, article, body):
    return client.post(
        f"/admin/syndication/article/{article.pk}/change/",
        {
            "source": article.source_id,
            "title": article.title,
            "slug": article.slug,
            "summary": article.summary,
            "body": body,
            "original_url": article.original_url,
            "seo_policy": "",
            "_continue": "1",
        },
    )


def test_a_save_that_removed_markup_tells_the_editor_what(editor_client):
    article = make_article(make_source(), status=Article.Status.DRAFT, publish_at=None)

    response = _post_body(
        editor_client,
        article,
        '<p onclick="steal()">Text</p><script>steal()</script><p style="color:red">More</p>',
    )

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.body == "<p>Text</p><p>More</p>"
    [warning] = [m for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]
    assert "<script>" in str(warning)
    assert "p onclick" in str(warning)
    assert "p style" in str(warning)


def test_a_save_of_what_the_editor_writes_gives_no_warning(editor_client):
    article = make_article(make_source(), status=Article.Status.DRAFT, publish_at=None)

    response = _post_body(editor_client, article, EDITOR_OUTPUT)

    assert response.status_code == 302
    assert not [m for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]
    article.refresh_from_db()
    assert '<figcaption class="figure-caption">The harbour</figcaption>' in article.body


def test_a_plain_http_image_is_refused_with_a_message(editor_client):
    article = make_article(make_source(), status=Article.Status.DRAFT, publish_at=None)

    response = _post_body(
        editor_client, article, '<p>x</p><img src="http://plain.example.org/a.jpg" alt="A">'
    )

    assert response.status_code == 200
    assert "Images must have an https address" in response.content.decode()
    assert "http://plain.example.org/a.jpg" in response.content.decode()
    article.refresh_from_db()
    assert "plain.example.org" not in article.body
