"""The two roles created by migration: Editors curate, Legal is kept for takedowns."""

import pytest

from tests.conftest import make_article

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/admin/syndication/article/",
        "/admin/syndication/article/add/",
        "/admin/syndication/source/",
        "/admin/syndication/source/add/",
        "/admin/syndication/disclaimer/",
    ],
)
def test_editors_reach_sources_articles_and_disclaimer(editor_client, url):
    assert editor_client.get(url).status_code == 200


def test_editor_permissions(editor):
    for perm in ["add_article", "change_article", "add_source", "change_source",
                 "add_disclaimer", "change_disclaimer"]:  # fmt: skip
        assert editor.has_perm(f"syndication.{perm}")
    assert not editor.has_perm("syndication.delete_disclaimer")
    assert not editor.has_perm("auth.change_user")


def test_legal_can_view_but_not_change_articles(legal_client, legal_user):
    article = make_article()
    assert legal_client.get("/admin/syndication/article/").status_code == 200
    assert legal_client.get("/admin/syndication/article/add/").status_code == 403
    response = legal_client.post(
        f"/admin/syndication/article/{article.pk}/change/", {"title": "Changed by legal"}
    )
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.title != "Changed by legal"
    assert not legal_user.has_perm("syndication.change_article")


def test_staff_without_a_group_sees_nothing(client, django_user_model):
    user = django_user_model.objects.create_user("nobody", password="x", is_staff=True)
    client.force_login(user)
    assert client.get("/admin/syndication/article/").status_code == 403


def test_readers_are_sent_to_the_login_page(client):
    response = client.get("/admin/syndication/article/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
