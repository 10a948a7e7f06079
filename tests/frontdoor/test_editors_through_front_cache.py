"""What an editor is shown, and any answer that sets a cookie, is never served to a reader."""

import re
import secrets
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import pytest

from .stack import new_word


def cookies_of(response) -> dict:
    jar = SimpleCookie()
    for header in response.all("Set-Cookie"):
        jar.load(header)
    return {name: morsel.value for name, morsel in jar.items()}


def log_in(stack, username, password) -> dict:
    """Logs in through /admin/login/ as a browser does: the form's CSRF token and cookie."""
    form = stack.get("/admin/login/")
    csrf = cookies_of(form)["csrftoken"]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text)[1]
    answer = stack.request(
        "POST",
        "/admin/login/?next=/admin/",
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={csrf}",
        },
        body=urlencode(
            {
                "csrfmiddlewaretoken": token,
                "username": username,
                "password": password,
                "next": "/admin/",
            }
        ),
    )
    assert answer.status == 302, answer.text[:500]
    return {"csrftoken": csrf, **cookies_of(answer)}


@pytest.fixture(scope="module")
def editor(stack, shared_article):
    """A staff account, and a draft only editors may see (through the admin's preview)."""
    username, password = f"editor{new_word()}", secrets.token_urlsafe(16)
    draft_title = f"Unpublished draft {new_word()}"
    _, draft = stack.batch(
        ("staff_user", {"username": username, "password": password}),
        (
            "article",
            {
                "source": shared_article["source"]["slug"],
                "slug": f"draft-{new_word()}",
                "title": draft_title,
                "status": "draft",
            },
        ),
    )
    return {"username": username, "password": password, "draft": draft, "draft_title": draft_title}


def test_an_editors_pages_and_cookies_never_reach_a_reader(stack, shared_article, editor):
    username, draft_title = editor["username"], editor["draft_title"]
    article, source = shared_article["article"]["url"], shared_article["source"]["url"]
    public = ["/", article, "/feeds/rss/", source]
    for path in public:
        stack.warm(path)

    cookies = log_in(stack, username, editor["password"])
    assert "sessionid" in cookies
    as_editor = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())}
    preview = f"/admin/syndication/article/{editor['draft']['pk']}/preview/"
    admin = stack.get("/admin/", as_editor)
    assert admin.status == 200 and username in admin.text
    shown = stack.get(preview, as_editor)
    assert shown.status == 200 and draft_title in shown.text
    for path in public:
        assert stack.get(path, as_editor).header("X-Cache") == "PASS", path

    for path in [*public, "/admin/", preview]:
        reader = stack.get(path)
        assert reader.all("Set-Cookie") == [], f"{path} set a cookie for an anonymous reader"
        assert username not in reader.text, path
        assert draft_title not in reader.text, path
    assert stack.get("/admin/").status == 302
    assert stack.get(preview).status == 302


def test_the_cookie_an_answer_sets_goes_to_its_own_client_only(stack, editor):
    cookies = log_in(stack, editor["username"], editor["password"])
    for _ in range(3):
        other = cookies_of(stack.get("/admin/login/"))
        assert "sessionid" not in other
        assert other.get("csrftoken") not in (None, cookies["csrftoken"])
