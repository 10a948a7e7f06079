"""An import run by another process (cron, the importer service) shows through Varnish at once."""

from email.utils import format_datetime

from django.utils import timezone

FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0">
  <channel>
    <title>Harbour Gazette</title>
    <link>https://{slug}.example.org/</link>
    <description>News from the harbour.</description>
    {items}
  </channel>
</rss>
"""
ITEM = """<item>
      <title>{title}</title>
      <link>https://{slug}.example.org/posts/{n}</link>
      <guid>https://{slug}.example.org/posts/{n}</guid>
      <pubDate>{date}</pubDate>
      <author>gazette@{slug}.example.org (Ana Lindqvist)</author>
      <description>&lt;p&gt;{title}, reported.&lt;/p&gt;</description>
    </item>"""


def test_articles_imported_from_another_process_show_on_the_home_page_at_once(
    stack, word, tmp_path
):
    slug = f"gazette-{word()}"
    stack.call("source", slug=slug, auto_publish=True)
    home, feed = stack.warm("/"), stack.warm("/feeds/rss/")
    assert home.header("X-Cache") == "HIT" and feed.header("X-Cache") == "HIT"

    titles = [f"Ferry timetable {word()}", f"Lighthouse repainted {word()}"]
    date = format_datetime(timezone.now())
    items = "\n    ".join(
        ITEM.format(title=title, slug=slug, n=n, date=date) for n, title in enumerate(titles)
    )
    path = tmp_path / "feed.xml"
    path.write_text(FEED.format(slug=slug, items=items), encoding="utf-8")
    stack.manage("import_feeds", "--source", slug, "--file", str(path))

    home, feed = stack.get("/"), stack.get("/feeds/rss/")
    for title in titles:
        assert title in home.text, "the home page behind the front cache misses an import"
        assert title in feed.text
