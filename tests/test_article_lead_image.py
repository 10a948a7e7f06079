"""The lead image is shown with its credit on the article page and in lists, as og:image and in
the JSON-LD, from the original's https address, under the unchanged Content-Security-Policy."""

import json
import re

import pytest
from django.urls import reverse

from tests.conftest import make_article, make_source

pytestmark = pytest.mark.django_db

IMAGE = "https://img.example.org/harbour.jpg"


@pytest.fixture
def pictured():
    source = make_source(name="Picture Post", slug="picture-post")
    return make_article(
        source,
        title="Harbour at dawn",
        slug="harbour-at-dawn",
        body="<p>Fishing boats leave before sunrise.</p>",
        lead_image_url=IMAGE,
        lead_image_alt="Boats leaving the harbour",
        lead_image_credit="Jo Lens / Coast Agency",
    )


def _json_ld(html):
    return json.loads(
        re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S)[1]
    )


def test_the_article_page_shows_the_image_with_its_alt_text_and_credit(client, pictured):
    html = client.get(pictured.get_absolute_url()).content.decode()

    assert f'<img src="{IMAGE}" alt="Boats leaving the harbour"' in html
    assert "Image: Jo Lens / Coast Agency" in html


def test_the_image_is_og_image_and_in_the_json_ld(client, pictured):
    html = client.get(pictured.get_absolute_url()).content.decode()

    assert f'<meta property="og:image" content="{IMAGE}">' in html
    assert '<meta property="og:image:alt" content="Boats leaving the harbour">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert _json_ld(html)["image"] == [
        {
            "@type": "ImageObject",
            "url": IMAGE,
            "creditText": "Jo Lens / Coast Agency",
            "caption": "Boats leaving the harbour",
        }
    ]


@pytest.mark.parametrize("path", ["/", "/sources/picture-post/"])
def test_lists_show_the_image_with_its_credit(client, pictured, path):
    html = client.get(path).content.decode()

    assert f'<img src="{IMAGE}"' in html
    assert "Image: Jo Lens / Coast Agency" in html


def test_an_image_already_in_the_body_is_not_shown_twice(client):
    article = make_article(
        body=f'<p>Text.</p><p><img src="{IMAGE}" alt="Boats"></p>',
        lead_image_url=IMAGE,
        lead_image_credit="Jo Lens",
    )

    html = client.get(article.get_absolute_url()).content.decode()

    assert html.count(f'src="{IMAGE}"') == 1
    assert "Image: Jo Lens" in html


def test_an_article_without_an_image_has_no_figure_and_a_small_card(client):
    article = make_article()

    html = client.get(article.get_absolute_url()).content.decode()

    assert "lead-image" not in html and "og:image" not in html
    assert '<meta name="twitter:card" content="summary">' in html


def test_the_csp_stays_strict_images_come_from_https_only(client, pictured):
    response = client.get(pictured.get_absolute_url())

    policy = response["Content-Security-Policy"]
    img_src = re.search(r"img-src ([^;]*)", policy)[1].split()
    assert set(img_src) == {"'self'", "https:", "data:"}
    assert "http:" not in img_src and "*" not in img_src
    # Public pages use no nonce, so their scripts stay this site's files only.
    assert re.search(r"script-src ([^;]*)", policy)[1].split() == ["'self'"]


def test_a_new_lead_image_is_a_change_readers_see(pictured):
    pictured.lead_image_credit = "Another credit"

    assert pictured.changes_public_view()


def test_editors_may_set_only_an_https_lead_image(editor_client, pictured):
    url = reverse("admin:syndication_article_change", args=[pictured.pk])
    form = editor_client.get(url).context["adminform"].form
    data = {name: form.initial.get(name) or "" for name in form.fields}
    data.update(
        source=pictured.source_id,
        original_published_at_0="2026-12-01",
        original_published_at_1="10:00:00",
        lead_image_url="http://img.example.org/plain.jpg",
    )

    response = editor_client.post(url, data)

    assert response.status_code == 200
    assert "The lead image must have an https address." in response.content.decode()
