"""An editor writes an article in the rich-text editor, publishes it from its own page, and
readers see it: heading, list, link and image with its alt text, under the site's CSP."""

import re

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from syndication.models import Article
from tests.conftest import ensure_roles, make_source

EDITOR_PASSWORD = "an-editor's-passw0rd"  # noqa: S105


@pytest.fixture
def editor_login(django_user_model):
    user = django_user_model.objects.create_user(
        username="eddie-editor", password=EDITOR_PASSWORD, is_staff=True
    )
    ensure_roles()
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def watch_console(page):
    """Collects console errors and page errors (a CSP refusal is reported as one)."""
    problems = []

    def on_console(message):
        if message.type == "error" and not message.location.get("url", "").endswith("favicon.ico"):
            problems.append(f"{message.text} ({message.location.get('url')})")

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    return problems


# A 1×1 transparent PNG: the publisher's image, served by the test itself.
PIXEL = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c63000100000500010d0a2db40000000049454e44ae426082"
)


def serve_publisher_images(page):
    """Images at the original publisher come from the test: the browser contacts no one."""
    page.route(
        re.compile(r"^https://"),
        lambda route: route.fulfill(status=200, content_type="image/png", body=PIXEL),
    )


def log_in(page, next_url):
    page.goto(f"/admin/login/?next={next_url}")
    page.get_by_label("Username").fill("eddie-editor")
    page.get_by_label("Password").fill(EDITOR_PASSWORD)
    page.get_by_role("button", name="Log in").click()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_editor_writes_rich_text_publishes_from_the_article_page_and_readers_see_it(
    page, editor_login
):
    make_source(name="Bay Gazette")
    problems = watch_console(page)
    serve_publisher_images(page)
    log_in(page, "/admin/syndication/article/add/")
    page.wait_for_url(re.compile(r"/article/add/$"))

    # Source, title, original address.
    page.get_by_label("Source").select_option(label="Bay Gazette")
    page.get_by_label("Title").fill("Tides of the bay")
    page.get_by_label("Original URL").fill("https://bay-gazette.example.org/tides")

    # The body, in the editor: a heading, a list, a linked word and a figure.
    body = page.get_by_role("textbox", name="Body")
    body.click()
    page.locator(".prose-menubar__selected").click()  # the block type menu
    page.locator(".prose-menubar__option", has_text="Heading 2").click()
    page.keyboard.type("High water")
    page.keyboard.press("Enter")
    page.get_by_role("button", name="unordered list").click()
    page.keyboard.type("Spring tides")
    page.keyboard.press("Enter")
    page.keyboard.type("Neap tides")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")  # out of the list
    page.keyboard.type("Read the tables")
    page.keyboard.press("Enter")
    page.get_by_role("button", name="figure").click()
    page.get_by_label("Image URL").fill("https://bay-gazette.example.org/harbour.jpg")
    page.get_by_label("Alternative Text").fill("The harbour at high water")
    page.get_by_label("Caption").fill("The harbour in March")
    page.get_by_role("button", name="Insert", exact=True).click()
    expect(body.locator("figure")).to_have_count(1)

    # The linked word last, so no key goes to the editor while it holds a selection:
    # it takes the page's selection a moment after the page has it, and a key in
    # between would replace the selected word.
    paragraph = body.locator(":scope > p", has_text="Read the tables")
    box = paragraph.bounding_box()
    paragraph.click(position={"x": box["width"] - 2, "y": box["height"] / 2})  # its end
    for _ in range(len("tables")):
        page.keyboard.press("Shift+ArrowLeft")
    insert_link = page.get_by_role("button", name="insert link")
    expect(insert_link).not_to_have_class(re.compile(r"\bdisabled\b"))  # text is selected
    insert_link.click()
    page.get_by_label("URL", exact=True).fill("https://bay-gazette.example.org/tables")
    page.locator("dialog[open]").get_by_role("button").first.click()
    expect(body.locator("a", has_text="tables")).to_have_count(1)

    page.get_by_role("button", name="Save and continue editing").click()
    page.wait_for_url(re.compile(r"/article/\d+/change/$"))
    assert page.locator(".messagelist .warning").count() == 0  # nothing was stripped
    article = Article.objects.get(title="Tides of the bay")
    assert article.status == Article.Status.DRAFT

    # Unsaved changes previewed in a new tab; the form keeps them.
    page.get_by_label("Title").fill("Tides of the bay, revised")
    with page.expect_popup() as opened:
        page.get_by_role("button", name="Preview changes").click()
    preview = opened.value
    preview.wait_for_load_state()
    assert preview.locator("h1").inner_text() == "Tides of the bay, revised"
    assert "Unsaved changes" in preview.locator(".preview-banner").inner_text()
    assert preview.locator(".article-body h2", has_text="High water").count() == 1
    preview.close()
    assert page.get_by_label("Title").input_value() == "Tides of the bay, revised"
    page.get_by_label("Title").fill("Tides of the bay")

    # Published from its own page.
    assert "Draft" in page.locator("#article-state").inner_text()
    page.get_by_role("button", name="Publish now").click()
    page.wait_for_selector("text=Published “Tides of the bay”.")
    state = page.locator("#article-state").inner_text()
    assert "Published: readers see this article since" in state

    # Readers see it, with its structure.
    response = page.goto(article.get_absolute_url())
    assert response.status == 200
    text = page.locator("article")
    assert text.locator("h2", has_text="High water").count() == 1
    assert text.locator("ul li", has_text="Neap tides").count() == 1
    link = text.get_by_role("link", name="tables")
    assert link.get_attribute("href") == "https://bay-gazette.example.org/tables"
    image = text.get_by_role("img", name="The harbour at high water")
    assert image.get_attribute("src") == "https://bay-gazette.example.org/harbour.jpg"
    assert text.locator("figcaption", has_text="The harbour in March").count() == 1

    assert problems == []


