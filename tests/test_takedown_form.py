import re

from django.core import mail

from syndication.models import TakedownRequest
from syndication.views.takedowns import TakedownCreateView
from tests.conftest import make_article
from tests.takedown_factories import notice_data


def test_takedown_form_page_explains_what_happens_next(client, db):
    response = client.get("/takedown/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "What happens next" in page
    assert "csrfmiddlewaretoken" in page


def test_article_parameter_prefills_the_claimed_url(client, article):
    response = client.get(f"/takedown/?article={article.slug}")
    assert response.status_code == 200
    page = response.content.decode()
    assert f"http://testserver/articles/{article.slug}/" in page
    assert article.title in page


def test_unknown_article_parameter_is_ignored(client, db):
    response = client.get("/takedown/?article=%00nothing-here")
    assert response.status_code == 200


def test_valid_notice_is_stored_and_redirects_to_its_reference(client, article):
    response = client.post("/takedown/", notice_data(article))

    takedown = TakedownRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/takedown/submitted/{takedown.reference}/"
    assert takedown.status == TakedownRequest.Status.RECEIVED
    assert list(takedown.articles.all()) == [article]
    assert takedown.events.get().to_status == TakedownRequest.Status.RECEIVED


def test_reference_is_td_and_nine_unguessable_characters(client, article):
    client.post("/takedown/", notice_data(article))
    reference = TakedownRequest.objects.get().reference
    assert reference.startswith("TD-")
    assert len(reference) == 12


def test_confirmation_page_shows_the_reference_and_no_personal_data(client, article):
    client.post("/takedown/", notice_data(article))
    takedown = TakedownRequest.objects.get()

    response = client.get(f"/takedown/submitted/{takedown.reference}/")

    page = response.content.decode()
    assert response.status_code == 200
    assert takedown.reference in page
    assert "What happens next" in page
    assert takedown.email not in page
    assert takedown.claimant_name not in page


def test_unknown_reference_confirmation_is_404(client, db):
    assert client.get("/takedown/submitted/TD-000000000/").status_code == 404


def test_several_urls_are_matched_to_their_articles(client, source):
    first, second = make_article(source), make_article(source)
    data = notice_data(first, second)
    data["claimed_urls"] += f"\n/articles/{first.slug}/\n"  # a path, and a duplicate

    assert client.post("/takedown/", data).status_code == 302

    takedown = TakedownRequest.objects.get()
    assert set(takedown.articles.all()) == {first, second}


def test_agent_names_the_owner_they_act_for(client, article):
    data = notice_data(article, capacity="agent", represented_owner="Big Owner Ltd")
    assert client.post("/takedown/", data).status_code == 302
    assert TakedownRequest.objects.get().represented_owner == "Big Owner Ltd"


def test_unicode_names_are_accepted(client, article):
    data = notice_data(article, claimant_name="Zoë Ñúñez 王芳", signature="zoë ñúñez  王芳")
    assert client.post("/takedown/", data).status_code == 302
    assert TakedownRequest.objects.get().claimant_name == "Zoë Ñúñez 王芳"


def test_the_reported_article_is_looked_up_once_per_page(client, article):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/takedown/", {"article": article.slug})

    assert article.title in response.content.decode()
    assert sum(article.slug in q["sql"] for q in queries) == 1


SUBMISSION_TOKEN = re.compile(r'name="submission_token" value="([^"]+)"')


def _form_token(client):
    return SUBMISSION_TOKEN.search(client.get("/takedown/").content.decode()).group(1)


def test_a_notice_sent_twice_from_one_form_is_stored_once(
    client, article, django_capture_on_commit_callbacks
):
    data = notice_data(article, submission_token=_form_token(client))

    with django_capture_on_commit_callbacks(execute=True):
        first = client.post("/takedown/", data)
        second = client.post("/takedown/", data)  # a double click

    takedown = TakedownRequest.objects.get()
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == takedown.get_absolute_url()
    assert len(mail.outbox) == 2  # one acknowledgement, one notice to the legal team


def test_each_form_shown_stores_its_own_notice(client, article):
    first_token, second_token = _form_token(client), _form_token(client)
    assert first_token != second_token

    client.post("/takedown/", notice_data(article, submission_token=first_token))
    client.post("/takedown/", notice_data(article, submission_token=second_token))

    assert TakedownRequest.objects.count() == 2


def test_a_form_corrected_after_an_error_is_stored_once_sent(client, article):
    token = _form_token(client)

    invalid = client.post("/takedown/", notice_data(article, signature="", submission_token=token))
    assert invalid.status_code == 400
    assert f'value="{token}"' in invalid.content.decode()  # the same form, shown again
    client.post("/takedown/", notice_data(article, submission_token=token))

    assert TakedownRequest.objects.count() == 1


def test_a_notice_with_a_token_no_form_drew_is_still_stored(client, article):
    for token in ("", "forged", "x" * 500, "\x00" * 43):
        assert (
            client.post("/takedown/", notice_data(article, submission_token=token)).status_code
            == 302
        )

    assert TakedownRequest.objects.count() == 4
    assert set(TakedownRequest.objects.values_list("submission_key", flat=True)) == {""}


def test_a_form_sent_again_after_an_edit_is_a_new_notice(client, article):
    # E.g. the browser's Back button restores the sent form, and it is changed.
    token = _form_token(client)

    client.post("/takedown/", notice_data(article, submission_token=token))
    client.post(
        "/takedown/",
        notice_data(article, explanation="Also the photographs.", submission_token=token),
    )

    assert TakedownRequest.objects.count() == 2


def test_a_repeat_at_the_rate_limit_still_gets_its_confirmation(client, article, settings):
    settings.TAKEDOWN_RATE_LIMIT = (1, 600)
    data = notice_data(article, submission_token=_form_token(client))

    first = client.post("/takedown/", data)
    repeat = client.post("/takedown/", data)

    assert first.status_code == repeat.status_code == 302
    assert first["Location"] == repeat["Location"]


def test_a_repeat_stored_between_its_check_and_its_insert_gets_the_first_confirmation(
    client, article, monkeypatch
):
    # Where nothing makes the sends wait for each other (SQLite), both can
    # find nothing stored; the unique key then refuses the second.
    data = notice_data(article, submission_token=_form_token(client))
    first = client.post("/takedown/", data)
    found = TakedownCreateView.stored_from_same_form
    checks = []

    def too_early_once(key):
        checks.append(key)
        return None if len(checks) == 1 else found(key)

    monkeypatch.setattr(TakedownCreateView, "stored_from_same_form", staticmethod(too_early_once))
    repeat = client.post("/takedown/", data)

    assert repeat.status_code == 302
    assert repeat["Location"] == first["Location"]
    assert TakedownRequest.objects.count() == 1
