"""Legal opens an overdue notice from the admin index and accepts it from its page with a
template; the publisher follows its private link and files a counter-notice; the article
comes back when the period ends (the clock is moved by the test, not slept)."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.utils import timezone

from syndication.models import Article, ReasonTemplate, TakedownRequest
from tests.conftest import ensure_roles, make_article, make_source
from tests.takedown_factories import make_takedown

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
def test_overdue_notice_accepted_with_a_template_then_counter_noticed_and_restored(
    page, browser, live_server, legal_login
):
    source = make_source(name="Harbour Times", rights_contact="rights@harbour-times.example.org")
    article = make_article(source, title="The harbour essay", body="<p>Harbour text.</p>")
    takedown = make_takedown(article, received_at=timezone.now() - timedelta(days=9))
    ReasonTemplate.objects.create(
        name="Copied in full",
        decision="accept",
        action="The article was removed from every page and feed of the site.",
        facts="The claimant showed that the essay is theirs and that no licence covers our copy.",
        ground="Copyright infringement.",
        redress="You may appeal on the status page, go to court, or use an ODS body.",
    )

    page.goto("/admin/login/?next=/admin/")
    page.get_by_label("Username").fill("lena-legal")
    page.get_by_label("Password").fill(LEGAL_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/admin/$"))

    # The index says what is waiting; the overdue link leads to the notice.
    page.locator("#takedown-waiting").get_by_role("link", name="1 overdue").click()
    page.wait_for_url(re.compile(r"deadline=overdue"))
    assert page.locator(".takedown-overdue").count() == 1
    page.get_by_role("link", name=takedown.reference).click()
    page.wait_for_url(re.compile(rf"/takedownrequest/{takedown.pk}/change/"))

    page.get_by_role("button", name="Start review").click()
    page.wait_for_selector("text=Review started.")
    page.get_by_role("link", name="Accept…").click()
    page.wait_for_url(re.compile(r"/decide/accept/"))
    assert "The harbour essay" in page.locator(".decision-notice").inner_text()
    page.get_by_label("Start from a template").select_option(label="Copied in full")
    with page.expect_navigation():
        page.get_by_role("button", name="Use template").click()
    facts = page.get_by_label("Facts and circumstances")
    assert "no licence covers our copy" in facts.input_value()
    facts.fill(facts.input_value() + " Checked against the 2024 print edition.")
    page.get_by_role("button", name="Accept and remove").click()
    page.wait_for_selector("text=Decision recorded")

    takedown.refresh_from_db()
    assert takedown.status == TakedownRequest.Status.ACCEPTED
    assert takedown.reasons_facts.endswith("2024 print edition.")
    assert page.request.get(article.get_absolute_url()).status == 451

    # The publisher's rights contact follows the link from its email.
    [email] = [m for m in mail.outbox if m.to == ["rights@harbour-times.example.org"]]
    link = re.search(r"https?://\S+(/takedown/contest/\S+/)", email.body).group(1)
    publisher = browser.new_context(base_url=live_server.url).new_page()
    publisher.goto(link)
    publisher.get_by_label("Your full name:", exact=True).fill("Paula Publisher")
    publisher.get_by_label("Email address").fill("rights@harbour-times.example.org")
    publisher.get_by_label("Phone number").fill("+1 555 0100")
    publisher.get_by_label("Postal address").fill("1 Press Street\nPortland, OR 97201")
    publisher.get_by_label("The material removed").fill(f"“The harbour essay”, {link}")
    publisher.get_by_label("Why it was removed by mistake").fill("We own it and never sold it.")
    publisher.locator('input[name="mistake_statement"]').check()
    publisher.locator('input[name="jurisdiction_consent"]').check()
    publisher.get_by_label("Signature: type your full name").fill("Paula Publisher")
    publisher.get_by_role("button", name="Send the counter-notice").click()
    publisher.wait_for_selector("#filed")

    takedown.refresh_from_db()
    assert takedown.status == TakedownRequest.Status.COUNTER_NOTICED
    assert any(m.to == [takedown.email] and "Counter-notice" in m.subject for m in mail.outbox)
    assert publisher.request.get(article.get_absolute_url()).status == 451

    # The period ends with no court action recorded: the article is back.
    due = takedown.appeals.get().restore_due_at
    assert TakedownRequest.objects.restore_due(now=due + timedelta(minutes=1))
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    response = publisher.goto(article.get_absolute_url())
    assert response.status == 200
    assert "Harbour text." in publisher.content()
    publisher.context.close()
