"""The article body's rich-text editor (django-prose-editor), limited to what `clean_html` keeps.

The editor only offers markup the sanitiser allows, so what an editor sees
while writing is what readers get. `tests/test_article_editor.py` checks the
two lists against each other.
"""

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorFormField
from django_prose_editor.widgets import AdminProseEditorWidget

# Tiptap extension names (django-prose-editor's configurable set), each
# producing only tags and attributes that syndication.sanitize allows.
EXTENSIONS = {
    "Heading": {"levels": [2, 3, 4]},  # h1 is the page's own title
    "Bold": True,
    "Italic": True,
    "Strike": True,
    "Subscript": True,
    "Superscript": True,
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HorizontalRule": True,
    "HardBreak": True,
    # Links: no "open in new window" (the sanitiser sets its own rel, no target).
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    # Images with their alt text, in a figure with an optional caption.
    "Figure": True,
    "Image": True,
    "Caption": True,
}

# The custom preset (settings.DJANGO_PROSE_EDITOR_PRESETS) that builds the
# editor without Tiptap's injected <style> element, which the site's
# Content-Security-Policy would refuse.
PRESET = "article"


def body_field(**kwargs) -> ProseEditorFormField:
    """The form field for an article body: the rich-text editor in the admin."""
    return ProseEditorFormField(
        config={"extensions": EXTENSIONS},
        preset=PRESET,
        widget=AdminProseEditorWidget,
        required=False,
        label=capfirst(_("body")),
        help_text=_(
            "Headings, lists, links, quotes and images with their text and caption. "
            "Pasted text keeps its structure, not its fonts or colours."
        ),
        **kwargs,
    )
