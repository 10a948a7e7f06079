"""Invariant 2 through Varnish: a new disclaimer shows on every cached article page at once."""


def test_a_disclaimer_saved_in_another_process_shows_on_every_article_page_at_once(stack, word):
    tag = word()
    articles = [{"slug": f"art-{tag}-{n}", "title": f"Tide table {word()}"} for n in range(3)]
    source = stack.call("source_with_articles", slug=f"src-{tag}", articles=articles)
    pages = [a["url"] for a in source["articles"]]
    for path in pages:
        warmed = stack.warm(path)
        assert warmed.status == 200 and warmed.header("X-Cache") == "HIT", path
    stack.warm("/feeds/rss/")

    # Nothing HTML or XML would escape, so the text reads the same in pages and feeds.
    text = f"Republished with permission and views are the authors own {word()}"
    stack.call("new_disclaimer", text=text)

    for path in pages:
        answer = stack.get(path)
        assert answer.status == 200 and text in answer.text, f"{path} shows an old disclaimer"
    assert text in stack.get("/feeds/rss/").text
