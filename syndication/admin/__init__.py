"""The editors' admin: one ModelAdmin per model, split by domain."""

from . import articles, disclaimers, purges, reason_templates, sources, takedowns  # noqa: F401
