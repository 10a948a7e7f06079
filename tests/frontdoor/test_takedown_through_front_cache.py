"""Invariant 3 through Varnish: an accepted takedown empties every cached surface at once."""


def test_an_accepted_takedown_answers_451_and_leaves_no_cached_surface_with_the_text(
    stack, published
):
    article, title = published["article"]["url"], published["title"]
    surfaces = [
        "/",
        "/feeds/rss/",
        "/feeds/atom/",
        published["source"]["url"],
        f"/search/?q={published['tag']}",
    ]
    page = stack.warm(article)
    assert page.status == 200 and title in page.text
    assert page.header("X-Cache") == "HIT", "the article page should be in the front cache"
    for path in surfaces:
        warmed = stack.warm(path)
        assert warmed.status == 200 and title in warmed.text, path
        assert warmed.header("X-Cache") == "HIT", path

    accepted = stack.call("accept_takedown", slugs=[published["article"]["slug"]])

    removed = stack.get(article)
    assert removed.status == 451
    assert f"“{title}”" in removed.text  # the notice names what is gone...
    assert f"Body of {title}" not in removed.text  # ...and shows none of its text
    assert f"Summary of {title}" not in removed.text
    assert 'rel="blocked-by"' in removed.header("Link", "")
    for path in surfaces:
        answer = stack.get(path)
        assert answer.status == 200, path
        assert title not in answer.text, f"{path} still shows the removed article"
    # Not a one-off: every later reader gets the notice too, from the front cache.
    later = [stack.get(article) for _ in range(5)]
    assert [answer.status for answer in later] == [451] * 5
    assert later[-1].header("X-Cache") == "HIT"

    stack.call("reinstate_takedown", reference=accepted["reference"])

    back = stack.get(article)
    assert back.status == 200 and title in back.text
