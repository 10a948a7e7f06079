"""The editors' admin: one ModelAdmin per model, split by domain."""

from . import (  # noqa: F401
    articles,
    disclaimers,
    duplicates,
    open_records,
    permissions,
    purges,
    reason_templates,
    sources,
    takedowns,
)
