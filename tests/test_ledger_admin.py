"""Editors keep the rights ledger in the admin: evidence stays private, rules are checked."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from syndication.models import Article, Permission
from tests.conftest import ensure_roles, make_article, make_permission, make_source

CHANGELIST = reverse("admin:syndication_permission_changelist")
ADD = reverse("admin:syndication_permission_add")

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "private"


def split(when):
    local = timezone.localtime(when)
    return local.strftime("%Y-%m-%d"), local.strftime("%H:%M:%S")


def form_data(source, **fields):
    start_date, start_time = split(timezone.now() - timedelta(days=1))
    data = {
        "source": source.pk,
        "article": "",
        "kind": "agreement",
        "name": "Syndication agreement 2026",
        "license_url": "",
        "license_version": "",
        "scope": "full",
        "evidence_url": "",
        "note": "Signed by the editor-in-chief.",
        "valid_from_0": start_date,
        "valid_from_1": start_time,
        "valid_until_0": "",
        "valid_until_1": "",
        "revoked_at_0": "",
        "revoked_at_1": "",
        "revoked_reason": "",
    }
    return {**data, **fields}


def test_editor_records_a_permission_with_an_evidence_file(editor_client, editor):
    source = make_source(permission=None)
    upload = SimpleUploadedFile("agreement.pdf", b"%PDF-1.4 signed", "application/pdf")

    response = editor_client.post(ADD, form_data(source, evidence_file=upload))

    assert response.status_code == 302, response.content.decode()[:3000]
    permission = Permission.objects.get(source=source)
    assert permission.recorded_by == editor
    assert permission.evidence_file.name.endswith(".pdf")
    listing = editor_client.get(CHANGELIST).content.decode()
    assert permission.evidence_file.url in listing


def test_evidence_files_open_for_staff_only(editor_client, client):
    source = make_source(permission=None)
    upload = SimpleUploadedFile("agreement.pdf", b"%PDF-1.4 signed", "application/pdf")
    editor_client.post(ADD, form_data(source, evidence_file=upload))
    url = Permission.objects.get(source=source).evidence_file.url
    assert url.startswith("/admin/")

    response = editor_client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 signed"

    editor_client.logout()
    assert client.get(url).status_code == 302  # to the log-in page
    assert editor_client.get(reverse(
        "admin:syndication_permission_evidence", kwargs={"name": "permissions/none.pdf"}
    )).status_code in (302, 404)  # fmt: skip


def test_staff_without_the_right_to_view_permissions_cannot_open_evidence(
    client, django_user_model, editor_client
):
    source = make_source(permission=None)
    upload = SimpleUploadedFile("agreement.pdf", b"%PDF-1.4", "application/pdf")
    editor_client.post(ADD, form_data(source, evidence_file=upload))
    url = Permission.objects.get(source=source).evidence_file.url
    clerk = django_user_model.objects.create_user("clerk", password="unused", is_staff=True)
    client.force_login(clerk)

    assert client.get(url).status_code == 403


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"valid_until_0": "2020-01-01", "valid_until_1": "00:00:00"}, "The end must come after"),
        ({"kind": "cc"}, "needs the address of its deed"),
        ({"revoked_at_0": "2026-01-01", "revoked_at_1": "00:00:00"}, "Say why it was revoked"),
        ({"scope": "everything"}, "Select a valid choice"),
    ],
)
def test_bad_input_is_a_form_error_not_a_500(editor_client, fields, message):
    source = make_source(permission=None)

    response = editor_client.post(ADD, form_data(source, **fields))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Permission.objects.filter(source=source).exists()


def test_an_evidence_file_of_another_kind_is_refused(editor_client):
    source = make_source(permission=None)
    upload = SimpleUploadedFile("payload.exe", b"MZ", "application/octet-stream")

    response = editor_client.post(ADD, form_data(source, evidence_file=upload))

    assert response.status_code == 200
    assert "Upload a PDF, an image, an email or a document" in response.content.decode()
    assert not Permission.objects.filter(source=source).exists()


def test_an_article_of_another_source_is_refused(editor_client):
    source = make_source(permission=None)
    elsewhere = make_article(make_source())

    response = editor_client.post(ADD, form_data(source, article=elsewhere.pk))

    assert response.status_code == 200
    assert "The article is from another source." in response.content.decode()


def test_ending_soon_filter_lists_what_editors_must_renew(editor_client):
    source = make_source(permission=None)
    now = timezone.now()
    make_permission(source, name="Ends next week", valid_until=now + timedelta(days=7))
    make_permission(source, name="Ends next year", valid_until=now + timedelta(days=300))
    make_permission(source, name="Ended last week", valid_until=now - timedelta(days=7))

    html = editor_client.get(CHANGELIST, {"validity": "ending_soon"}).content.decode()

    assert "Ends next week" in html
    assert "Ends next year" not in html
    assert "Ended last week" not in html
    assert "Ending within 30 days" in editor_client.get(CHANGELIST).content.decode()


def test_revoking_in_the_admin_withdraws_its_articles_at_once(editor_client, django_user_model):
    ensure_roles()
    editors = Group.objects.get(name="Editors")
    django_user_model.objects.create_user("desk", email="desk@example.org").groups.add(editors)
    source = make_source(permission=None)
    permission = make_permission(source, name="Agreement")
    article = make_article(source)
    revoked_date, revoked_time = split(timezone.now())
    data = form_data(
        source,
        name="Agreement",
        valid_from_0=split(permission.valid_from)[0],
        valid_from_1=split(permission.valid_from)[1],
        revoked_at_0=revoked_date,
        revoked_at_1=revoked_time,
        revoked_reason="The publisher was sold.",
    )

    response = editor_client.post(
        reverse("admin:syndication_permission_change", args=[permission.pk]), data, follow=True
    )

    messages = [str(m) for m in response.context["messages"]]
    assert any("1 article no permission covers any more was withdrawn" in m for m in messages)
    article.refresh_from_db()
    assert article.status == Article.Status.WITHDRAWN
    assert "The publisher was sold." in article.permission_lapse_note


def test_a_permission_articles_were_published_under_cannot_be_deleted(editor_client):
    article = make_article()
    response = editor_client.post(
        reverse("admin:syndication_permission_delete", args=[article.permission_id]),
        {"post": "yes"},
    )
    assert response.status_code == 403
    assert Permission.objects.filter(pk=article.permission_id).exists()


def test_source_page_records_permissions_inline(editor_client, editor):
    source = make_source(permission=None, name="Harbour Gazette")
    start_date, start_time = split(timezone.now() - timedelta(days=1))
    data = {
        "name": source.name,
        "slug": source.slug,
        "homepage": source.homepage,
        "seo_policy": source.seo_policy,
        "is_active": "on",
        "poll_interval": "01:00:00",
        "permissions-TOTAL_FORMS": "1",
        "permissions-INITIAL_FORMS": "0",
        "permissions-0-kind": "publisher_terms",
        "permissions-0-name": "Reuse terms: excerpts with a link",
        "permissions-0-scope": "excerpt",
        "permissions-0-evidence_url": "https://harbour.example.org/reuse",
        "permissions-0-valid_from_0": start_date,
        "permissions-0-valid_from_1": start_time,
    }

    response = editor_client.post(
        reverse("admin:syndication_source_change", args=[source.pk]), data
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    permission = Permission.objects.get(source=source)
    assert permission.scope == "excerpt"
    assert permission.recorded_by == editor
    draft = make_article(source, status=Article.Status.DRAFT, publish_at=None)
    draft.publish()
    assert draft.scope == "excerpt"


def test_article_page_in_the_admin_shows_what_it_is_published_under(editor_client):
    article = make_article()

    html = editor_client.get(
        reverse("admin:syndication_article_change", args=[article.pk])
    ).content.decode()

    assert "Republished with the publisher&#x27;s permission" in html
    assert reverse("admin:syndication_permission_change", args=[article.permission_id]) in html
    assert f"{ADD}?source={article.source_id}&amp;article={article.pk}" in html


def test_the_add_form_takes_the_article_from_its_link(editor_client):
    article = make_article()

    response = editor_client.get(ADD, {"source": article.source_id, "article": article.pk})

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert str(form["source"].value()) == str(article.source_id)
    assert str(form["article"].value()) == str(article.pk)
    html = response.content.decode()
    assert f'name="article" value="{article.pk}"' in html
    assert f'<option value="{article.source_id}" selected>' in html


def test_article_list_filters_those_withdrawn_for_lack_of_permission(editor_client):
    lapsed = make_article(title="Lapsed story")
    lapsed.withdraw_for_lack_of_permission("The permission ended.")
    make_article(title="Withdrawn by an editor", status=Article.Status.WITHDRAWN)

    html = editor_client.get(
        reverse("admin:syndication_article_changelist"), {"rights": "lapsed"}
    ).content.decode()

    assert "Lapsed story" in html
    assert "Withdrawn by an editor" not in html
