"""Lists are paginated with numbered pages, the first and the last, and keep the query."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.conftest import make_article, make_source


@pytest.fixture
def many(db):
    source = make_source()
    for n in range(95):  # ten pages of ten in search, five of twenty on a list
        make_article(
            source, title=f"Meadow {n}", publish_at=timezone.now() - timedelta(hours=n + 1)
        )
    return source


def links(html):
    nav = html.split('aria-label="Pages"', 1)[1].split("</nav>", 1)[0]
    return nav


def test_a_middle_page_links_first_last_neighbours_and_numbers(client, many):
    nav = links(client.get("/search/", {"q": "meadow", "page": 5}).content.decode())
    assert 'href="?q=meadow&amp;page=1" class="first">First' in nav
    assert 'href="?q=meadow&amp;page=10" class="last">Last' in nav
    assert 'href="?q=meadow&amp;page=4" rel="prev"' in nav
    assert 'href="?q=meadow&amp;page=6" rel="next"' in nav
    for number in [3, 4, 6, 7]:
        assert f'href="?q=meadow&amp;page={number}" aria-label="Page {number}"' in nav
    assert 'aria-current="page" aria-label="Page 5">5</a>' in nav
    assert "Page 5 of 10" in nav


def test_the_first_page_has_no_link_back_and_leaves_far_pages_out(client, many):
    nav = links(client.get("/search/", {"q": "meadow"}).content.decode())
    assert 'rel="prev"' not in nav and "First" not in nav
    assert 'href="?q=meadow&amp;page=2" rel="next"' in nav
    assert '<li class="gap" aria-hidden="true">…</li>' in nav
    assert 'aria-label="Page 6"' not in nav and 'aria-label="Page 10"' in nav


def test_the_last_page_has_no_link_on(client, many):
    html = client.get(many.get_absolute_url(), {"page": 5}).content.decode()
    nav = links(html)
    assert 'rel="next"' not in nav and "Last<" not in nav
    assert "Page 5 of 5" in nav
    assert 'href="?page=1" class="first"' in nav


def test_a_page_beyond_the_end_is_a_404(client, many):
    assert client.get("/", {"page": 99}).status_code == 404
    assert client.get("/search/", {"q": "meadow", "page": 11}).status_code == 404
