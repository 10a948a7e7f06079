"""A lead paragraph that the scraper repeated at the start of the body is removed on import."""

import pytest

from syndication.ingest import import_source, remove_duplicated_lead
from syndication.models import Article
from tests.conftest import make_source

from .conftest import feed_bytes

LEAD = "Valley Water will replace 12 kilometres of ageing mains under the town centre next year."


def test_teaser_paragraph_repeated_by_the_next_paragraph_is_dropped():
    body = f"<p>{LEAD}</p>\n<p>{LEAD} The work will start in March.</p><p>More.</p>"

    assert (
        remove_duplicated_lead(body) == f"<p>{LEAD} The work will start in March.</p><p>More.</p>"
    )


def test_truncated_teaser_with_an_ellipsis_counts_as_a_repeat():
    teaser = LEAD.removesuffix(".") + "…"

    cleaned = remove_duplicated_lead(f"<p>{teaser}</p><p>{LEAD} Then more.</p>")

    assert cleaned == f"<p>{LEAD} Then more.</p>"


def test_sentences_repeated_inside_the_first_paragraph_are_dropped():
    body = (
        f"<p>{LEAD} It will cost £18m. {LEAD} It will cost £18m. Roads will close.</p><p>Next.</p>"
    )

    assert remove_duplicated_lead(body) == (
        f"<p>{LEAD} It will cost £18m. Roads will close.</p><p>Next.</p>"
    )


@pytest.mark.parametrize(
    "body",
    [
        f"<p>{LEAD}</p><p>A different second paragraph.</p>",
        "<p>Update:</p><p>Update: the road is open.</p>",  # too short to be a scraping artefact
        "<p>Yes. Yes. Yes. Maybe.</p>",
        "",
    ],
)
def test_bodies_without_a_repeated_lead_are_left_alone(body):
    assert remove_duplicated_lead(body) == body


@pytest.mark.django_db
def test_import_removes_the_repeated_lead_from_a_real_looking_article():
    import_source(make_source(), content=feed_bytes("duplicated_lead.xml"))

    mains = Article.objects.get(original_url__contains="water-mains")
    assert mains.body.count("Valley Water will replace 12 kilometres") == 1
    assert mains.body.startswith("<p>Valley Water will replace")
    assert "£18m, will start in March" in mains.body
    robotics = Article.objects.get(original_url__contains="robotics")
    assert robotics.body.count("A team of six pupils") == 1
    assert "The final was held in Birmingham on Saturday." in robotics.body


@pytest.mark.parametrize(
    "second",
    [
        f"<strong>{LEAD}</strong> And more.",  # markup first
        f"&nbsp;{LEAD[1:]} And more.",  # an entity first
        f"  {LEAD.upper()} And more.",  # another case, after white space
        f"{LEAD[0]}<em>{LEAD[1:]}</em> And more.",  # a tag inside the first word
        "“We expected this,” said a spokesperson.",  # a different start: not a repeat
    ],
)
def test_quick_look_at_the_second_paragraph_decides_as_the_full_comparison(second):
    from syndication.ingest.entries import _comparable

    body = f"<p>{LEAD}</p><p>{second}</p>"
    repeated = _comparable(second).startswith(_comparable(LEAD))

    assert (remove_duplicated_lead(body) != body) == repeated