WORD_CLIPBOARD = (
    "<html xmlns:o='urn:schemas-microsoft-com:office:office'><head><style>"
    "p.MsoNormal {mso-style-parent:''; margin:0cm;}</style></head><body>"
    "<!--StartFragment--><p class=MsoNormal style='mso-line-height-alt:12.0pt'>"
    "<span lang=EN-GB style='font-family:\"Calibri\",sans-serif;color:#1F3864'>"
    "Harbour <b style='mso-bidi-font-weight:normal'>news</b> today<o:p></o:p></span></p>"
    "<h2 style='mso-outline-level:2'><span style='mso-fareast-font-family:Arial'>Tides</span></h2>"
    "<p class=MsoListParagraph style='mso-list:l0 level1 lfo1'>"
    "<span style='mso-list:Ignore'>·</span> Spring tides<o:p></o:p></p>"
    "<!--EndFragment--></body></html>"
)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_pasting_from_a_word_processor_gives_clean_markup(page, editor_login):
    make_source(name="Bay Gazette")
    problems = watch_console(page)
    log_in(page, "/admin/syndication/article/add/")
    page.wait_for_url(re.compile(r"/article/add/$"))
    page.get_by_label("Source").select_option(label="Bay Gazette")
    page.get_by_label("Title").fill("Pasted from Word")
    page.get_by_label("Original URL").fill("https://bay-gazette.example.org/pasted")

    body = page.get_by_role("textbox", name="Body")
    body.click()
    # What a paste from Word delivers: the clipboard's HTML, in a paste event.
    body.evaluate(
        """(element, html) => {
            const data = new DataTransfer()
            data.setData("text/html", html)
            data.setData("text/plain", "Harbour news today")
            element.dispatchEvent(new ClipboardEvent("paste", {clipboardData: data, bubbles: true,
                                                              cancelable: true}))
        }""",
        WORD_CLIPBOARD,
    )
    expect(body.locator("strong", has_text="news")).to_have_count(1)
    page.get_by_role("button", name="Save and continue editing").click()
    page.wait_for_url(re.compile(r"/article/\d+/change/$"))

    stored = Article.objects.get(title="Pasted from Word").body
    assert "Harbour <strong>news</strong> today" in stored
    assert "<h2>Tides</h2>" in stored
    for leftover in ("mso", "Mso", "class=", "style", "<span", "o:p", "Calibri"):
        assert leftover not in stored
    assert page.locator(".messagelist .warning").count() == 0
    assert problems == []


@pytest.mark.django_db(transaction=True)
def test_an_article_without_a_permission_cannot_be_published_and_the_page_says_why(
    page, editor_login
):
    from tests.conftest import make_article

    source = make_source(name="Unlicensed Weekly", permission=None)
    article = make_article(source, title="Borrowed story", status=Article.Status.DRAFT)
    log_in(page, f"/admin/syndication/article/{article.pk}/change/")

    page.get_by_role("button", name="Publish now").click()

    message = page.locator(".messagelist .error")
    expect(message).to_contain_text("Unlicensed Weekly")
    expect(message).to_contain_text("permission")
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    assert page.request.get(article.get_absolute_url()).status == 404
