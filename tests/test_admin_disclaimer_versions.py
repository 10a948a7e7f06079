"""Editing the disclaimer shows one message, and its history lists each version by date and
author with a word-by-word diff from the version before."""

import pytest
from django.contrib.messages import get_messages

from syndication.admin.disclaimers import word_diff
from syndication.models import Disclaimer

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/syndication/disclaimer/"


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_saving_an_edit_shows_one_message(editor_client):
    current = Disclaimer.objects.latest()

    response = editor_client.post(
        f"{CHANGELIST}{current.pk}/change/", {"text": "A new disclaimer."}, follow=True
    )

    assert messages_of(response) == [
        "Saved as a new version, in force from now; the previous one stays in the history."
    ]
    assert "changed successfully" not in response.content.decode()


def test_saving_unchanged_text_adds_no_version(editor_client):
    current = Disclaimer.objects.latest()
    count = Disclaimer.objects.count()

    response = editor_client.post(f"{CHANGELIST}{current.pk}/change/", {"text": current.text})

    assert Disclaimer.objects.count() == count
    assert messages_of(response) == ["Nothing changed; no new version was saved."]


def test_save_and_continue_opens_the_new_version(editor_client):
    current = Disclaimer.objects.latest()

    response = editor_client.post(
        f"{CHANGELIST}{current.pk}/change/", {"text": "Next version.", "_continue": "1"}
    )

    newest = Disclaimer.objects.latest()
    assert response["Location"] == f"{CHANGELIST}{newest.pk}/change/"


def test_history_lists_date_author_and_diff(editor_client, editor):
    Disclaimer.objects.all().delete()
    Disclaimer.objects.create(text="Articles are reposted with permission of their publishers.")
    Disclaimer.objects.create(
        text="Articles are reposted with written permission of their original publishers.",
        created_by=editor,
    )

    response = editor_client.get(CHANGELIST)

    html = response.content.decode()
    assert response.status_code == 200
    assert "editor" in html
    assert "<ins>written</ins>" in html
    assert "<ins>original</ins>" in html
    assert "First version." in html
    headers = [str(h["text"]).lower() for h in response.context["result_headers"]]
    assert headers[:4] == [
        "in force since",
        "changed by",
        "text",
        "changes from the previous version",
    ]


def test_a_versions_own_page_shows_its_diff(editor_client):
    Disclaimer.objects.create(text="Old wording here.")
    newest = Disclaimer.objects.create(text="New wording here.")

    html = editor_client.get(f"{CHANGELIST}{newest.pk}/change/").content.decode()

    assert "<del>Old</del> <ins>New</ins> wording here." in html


def test_the_list_never_cuts_a_word():
    text = "word " * 40 + "conclusion"
    version = Disclaimer.objects.create(text=text.strip())

    from django.contrib import admin

    excerpt = admin.site._registry[Disclaimer].excerpt(version)
    assert excerpt.endswith("word…")


def test_the_diff_is_escaped_and_keeps_whole_words():
    diff = word_diff(
        "Keep this <b>text</b> " + "same " * 20 + "end.",
        "Keep this <i>text</i> " + "same " * 20 + "finish.",
    )

    assert "<b>" not in diff
    assert "<del>&lt;b&gt;text&lt;/b&gt;</del> <ins>&lt;i&gt;text&lt;/i&gt;</ins>" in diff
    assert "same same same same same same … same same same same same same" in diff
    assert "<del>end.</del> <ins>finish.</ins>" in diff
