"""Reason templates: kept by Legal in the admin; they prefill the reasons form, still editable."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME

from syndication.models import ReasonTemplate, TakedownRequest
from tests.takedown_factories import make_takedown

CHANGELIST = "/admin/syndication/takedownrequest/"


@pytest.fixture
def template(db):
    return ReasonTemplate.objects.create(
        name="Copied in full",
        decision=ReasonTemplate.Decision.ACCEPT,
        action="The article was removed from every page and feed.",
        facts="The claimant showed the text is theirs; no licence covers our copy.",
        ground="Copyright infringement (17 U.S.C. § 512; DSA Art. 16).",
        redress="You may add information at /takedown/status/ and ask for a review.",
    )


@pytest.fixture
def takedown(article, legal_user):
    takedown = make_takedown(article)
    takedown.start_review(legal_user)
    return takedown


def test_legal_manages_reason_templates_in_the_admin(legal_client):
    response = legal_client.post(
        "/admin/syndication/reasontemplate/add/",
        {"name": "Licence shown", "decision": "reject", "action": "None.", "facts": "Licensed.",
         "ground": "The use is licensed.", "redress": "Court."},
    )  # fmt: skip
    assert response.status_code == 302
    assert ReasonTemplate.objects.get().name == "Licence shown"
    assert legal_client.get("/admin/syndication/reasontemplate/").status_code == 200


def test_editors_do_not_manage_reason_templates(editor_client, template):
    assert editor_client.get("/admin/syndication/reasontemplate/").status_code == 403


def test_choosing_a_template_prefills_the_request_pages_form(legal_client, takedown, template):
    url = f"{CHANGELIST}{takedown.pk}/decide/accept/"
    response = legal_client.post(url, {"template": template.pk, "load_template": "1"})
    page = response.content.decode()
    assert response.status_code == 200
    assert template.facts in page
    assert template.ground.replace("§", "§") in page
    takedown.refresh_from_db()
    assert takedown.status == TakedownRequest.Status.UNDER_REVIEW  # nothing decided yet


def test_a_prefilled_part_stays_editable(legal_client, takedown, template):
    url = f"{CHANGELIST}{takedown.pk}/decide/accept/"
    data = {f"reasons_{part}": getattr(template, part) for part in ["action", "ground", "redress"]}
    legal_client.post(url, {**data, "reasons_facts": "Edited facts for this notice.", "apply": "1"})
    takedown.refresh_from_db()
    assert takedown.status == TakedownRequest.Status.ACCEPTED
    assert takedown.reasons_facts == "Edited facts for this notice."
    assert takedown.reasons_ground == template.ground


def test_a_template_prefills_the_list_actions_form_too(legal_client, takedown, template):
    response = legal_client.post(
        CHANGELIST,
        {"action": "accept", ACTION_CHECKBOX_NAME: [takedown.pk], "template": template.pk,
         "load_template": "1"},
    )  # fmt: skip
    page = response.content.decode()
    assert template.action in page
    assert f'name="{ACTION_CHECKBOX_NAME}" value="{takedown.pk}"' in page
    takedown.refresh_from_db()
    assert takedown.status == TakedownRequest.Status.UNDER_REVIEW


def test_templates_are_offered_for_their_decision_only(legal_client, takedown, template):
    general = ReasonTemplate.objects.create(
        name="General", action="a", facts="f", ground="g", redress="r"
    )
    reject_page = legal_client.get(f"{CHANGELIST}{takedown.pk}/decide/reject/").content.decode()
    accept_page = legal_client.get(f"{CHANGELIST}{takedown.pk}/decide/accept/").content.decode()
    assert template.name in accept_page and general.name in accept_page
    assert template.name not in reject_page and general.name in reject_page


def test_a_template_for_another_decision_is_not_loaded(legal_client, takedown, template):
    url = f"{CHANGELIST}{takedown.pk}/decide/reject/"
    page = legal_client.post(url, {"template": template.pk, "load_template": "1"}).content.decode()
    assert template.facts not in page
