"""The editors' admin: one ModelAdmin per model, split by domain."""

from . import articles, disclaimers, sources  # noqa: F401
