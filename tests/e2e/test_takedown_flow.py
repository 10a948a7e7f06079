"""A rights holder reports an article; a Legal user accepts; the article is gone everywhere."""

import re

import pytest
from django.contrib.auth.models import Group

from syndication.models import Article, TakedownRequest
from tests.conftest import ensure_roles, make_article

LEGAL_PASSWORD = "a-real-Legal-passw0rd"  # noqa: S105


@pytest.fixture
def legal_login(django_user_model):
    user = django_user_model.objects.create_user(
        username="lena-legal", password=LEGAL_PASSWORD, is_staff=True
    )
    ensure_roles()
    user.groups.add(Group.objects.get(name="Legal"))
    return user


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_reported_article_is_accepted_and_then_answers_451_everywhere(
    page, live_server, legal_login
):
    article = make_article(title="The harbour essay that was copied")
    other = make_article(title="An unrelated article that stays")

    # The rights holder opens the article and follows "Report this article".
    page.goto(article.get_absolute_url())
    page.get_by_role("link", name="Report this article").click()
    page.wait_for_url(re.compile(r"/takedown/\?article="))
    claimed = page.locator('textarea[name="claimed_urls"]')
    assert claimed.input_value() == f"{live_server.url}{article.get_absolute_url()}"

    page.get_by_label("Your full name:", exact=True).fill("Rosa Rights")
    page.get_by_label("Email address").fill("rosa@rights.example.org")
    page.get_by_label("Phone number").fill("+44 20 7946 0000")
    page.get_by_label("Postal address").fill("1 Rights Row\nLondon")
    page.get_by_label("The copyrighted work").fill("My essay on harbours, published 2024.")
    page.get_by_label("Why this use infringes your rights").fill("Copied in full, no licence.")
    page.locator('input[name="good_faith_statement"]').check()
    page.locator('input[name="accuracy_statement"]').check()
    page.get_by_label("Signature: type your full name").fill("Rosa Rights")
    page.get_by_role("button", name="Send the notice").click()

    page.wait_for_url(re.compile(r"/takedown/submitted/TD-"))
    reference = page.locator("#reference").inner_text()
    takedown = TakedownRequest.objects.get(reference=reference)
    assert list(takedown.articles.all()) == [article]

    # A Legal user logs in through the real login form and decides.
    page.goto("/admin/login/?next=/admin/syndication/takedownrequest/")
    page.get_by_label("Username").fill("lena-legal")
    page.get_by_label("Password").fill(LEGAL_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/admin/syndication/takedownrequest/$"))
    assert reference in page.content()

    checkbox = f'input[name="_selected_action"][value="{takedown.pk}"]'
    page.check(checkbox)
    page.select_option('select[name="action"]', "start_review")
    page.get_by_role("button", name="Go", exact=True).click()
    page.wait_for_selector("text=Review started on 1 request.")

    page.check(checkbox)
    page.select_option('select[name="action"]', "accept")
    page.get_by_role("button", name="Go", exact=True).click()
    page.get_by_label("Action taken").fill("The article was removed from the site.")
    page.get_by_label("Facts and circumstances").fill("The claimant owns the essay.")
    page.get_by_label("Ground relied on").fill("Copyright infringement.")
    page.get_by_role("button", name="Accept and remove").click()
    page.wait_for_selector("text=Accepted 1 request")

    article.refresh_from_db()
    assert article.status == Article.Status.REMOVED

    # The public: 451 with a notice, and gone from every list.
    response = page.goto(article.get_absolute_url())
    assert response.status == 451
    assert 'rel="blocked-by"' in response.headers["link"]
    assert "removed following a request from a rights holder" in page.content()
    assert f"“{article.title}”" in page.content()  # named, none of its text shown
    assert article.summary not in page.content()

    page.goto("/")
    assert other.title in page.content()
    assert article.title not in page.content()

    for path in ["/feeds/rss/", "/feeds/atom/", "/search/?q=harbour+essay"]:
        body = page.request.get(path).text()
        assert article.title not in body
        assert f"/articles/{article.slug}/" not in body
