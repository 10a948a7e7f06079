"""Near-duplicate stories are found by shingled text similarity, on hand-made story pairs, and
flagged to editors with their similarity; the later copy is never published automatically."""

from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from django.urls import reverse

from syndication.ingest import import_source
from syndication.ingest.duplicates import similarity, sketch
from syndication.models import Article, NearDuplicate, SketchKey
from tests.conftest import make_source

STORIES = Path(__file__).resolve().parent.parent / "fixtures" / "stories"


def story(*names) -> tuple[str, str]:
    """(headline, HTML body) of a story put together from the fixture files."""
    texts = [(STORIES / f"{name}.txt").read_text().strip() for name in names]
    headline, _, lede = texts[0].partition("\n")
    paragraphs = [lede, *"\n\n".join(texts[1:]).split("\n\n")]
    return headline, "".join(f"<p>{p.strip()}</p>" for p in paragraphs if p.strip())


def text(*names) -> str:
    headline, body = story(*names)
    return f"{headline} {body}"


def feed(url, *names, guid="1") -> bytes:
    headline, body = story(*names)
    return f"""<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>t</title><link>https://example.org/</link><description>d</description>
<item><title>{escape(headline)}</title><link>{url}</link><guid>{guid}</guid>
<content:encoded><![CDATA[{body}]]></content:encoded></item></channel></rss>""".encode()


def test_the_same_wire_story_with_different_ledes_is_a_near_duplicate():
    score = similarity(
        sketch(text("wire_lede_a", "wire_body")), sketch(text("wire_lede_b", "wire_body"))
    )

    assert score >= 0.5


def test_two_different_stories_about_one_event_are_not():
    score = similarity(sketch(text("wire_lede_a", "wire_body")), sketch(text("other_story")))

    assert score < 0.1


def test_an_updated_story_is_a_near_duplicate_of_the_first_version():
    score = similarity(
        sketch(text("wire_lede_a", "wire_body")),
        sketch(text("wire_lede_a", "wire_body", "updated_extra")),
    )

    assert score >= 0.8


def test_a_text_too_short_to_judge_has_no_sketch():
    assert sketch("Storm leaves 85,000 homes without power") is None


@pytest.mark.django_db
def test_the_second_copy_from_another_source_is_flagged_and_not_published():
    first = make_source(slug="coast-news", auto_publish=True)
    second = make_source(slug="valley-times", auto_publish=True)
    import_source(
        first, content=feed("https://coast.example.org/storm", "wire_lede_a", "wire_body")
    )

    result = import_source(
        second, content=feed("https://valley.example.org/gales", "wire_lede_b", "wire_body")
    )

    assert result.new == 1
    original = Article.objects.get(source=first)
    copy = Article.objects.get(source=second)
    assert original.status == Article.Status.PUBLISHED
    assert copy.status == Article.Status.DRAFT  # never auto-published
    flag = NearDuplicate.objects.get()
    assert (flag.article, flag.original) == (copy, original)
    assert flag.similarity >= 0.5


@pytest.mark.django_db
def test_the_same_source_under_a_new_url_is_flagged_too():
    source = make_source(auto_publish=True)
    import_source(
        source, content=feed("https://coast.example.org/storm", "wire_lede_a", "wire_body")
    )

    import_source(
        source,
        content=feed(
            "https://coast.example.org/storm-updated",
            "wire_lede_a",
            "wire_body",
            "updated_extra",
            guid="2",
        ),
    )

    updated = Article.objects.get(original_url="https://coast.example.org/storm-updated")
    assert updated.status == Article.Status.DRAFT
    assert NearDuplicate.objects.get().article == updated


@pytest.mark.django_db
def test_a_different_story_about_the_same_event_is_published_as_usual():
    make_source(slug="coast-news")
    import_source(
        make_source(), content=feed("https://coast.example.org/storm", "wire_lede_a", "wire_body")
    )
    village = make_source(auto_publish=True)

    import_source(village, content=feed("https://village.example.org/night", "other_story"))

    assert Article.objects.get(source=village).status == Article.Status.PUBLISHED
    assert not NearDuplicate.objects.exists()


@pytest.mark.django_db
def test_exact_duplicates_are_still_recognised_by_url_not_flagged():
    first, second = make_source(), make_source()
    document = feed("https://coast.example.org/storm?utm_source=rss", "wire_lede_a", "wire_body")
    import_source(first, content=document)

    result = import_source(second, content=document)

    assert (result.new, result.skipped) == (0, 1)
    assert not NearDuplicate.objects.exists()


@pytest.mark.django_db
def test_editors_see_the_pairs_with_their_similarity(editor_client):
    import_source(
        make_source(name="Coast News"),
        content=feed("https://coast.example.org/storm", "wire_lede_a", "wire_body"),
    )
    import_source(
        make_source(name="Valley Times"),
        content=feed("https://valley.example.org/gales", "wire_lede_b", "wire_body"),
    )
    percent = f"{NearDuplicate.objects.get().similarity:.0%}"

    response = editor_client.get(reverse("admin:syndication_nearduplicate_changelist"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Clean-up begins after night of gales" in html and "(Valley Times)" in html
    assert "Storm leaves 85,000 homes without power" in html and "(Coast News)" in html
    assert percent in html


@pytest.mark.django_db
def test_a_key_held_by_many_articles_is_not_stored_again_but_still_finds_them(monkeypatch):
    monkeypatch.setattr("syndication.ingest.duplicates.PER_KEY", 2)
    for n in range(4):
        import_source(
            make_source(),
            content=feed(f"https://paper{n}.example.org/storm", "wire_lede_a", "wire_body"),
        )

    assert NearDuplicate.objects.count() == 3  # every later copy is found
    keys = SketchKey.objects.values_list("key", flat=True)
    assert max(list(keys).count(k) for k in set(keys)) == 2  # look-ups stay bounded
