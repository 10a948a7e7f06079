"""At 1280 px the request list's Articles column fits, and the reasons form's textareas line up."""

import re

import pytest
from django.contrib.auth.models import Group

from tests.conftest import ensure_roles, make_article
from tests.takedown_factories import make_takedown

LEGAL_PASSWORD = "a-real-Legal-passw0rd"  # noqa: S105


@pytest.fixture
def legal_page(browser, live_server, django_user_model):
    user = django_user_model.objects.create_user(
        username="lena-legal", password=LEGAL_PASSWORD, is_staff=True
    )
    ensure_roles()
    user.groups.add(Group.objects.get(name="Legal"))
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto("/admin/login/?next=/admin/")
    page.get_by_label("Username").fill("lena-legal")
    page.get_by_label("Password").fill(LEGAL_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/admin/$"))
    yield page
    context.close()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_articles_column_fits_at_1280_px(legal_page):
    long_titles = [
        f"A rather long article title about harbours and tides, part {n}" for n in range(4)
    ]
    make_takedown(
        *[make_article(title=title) for title in long_titles],
        organisation="Harbour Rights Management International Limited",
    )
    legal_page.goto("/admin/syndication/takedownrequest/")
    cell = legal_page.locator("td.field-claimed_articles").first
    box = cell.bounding_box()
    assert box["x"] + box["width"] <= 1280
    assert legal_page.evaluate("document.documentElement.scrollWidth") <= 1280


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_four_reasons_textareas_have_one_width_and_show_the_redress(legal_page):
    takedown = make_takedown(make_article())
    takedown.start_review(None)
    legal_page.goto(f"/admin/syndication/takedownrequest/{takedown.pk}/decide/accept/")
    widths = {
        round(legal_page.locator(f"textarea[name='reasons_{part}']").bounding_box()["width"])
        for part in ["action", "facts", "ground", "redress"]
    }
    assert len(widths) == 1
    redress = legal_page.locator("textarea[name='reasons_redress']")
    assert redress.evaluate("el => el.scrollHeight <= el.clientHeight + 1")  # not clipped
    notice = legal_page.locator(".decision-notice").bounding_box()
    form = legal_page.locator(".decision-form").bounding_box()
    assert notice["x"] + notice["width"] <= form["x"]  # side by side
