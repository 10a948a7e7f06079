"""Wherever an editor enters a time, the form names the time zone it is read in."""

import pytest

from tests.conftest import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def lisbon(settings):
    settings.TIME_ZONE = "Europe/Lisbon"


def test_the_article_form_names_the_time_zone_of_its_times(editor_client, lisbon):
    response = editor_client.get("/admin/syndication/article/add/")

    field = response.context["adminform"].form.fields["original_published_at"]
    assert "Europe/Lisbon" in str(field.help_text)
    assert "Times are in the Europe/Lisbon time zone." in response.content.decode()


def test_the_article_page_schedule_form_names_it(editor_client, lisbon):
    article = make_article(status="draft", publish_at=None)

    response = editor_client.get(f"/admin/syndication/article/{article.pk}/schedule/")

    assert "Europe/Lisbon" in str(response.context["form"].fields["publish_at"].help_text)


def test_the_list_schedule_action_names_it(editor_client, lisbon):
    article = make_article(status="draft", publish_at=None)

    response = editor_client.post(
        "/admin/syndication/article/",
        {"action": "schedule", "_selected_action": [article.pk]},
    )

    assert response.status_code == 200
    assert "Europe/Lisbon" in response.content.decode()
