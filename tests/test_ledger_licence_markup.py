"""Readers see the permission: rel="license" on the page, schema.org `license`, and in the feeds."""

import json
import re
from xml.etree import ElementTree

import pytest

from tests.conftest import make_article, make_permission, make_source

CC_BY = "https://creativecommons.org/licenses/by/4.0/"
CC_NS = "http://backend.userland.com/creativeCommonsRssModule"
DC_NS = "http://purl.org/dc/elements/1.1/"
ATOM_NS = "http://www.w3.org/2005/Atom"

pytestmark = pytest.mark.django_db


@pytest.fixture
def licensed():
    source = make_source(name="Open Science Wire", permission=None)
    make_permission(source, kind="cc", name="CC BY 4.0", license_url=CC_BY, license_version="4.0")
    return make_article(source, title="Soil microbes mapped")


@pytest.fixture
def agreed():
    source = make_source(name="Harbour Gazette", permission=None)
    make_permission(source, name="Republished with permission")
    return make_article(source, title="Ferry timetable approved")


def json_ld(html):
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(found.group(1))


def test_article_page_links_the_licence_with_rel_license(client, licensed):
    html = client.get(licensed.get_absolute_url()).content.decode()

    assert f'<a rel="license" href="{CC_BY}">CC BY 4.0</a>' in html
    assert json_ld(html)["license"] == CC_BY


def test_a_permission_without_a_licence_url_is_named_without_a_link(client, agreed):
    html = client.get(agreed.get_absolute_url()).content.decode()

    assert "Republished under: Republished with permission" in html
    assert 'rel="license"' not in html
    assert json_ld(html)["license"] == "Republished with permission"


def test_rss_items_carry_creative_commons_license_and_dc_rights(client, licensed, agreed):
    root = ElementTree.fromstring(client.get("/feeds/rss/").content)  # noqa: S314 - our own feed

    items = {item.findtext("title"): item for item in root.iter("item")}
    cc_item, agreed_item = items[licensed.title], items[agreed.title]
    assert cc_item.findtext(f"{{{CC_NS}}}license") == CC_BY
    assert cc_item.findtext(f"{{{DC_NS}}}rights") == "CC BY 4.0"
    assert agreed_item.find(f"{{{CC_NS}}}license") is None
    assert agreed_item.findtext(f"{{{DC_NS}}}rights") == "Republished with permission"


def test_atom_entries_link_their_licence_per_rfc_4946(client, licensed, agreed):
    root = ElementTree.fromstring(client.get("/feeds/atom/").content)  # noqa: S314 - our own feed

    entries = {e.findtext(f"{{{ATOM_NS}}}title"): e for e in root.iter(f"{{{ATOM_NS}}}entry")}
    links = entries[licensed.title].findall(f"{{{ATOM_NS}}}link[@rel='license']")
    assert [link.get("href") for link in links] == [CC_BY]
    assert entries[licensed.title].findtext(f"{{{ATOM_NS}}}rights") == "CC BY 4.0"
    assert entries[agreed.title].find(f"{{{ATOM_NS}}}link[@rel='license']") is None
    assert entries[agreed.title].findtext(f"{{{ATOM_NS}}}rights") == "Republished with permission"


def test_source_feeds_carry_the_licence_too(client, licensed):
    content = client.get(f"{licensed.source.get_absolute_url()}feeds/atom/").content.decode()

    assert f'rel="license" href="{CC_BY}"' in content
