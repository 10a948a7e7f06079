"""Import reads the licences feeds declare; a CC licence counts only where the source trusts them.

RSS `creativeCommons:license` and `dc:rights`, Atom `<link rel="license">`
(per entry, or for the whole feed) and Media RSS `media:license`.
"""

from io import StringIO

import pytest
from django.core.management import call_command

from syndication import licences
from syndication.models import Article, Permission
from tests.conftest import make_source

from .conftest import FEEDS

S = Article.Status

pytestmark = pytest.mark.django_db


def import_file(source, name):
    out = StringIO()
    call_command("import_feeds", "--source", source.slug, "--file", str(FEEDS / name), stdout=out)
    return out.getvalue()


def by_slug_part(source):
    return {a.original_url.rsplit("/", 1)[-1]: a for a in Article.objects.filter(source=source)}


def trusting_source(**fields):
    return make_source(
        slug="open-science", auto_publish=True, trust_feed_licences=True, permission=None, **fields
    )


def test_rss_creative_commons_licence_publishes_the_entry_under_its_own_permission():
    source = trusting_source()

    import_file(source, "licensed_rss.xml")

    article = by_slug_part(source)["soil-microbes"]
    assert article.is_public
    permission = article.permission
    assert permission.article == article
    assert permission.kind == Permission.Kind.CREATIVE_COMMONS
    assert permission.name == "CC BY 4.0"
    assert permission.license_url == "https://creativecommons.org/licenses/by/4.0/"
    assert permission.scope == Permission.Scope.FULL
    assert permission.declared_in_feed
    assert permission.evidence_url == article.original_url


def test_dc_rights_naming_a_cc_deed_counts_and_nd_is_still_full_text():
    source = trusting_source()

    import_file(source, "licensed_rss.xml")

    article = by_slug_part(source)["coral-nurseries"]
    assert article.is_public
    assert article.permission.name == "CC BY-ND 4.0"
    assert article.scope == "full"


def test_rights_without_a_licence_grant_nothing_and_the_entry_stays_a_draft():
    source = trusting_source()

    output = import_file(source, "licensed_rss.xml")

    article = by_slug_part(source)["bird-migration"]
    assert article.status == S.DRAFT
    assert not article.own_permissions.exists()
    assert "4 new" in output
    source.refresh_from_db()
    assert "kept as drafts" in source.last_error


def test_a_non_commercial_licence_grants_nothing_by_default(settings):
    settings.LEDGER_NON_COMMERCIAL_SITE = False
    source = trusting_source()

    import_file(source, "licensed_rss.xml")

    article = by_slug_part(source)["glacier-sensors"]
    assert article.status == S.DRAFT
    assert not article.own_permissions.exists()


def test_a_non_commercial_site_takes_non_commercial_licences(settings):
    settings.LEDGER_NON_COMMERCIAL_SITE = True
    source = trusting_source()

    import_file(source, "licensed_rss.xml")

    article = by_slug_part(source)["glacier-sensors"]
    assert article.is_public
    assert article.permission.name == "CC BY-NC-SA 4.0"


def test_atom_entry_license_link_wins_over_the_feeds():
    source = trusting_source()

    import_file(source, "licensed_atom.xml")

    articles = by_slug_part(source)
    assert articles["weather"].permission.name == "CC BY 4.0"
    assert articles["keyboards"].permission.name == "CC BY-SA 4.0"  # the feed's licence


def test_media_license_of_cc0_is_public_domain():
    source = trusting_source()

    import_file(source, "licensed_atom.xml")

    permission = by_slug_part(source)["archive"].permission
    assert permission.kind == Permission.Kind.PUBLIC_DOMAIN
    assert permission.license_url == "https://creativecommons.org/publicdomain/zero/1.0/"


def test_an_untrusting_source_records_no_permission_and_keeps_drafts():
    source = make_source(slug="open-science", auto_publish=True, permission=None)

    import_file(source, "licensed_atom.xml")

    assert not Permission.objects.filter(source=source).exists()
    assert set(Article.objects.filter(source=source).values_list("status", flat=True)) == {S.DRAFT}


def test_a_trusted_licence_without_auto_publish_still_lets_an_editor_publish_the_draft():
    source = make_source(slug="open-science", trust_feed_licences=True, permission=None)

    import_file(source, "licensed_rss.xml")

    article = by_slug_part(source)["soil-microbes"]
    assert article.status == S.DRAFT
    article.publish()
    assert article.permission.name == "CC BY 4.0"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("https://creativecommons.org/licenses/by/4.0/", "CC BY 4.0"),
        ("http://creativecommons.org/licenses/by-nc-nd/3.0/deed.en", "CC BY-NC-ND 3.0"),
        ("Licensed under https://creativecommons.org/licenses/by-sa/2.0/", "CC BY-SA 2.0"),
        ("https://creativecommons.org/publicdomain/mark/1.0/", "Public Domain Mark 1.0"),
    ],
)
def test_creative_commons_addresses_are_recognised(text, name):
    assert licences.parse(text).name == name


@pytest.mark.parametrize(
    "text", ["All rights reserved", "CC BY 4.0", "https://example.org/licenses/by/4.0/", ""]
)
def test_anything_but_a_cc_deed_address_is_not_a_licence(text):
    assert licences.parse(text) is None
