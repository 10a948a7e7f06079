"""The editors' admin: one ModelAdmin per model, split by domain."""

from . import articles, disclaimers, sources, takedowns  # noqa: F401
