"""An article's own admin page offers the publishing steps its state allows; each calls the
model, and a refusal from the model is an error message on the page, never a 500."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.utils import timezone

from syndication.models import Article
from tests.conftest import make_article, make_source

pytestmark = pytest.mark.django_db

S = Article.Status


def change_url(article):
    return f"/admin/syndication/article/{article.pk}/change/"


def step_url(article, name):
    return f"/admin/syndication/article/{article.pk}/transition/{name}/"


def messages_of(response):
    return [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)]


def button_labels(response):
    return [label for label, _url, _posts in response.context["article_buttons"]]


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"status": S.DRAFT, "publish_at": None}, ["Publish now", "Schedule…"]),
        ({"status": S.PUBLISHED}, ["Withdraw", "Back to draft"]),
        (
            {"status": S.PUBLISHED, "publish_at": timezone.now() + timedelta(days=1)},
            ["Publish now", "Reschedule…", "Withdraw", "Back to draft"],
        ),
        ({"status": S.WITHDRAWN}, ["Publish now", "Schedule…", "Back to draft"]),
        ({"status": S.REMOVED}, []),
    ],
    ids=["draft", "live", "scheduled", "withdrawn", "removed"],
)
def test_the_page_offers_the_steps_the_state_allows(editor_client, fields, expected):
    article = make_article(**fields)

    response = editor_client.get(change_url(article))

    assert response.status_code == 200
    assert button_labels(response) == expected
    html = response.content.decode()
    for label in expected:
        assert label in html
    assert ('name="_publish"' in html) == ("Publish now" in expected)


def test_publish_now_publishes_and_says_so(editor_client, editor):
    article = make_article(status=S.DRAFT, publish_at=None)

    response = editor_client.post(step_url(article, "publish"), follow=True)

    article.refresh_from_db()
    assert article.is_public
    assert article.curated_by == editor
    assert ("success", f"Published “{article.title}”.") in messages_of(response)
    assert "Published: readers see this article since" in response.content.decode()


def test_withdraw_and_back_to_draft(editor_client):
    article = make_article()

    editor_client.post(step_url(article, "withdraw"))
    article.refresh_from_db()
    assert article.status == S.WITHDRAWN

    editor_client.post(step_url(article, "to_draft"))
    article.refresh_from_db()
    assert article.status == S.DRAFT


def test_a_step_the_state_no_longer_allows_is_an_error_message(editor_client):
    article = make_article(status=S.DRAFT, publish_at=None)  # another editor drafted it

    response = editor_client.post(step_url(article, "withdraw"))

    assert response.status_code == 302
    assert response["Location"] == change_url(article)
    [(level, text)] = messages_of(response)
    assert level == "error"
    assert "cannot become withdrawn" in text


def test_a_refusal_from_publish_shows_its_reason(editor_client, monkeypatch):
    """Whatever the model refuses with (e.g. no permission covers the article) reaches the page."""
    article = make_article(status=S.DRAFT, publish_at=None)

    def refuse(self, by=None, at=None):
        raise ValidationError("No permission covers this article.", code="no_permission")

    monkeypatch.setattr(Article, "publish", refuse)
    response = editor_client.post(step_url(article, "publish"), follow=True)

    assert response.status_code == 200
    assert ("error", "No permission covers this article.") in messages_of(response)
    article.refresh_from_db()
    assert article.status == S.DRAFT


def test_steps_are_posted_not_fetched(editor_client):
    article = make_article(status=S.DRAFT, publish_at=None)

    assert editor_client.get(step_url(article, "publish")).status_code == 405
    article.refresh_from_db()
    assert article.status == S.DRAFT


def test_an_unknown_step_is_not_found(editor_client):
    article = make_article()

    response = editor_client.post(step_url(article, "delete_everything"))

    assert response.status_code == 404
    assert b"There is no such publishing step" in response.content


def test_a_user_who_may_only_view_gets_no_buttons_and_cannot_post(legal_client):
    article = make_article(status=S.DRAFT, publish_at=None)

    response = legal_client.get(change_url(article))
    assert response.context["article_buttons"] == []
    assert legal_client.post(step_url(article, "publish")).status_code == 403
    article.refresh_from_db()
    assert article.status == S.DRAFT


def test_schedule_from_the_page(editor_client, settings):
    settings.TIME_ZONE = "Europe/Berlin"
    article = make_article(status=S.DRAFT, publish_at=None)
    url = f"/admin/syndication/article/{article.pk}/schedule/"
    when = timezone.localtime(timezone.now() + timedelta(days=2)).replace(second=0, microsecond=0)

    page = editor_client.get(url)
    assert "Europe/Berlin" in page.content.decode()
    response = editor_client.post(url, {"publish_at": when.strftime("%Y-%m-%dT%H:%M")})

    article.refresh_from_db()
    assert article.is_scheduled
    assert article.publish_at == when
    [(level, text)] = messages_of(response)
    assert level == "success"
    assert "(Europe/Berlin)" in text


def test_scheduling_in_the_past_is_refused_with_a_message(editor_client):
    article = make_article(status=S.DRAFT, publish_at=None)
    url = f"/admin/syndication/article/{article.pk}/schedule/"

    response = editor_client.post(url, {"publish_at": "2001-01-01T10:00"})

    assert response.status_code == 400
    assert "Choose a time in the future" in response.content.decode()
    article.refresh_from_db()
    assert article.status == S.DRAFT


def form_data(article=None, source=None, **changes):
    source = source or article.source
    data = {
        "source": source.pk,
        "title": article.title if article else "A new repost",
        "slug": article.slug if article else "a-new-repost",
        "summary": "",
        "body": "<p>Text.</p>",
        "original_url": article.original_url if article else "https://example.org/new-repost",
        "seo_policy": "",
    }
    return {**data, **changes}


def test_save_and_publish_saves_the_edit_and_publishes(editor_client):
    article = make_article(status=S.DRAFT, publish_at=None)

    response = editor_client.post(
        change_url(article), form_data(article, title="Edited title", _publish="1")
    )

    assert response.status_code == 302
    assert response["Location"] == change_url(article)
    article.refresh_from_db()
    assert article.title == "Edited title"
    assert article.is_public
    assert ("success", "“Edited title” was saved and published.") in messages_of(response)


def test_save_and_publish_a_new_article(editor_client):
    source = make_source()

    response = editor_client.post(
        "/admin/syndication/article/add/", form_data(source=source, _publish="1")
    )

    article = Article.objects.get(slug="a-new-repost")
    assert response["Location"] == change_url(article)
    assert article.is_public


def test_save_and_publish_refused_keeps_the_edit_and_says_why(editor_client, monkeypatch):
    article = make_article(status=S.DRAFT, publish_at=None)

    def refuse(self, by=None, at=None):
        raise ValidationError("No permission covers this article.")

    monkeypatch.setattr(Article, "publish", refuse)
    response = editor_client.post(
        change_url(article), form_data(article, title="Kept edit", _publish="1")
    )

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Kept edit"
    assert article.status == S.DRAFT
    [(level, text)] = messages_of(response)
    assert level == "error"
    assert text == "“Kept edit” was saved but not published: No permission covers this article."


def test_preview_changes_shows_the_unsaved_form_and_saves_nothing(editor_client):
    article = make_article(title="Saved title")
    url = f"/admin/syndication/article/{article.pk}/preview-changes/"

    response = editor_client.post(
        url,
        form_data(
            article,
            title="Retitled, not saved",
            body="<h2>New part</h2><script>steal()</script><p>New text.</p>",
        ),
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Retitled, not saved</h1>" in html
    assert "<h2>New part</h2><p>New text.</p>" in html  # as clean_html would store it
    assert "steal()" not in html
    assert "Unsaved changes: readers see none of them until the form is saved." in html
    assert "Published: readers see this article since" in html
    assert "Close this tab to go back to editing." in html
    assert response["Cache-Control"].startswith("max-age=0")
    article.refresh_from_db()
    assert article.title == "Saved title"


def test_preview_changes_of_an_invalid_form_says_what_to_correct(editor_client):
    article = make_article()
    url = f"/admin/syndication/article/{article.pk}/preview-changes/"

    response = editor_client.post(url, form_data(article, original_url="not a url at all"))

    assert response.status_code == 400
    assert "Correct these in the form first" in response.content.decode()


def test_the_form_has_a_preview_changes_button_into_a_new_tab(editor_client):
    article = make_article()

    html = editor_client.get(change_url(article)).content.decode()

    assert (
        f'formaction="/admin/syndication/article/{article.pk}/preview-changes/" '
        'formtarget="_blank"' in html
    )


def test_preview_changes_is_posted_and_for_editors_only(editor_client, legal_client):
    article = make_article()
    url = f"/admin/syndication/article/{article.pk}/preview-changes/"

    assert editor_client.get(url).status_code == 405
    assert legal_client.post(url, form_data(article)).status_code == 403


def test_the_list_actions_stay(editor_client):
    article = make_article(status=S.DRAFT, publish_at=None)

    editor_client.post(
        "/admin/syndication/article/",
        {"action": "publish_now", "_selected_action": [article.pk]},
    )

    article.refresh_from_db()
    assert article.is_public
