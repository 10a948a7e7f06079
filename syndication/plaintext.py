"""Article HTML as plain text, for search: the words readers see, none of the markup."""

import html
import re

from django.utils.html import strip_tags

# Block-level boundaries become spaces, so "preparation.</p><h2>What" does
# not read as one word once the tags are gone.
_BLOCK_BOUNDARY = re.compile(
    r"<(?:/?(?:p|h[1-6]|li|ul|ol|dl|dt|dd|blockquote|pre|figure|figcaption|table|caption"
    r"|thead|tbody|tfoot|tr|td|th)|br|hr)\b[^>]*>",
    re.IGNORECASE,
)


def text_of(markup: str | None) -> str:
    """The text of `markup`, tags gone, entities decoded, whitespace collapsed."""
    if not markup:
        return ""
    return " ".join(html.unescape(strip_tags(_BLOCK_BOUNDARY.sub(" ", markup))).split())


def register_sqlite_function(sender, connection, **kwargs):
    """Gives each SQLite connection `syndication_plain_text(html)`, which the search
    index's triggers call (migration 0018): SQLite has no way to strip tags in SQL.

    Every write to articles goes through Django, and so through a connection
    that has it; a write from the sqlite3 shell fails loudly ("no such
    function") rather than leaving the index stale.
    """
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            "syndication_plain_text", 1, text_of, deterministic=True
        )
