"""What the front cache must never do: purge for an outsider or without keys, or keep the admin."""

from .stack import request


def test_a_purge_without_keys_or_from_a_reader_leaves_every_cached_page_in_place(
    stack, shared_article
):
    article = shared_article["article"]["url"]
    assert stack.warm(article).header("X-Cache") == "HIT"
    assert request(stack.purge_url, "PURGE", "/").status == 400
    all_keys = {"xkey-purge": f"lists disclaimer article-{shared_article['article']['pk']}"}
    assert stack.request("PURGE", "/", headers=all_keys).status == 405
    again = stack.get(article)
    assert again.header("X-Cache") == "HIT" and shared_article["title"] in again.text


def test_the_admin_is_never_served_from_the_cache(stack):
    answers = [stack.get("/admin/login/") for _ in range(3)]
    assert all(a.status == 200 for a in answers)
    assert [a.header("X-Cache") for a in answers] == ["PASS"] * 3
    # Each reader gets a CSRF cookie of their own, not someone else's.
    cookies = [a.header("Set-Cookie", "") for a in answers]
    assert all("csrftoken=" in c for c in cookies) and len(set(cookies)) == 3
    assert all(stack.get("/admin/").header("X-Cache") == "PASS" for _ in range(2))
