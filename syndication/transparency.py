"""The public transparency report: takedown requests by month and outcome.

Counts come from the event log, so each number is "what happened that
month": a request received in March and accepted in April counts in both.
"""

import csv
import statistics
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import Appeal, TakedownEvent, TakedownRequest

S = TakedownRequest.Status
OUTCOMES = [S.RECEIVED, S.ACCEPTED, S.REJECTED, S.WITHDRAWN, S.REINSTATED]
SERIES = [
    (S.RECEIVED, _("Received"), "#0b5394"),
    (S.ACCEPTED, _("Accepted"), "#a34700"),
    (S.REJECTED, _("Rejected"), "#6a329f"),
    (S.WITHDRAWN, _("Withdrawn"), "#5a5a5a"),
    (S.REINSTATED, _("Reinstated"), "#2e6b17"),
]


@dataclass
class Month:
    month: date
    counts: dict = field(default_factory=lambda: dict.fromkeys(OUTCOMES, 0))
    decision_days: list = field(default_factory=list)

    @property
    def within_target(self) -> int:
        """Decisions this month made within TAKEDOWN_TARGET_DAYS of receipt."""
        return sum(1 for days in self.decision_days if days <= settings.TAKEDOWN_TARGET_DAYS)

    @property
    def share_within_target(self):
        """Percentage of this month's decisions made within the target; None without any."""
        return share(self.within_target, len(self.decision_days))

    @property
    def median_days(self):
        """Median days from receipt to acceptance or rejection, for decisions made this month."""
        if not self.decision_days:
            return None
        return round(statistics.median(self.decision_days), 1)


def share(part: int, whole: int):
    return None if not whole else round(100 * part / whole)


def _month_of(moment) -> date:
    local = timezone.localtime(moment)
    return date(local.year, local.month, 1)


def _next_month(month: date) -> date:
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


def monthly_report(now=None) -> list[Month]:
    """Every month from the first request to now, oldest first, empty months included."""
    current = _month_of(now or timezone.now())
    events = (
        TakedownEvent.objects.filter(to_status__in=OUTCOMES)
        # Notes that keep the status (e.g. "hidden on receipt") are not outcomes.
        .exclude(from_status=F("to_status"))
        # Nor is a notice going back to "accepted" when one publisher's counter-notice
        # or court action is settled while others' articles stay removed.
        .exclude(from_status__in=[S.COUNTER_NOTICED, S.COURT_ACTION], to_status=S.ACCEPTED)
        .values_list("at", "from_status", "to_status", "request__received_at")
        .order_by()
    )
    months: dict[date, Month] = {}
    for at, from_status, to_status, received_at in events.iterator():
        row = months.setdefault(_month_of(at), Month(_month_of(at)))
        row.counts[to_status] += 1
        # The time to a decision is the time to the first one (appeals are reported apart).
        if to_status in (S.ACCEPTED, S.REJECTED) and from_status == S.UNDER_REVIEW:
            row.decision_days.append((at - received_at).total_seconds() / 86400)

    first = min(months, default=current)
    report, month = [], first
    while month <= current:
        report.append(months.get(month) or Month(month))
        month = _next_month(month)
    return report


def totals(report: list[Month]) -> dict:
    """Sums over the report, with the share of all decisions made within the target."""
    sums = {status: sum(row.counts[status] for row in report) for status in OUTCOMES}
    decided = sum(len(row.decision_days) for row in report)
    sums["decided"] = decided
    sums["share_within_target"] = share(sum(row.within_target for row in report), decided)
    sums["target_days"] = settings.TAKEDOWN_TARGET_DAYS
    return sums


def chart(report: list[Month], width=640, height=260) -> dict:
    """Coordinates for a grouped bar chart of the last 12 months, drawn as inline SVG.

    Each month is labelled by its short name, with the year under the first
    month shown and under each January, so "Dec" and "2026" never read as a date.
    """
    rows = report[-12:]
    left, bottom, top = 36, 44, 12
    plot_h = height - bottom - top
    peak = max([row.counts[s] for row in rows for s, _label, _colour in SERIES] + [1])
    step = max(1, -(-peak // 4))  # about four gridlines, at whole numbers
    scale_max = step * -(-peak // step)
    group_w = (width - left - 8) / max(len(rows), 1)
    bar_w = max(2, (group_w - 6) / len(SERIES))
    bars, labels = [], []
    for i, row in enumerate(rows):
        x0 = left + i * group_w + 3
        for j, (status, label, colour) in enumerate(SERIES):
            value = row.counts[status]
            h = plot_h * value / scale_max
            bars.append({
                "x": round(x0 + j * bar_w, 1),
                "y": round(top + plot_h - h, 1),
                "w": round(bar_w - 1, 1),
                "h": round(h, 1),
                "fill": colour,
                # Translators: a bar's tooltip in the chart, e.g. "March 2026: Accepted 4".
                "title": gettext("%(month)s: %(series)s %(count)s")
                % {"month": date_format(row.month, "F Y"), "series": label, "count": value},
            })  # fmt: skip
        labels.append({
            "x": round(x0 + group_w / 2 - 3, 1),
            "text": date_format(row.month, "M"),
            "year": date_format(row.month, "Y") if i == 0 or row.month.month == 1 else "",
        })  # fmt: skip
    gridlines = [
        {"y": round(top + plot_h - plot_h * v / scale_max, 1), "value": v}
        for v in range(0, scale_max + 1, step)
    ]
    return {
        "width": width,
        "height": height,
        "left": left,
        "right": width - 8,
        "baseline": top + plot_h,
        "label_y": height - 26,
        "year_y": height - 6,
        "bars": bars,
        "labels": labels,
        "gridlines": gridlines,
        "series": [{"label": label, "fill": colour} for _s, label, colour in SERIES],
    }


def write_csv(report: list[Month], out) -> None:
    writer = csv.writer(out)
    writer.writerow(["month", *OUTCOMES, "median_days_to_decision", "percent_within_target"])
    for row in report:
        median = "" if row.median_days is None else row.median_days
        within = "" if row.share_within_target is None else row.share_within_target
        counts = (row.counts[s] for s in OUTCOMES)
        writer.writerow([f"{row.month:%Y-%m}", *counts, median, within])


def appeal_totals() -> dict:
    """Appeals and counter-notices (DSA Art. 15(1)(d)): received, by outcome, median days."""
    appeals = list(Appeal.objects.values_list("kind", "outcome", "filed_at", "decided_at"))
    outcomes = dict.fromkeys(Appeal.Outcome.values, 0)
    days = []
    for _kind, outcome, filed_at, decided_at in appeals:
        outcomes[outcome] += 1
        if decided_at is not None:
            days.append((decided_at - filed_at).total_seconds() / 86400)
    return {
        "claimant": sum(1 for kind, *_rest in appeals if kind == Appeal.Kind.CLAIMANT),
        "counter_notices": sum(1 for kind, *_rest in appeals if kind == Appeal.Kind.COUNTER_NOTICE),
        "outcomes": outcomes,
        "median_days": round(statistics.median(days), 1) if days else None,
    }
