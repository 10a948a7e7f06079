"""Without Redis or a front cache (the embedded set-up), several workers still agree at once.

Three gunicorn workers on the database cache; a takedown accepted by another
process must reach every one of them, whatever each had cached.
"""

import pytest

ROUNDS = 30


@pytest.fixture
def article(direct_stack, word):
    tag = word()
    title = f"Quay {word()} {tag}"
    source = direct_stack.call(
        "source_with_articles", slug=f"src-{tag}", articles=[{"slug": f"art-{tag}", "title": title}]
    )
    return {**source["articles"][0], "title": title}


def test_a_takedown_from_another_process_reaches_every_worker_at_once(direct_stack, article):
    assert direct_stack.workers == 3 and direct_stack.cache_url is None
    surfaces = [article["url"], "/", "/feeds/rss/"]
    for path in surfaces:  # each fresh connection lands on some worker: all get warm
        for _ in range(ROUNDS):
            answer = direct_stack.get(path)
            assert answer.status == 200 and article["title"] in answer.text, path

    direct_stack.call("accept_takedown", slugs=[article["slug"]])

    statuses = [direct_stack.get(article["url"]).status for _ in range(ROUNDS)]
    assert statuses == [451] * ROUNDS
    for path in ("/", "/feeds/rss/"):
        for _ in range(ROUNDS):
            assert article["title"] not in direct_stack.get(path).text, path
