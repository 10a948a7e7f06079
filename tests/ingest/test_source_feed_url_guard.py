"""A feed URL the fetcher's address guard would refuse is refused when the source is saved."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from syndication.ingest import FetchError, fetch
from syndication.models import Source
from tests.conftest import make_source

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _guard_on(settings):
    settings.FEED_ALLOW_PRIVATE_ADDRESSES = False


def _fetch_error(url):
    with pytest.raises(FetchError) as caught:
        fetch(url)
    return str(caught.value)


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:9/feed", "http://10.1.2.3/feed", "http://[::ffff:127.0.0.1]/feed"]
)
def test_a_non_public_feed_address_is_refused_with_the_fetchers_message(url):
    source = Source(name="Inside", slug="inside", homepage="https://example.org/", feed_url=url)

    with pytest.raises(ValidationError) as caught:
        source.full_clean()

    assert caught.value.message_dict["feed_url"] == [_fetch_error(url)]
    assert "non-public address" in caught.value.message_dict["feed_url"][0]


def test_the_admin_refuses_it_when_the_source_is_saved(editor_client):
    source = make_source(slug="edited", homepage="https://example.org/")
    url = reverse("admin:syndication_source_change", args=[source.pk])
    form = {
        "name": source.name,
        "slug": source.slug,
        "homepage": source.homepage,
        "is_active": "on",
        "seo_policy": source.seo_policy,
        "feed_url": "http://127.0.0.1:8000/feed",
        "poll_interval": "01:00:00",
    }

    response = editor_client.post(url, form)

    assert response.status_code == 200  # the form again, with the error
    assert _fetch_error("http://127.0.0.1:8000/feed") in response.content.decode()
    source.refresh_from_db()
    assert source.feed_url == ""


def test_other_schemes_are_refused_with_the_fetchers_message():
    source = Source(name="F", slug="f", homepage="https://example.org/", feed_url="ftp://x.org/f")

    with pytest.raises(ValidationError) as caught:
        source.full_clean()

    assert caught.value.message_dict["feed_url"][-1] == _fetch_error("ftp://x.org/f")


def test_a_host_name_is_resolved_and_refused_like_an_address(settings):
    settings.FEED_RESOLVE_ON_SAVE = True  # localhost resolves from /etc/hosts, not DNS
    source = Source(
        name="L", slug="l", homepage="https://example.org/", feed_url="http://localhost/f"
    )

    with pytest.raises(ValidationError) as caught:
        source.full_clean()

    assert caught.value.message_dict["feed_url"] == [_fetch_error("http://localhost/f")]


def test_a_public_address_passes():
    Source(
        name="Pub", slug="pub", homepage="https://example.org/", feed_url="http://93.184.215.14/f"
    ).full_clean()


def test_with_private_addresses_allowed_a_local_feed_passes(settings):
    settings.FEED_ALLOW_PRIVATE_ADDRESSES = True
    Source(
        name="Dev", slug="dev", homepage="https://example.org/", feed_url="http://127.0.0.1:9/f"
    ).full_clean()
