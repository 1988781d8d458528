"""The quality page (``newsfacts report --html``): one self-contained HTML page.

``render_quality_page`` turns a ``QualityPageData`` (read by
``warehouse.quality_page``) into a page with inline CSS and inline SVG charts:
no script, no font, no stylesheet or image from elsewhere, so it opens offline
and can be mailed or attached to a CI run. Every chart is an
``<svg data-chart="…">`` whose marks carry ``data-value`` attributes, so tests
(and people) can read the numbers back. Rendering is pure; ``write_quality_page``
reads the warehouse and writes the file.
"""

from __future__ import annotations

import math
from datetime import datetime
from html import escape
from pathlib import Path

from schemas.dq_results import CheckResult
from warehouse.quality_page import QualityPageData, RunRow, read_warehouse_quality_page

# One colour per fact kind, and one per chart elsewhere (tests look for these pixels).
KIND_COLOURS: dict[str, str] = {"compute": "#1f77b4", "money": "#2ca02c", "percent": "#ff7f0e"}
ORGANISATION_COLOUR = "#6a3d9a"
QUARANTINE_COLOUR = "#b15928"
STATUS_COLOURS: dict[str, str] = {"pass": "#238b45", "warn": "#ff9f1c", "error": "#d62728"}


def _number(value: float) -> str:
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.2f}"


def _empty_chart(name: str, message: str, width: int = 760) -> str:
    return (
        f'<svg data-chart="{name}" data-empty="true" width="{width}" height="60" '
        f'viewBox="0 0 {width} 60" role="img"><text x="10" y="35" class="muted">'
        f"{escape(message)}</text></svg>"
    )


def render_facts_per_kind_chart(
    facts_by_month: dict[tuple[str, str], int], width: int = 760, height: int = 300
) -> str:
    """Stacked columns: valid facts per publication month, one colour per kind."""
    months = sorted({month for month, _ in facts_by_month})
    if not months:
        return _empty_chart("facts-per-kind", "No dated facts yet.")
    kinds = [k for k in KIND_COLOURS if any((m, k) in facts_by_month for m in months)]
    kinds += sorted({k for _, k in facts_by_month} - set(kinds))
    totals = [sum(facts_by_month.get((m, k), 0) for k in kinds) for m in months]
    step = max(1, math.ceil(max(totals) / 4))
    top = step * 4
    left, right, bottom, upper = 48, 12, 56, 30
    plot_w, plot_h = width - left - right, height - bottom - upper
    slot = plot_w / len(months)
    bar_w = max(4.0, min(48.0, slot * 0.7))
    parts = [
        f'<svg data-chart="facts-per-kind" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="Facts per kind over time">',
        f'<line x1="{left}" y1="{upper + plot_h}" x2="{width - right}" y2="{upper + plot_h}" '
        'class="axis"/>',
    ]
    for tick in range(5):
        y = upper + plot_h - plot_h * tick / 4
        parts.append(
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" class="tick">'
            f"{_number(step * tick)}</text>"
        )
        if tick:
            parts.append(
                f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" class="grid"/>'
            )
    label_every = max(1, len(months) // 12)
    for i, month in enumerate(months):
        x = left + slot * i + (slot - bar_w) / 2
        y = upper + plot_h
        for kind in kinds:
            count = facts_by_month.get((month, kind), 0)
            if not count:
                continue
            h = plot_h * count / top
            y -= h
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
                f'fill="{KIND_COLOURS.get(kind, "#7f7f7f")}" data-month="{month}" '
                f'data-kind="{escape(kind)}" data-value="{count}">'
                f"<title>{month} {escape(kind)}: {count}</title></rect>"
            )
        if i % label_every == 0:
            parts.append(
                f'<text x="{x + bar_w / 2:.1f}" y="{upper + plot_h + 16}" text-anchor="middle" '
                f'class="tick">{month}</text>'
            )
    legend_x = left
    for kind in kinds:
        parts.append(
            f'<rect x="{legend_x}" y="6" width="12" height="12" '
            f'fill="{KIND_COLOURS.get(kind, "#7f7f7f")}"/>'
            f'<text x="{legend_x + 16}" y="16" class="tick">{escape(kind)}</text>'
        )
        legend_x += 90
    parts.append("</svg>")
    return "".join(parts)


def render_bar_chart(
    name: str,
    rows: list[tuple[str, float, str]],
    colour: str,
    width: int = 760,
    empty: str = "Nothing to show.",
) -> str:
    """Horizontal bars: one row per (label, value, annotation), largest first."""
    if not rows:
        return _empty_chart(name, empty, width)
    label_w, right, row_h = 230, 220, 26
    height = row_h * len(rows) + 10
    top = max(value for _, value, _ in rows) or 1
    plot_w = width - label_w - right
    parts = [
        f'<svg data-chart="{name}" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img">'
    ]
    for i, (label, value, note) in enumerate(rows):
        y = 5 + i * row_h
        w = max(2.0, plot_w * value / top)
        short = label if len(label) <= 34 else label[:33] + "…"
        parts.append(
            f'<text x="{label_w - 8}" y="{y + 16}" text-anchor="end" class="tick">'
            f"<title>{escape(label)}</title>{escape(short)}</text>"
            f'<rect x="{label_w}" y="{y + 3}" width="{w:.1f}" height="{row_h - 8}" '
            f'fill="{colour}" data-label="{escape(label)}" data-value="{_number(value)}">'
            f"<title>{escape(label)}: {_number(value)}</title></rect>"
            f'<text x="{label_w + w + 6:.1f}" y="{y + 16}" class="tick">'
            f"{escape(note)}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _tiles(totals: dict[str, float]) -> str:
    return "".join(
        f'<div class="tile"><div class="value">{_number(value)}</div>'
        f'<div class="label">{escape(label)}</div></div>'
        for label, value in totals.items()
    )


def _checks_table(checks: list[CheckResult]) -> str:
    if not checks:
        return (
            '<p class="muted">No data-quality checks recorded yet '
            "(run <code>newsfacts check</code>).</p>"
        )
    rows = "".join(
        f'<tr><td><span class="badge" style="background:{STATUS_COLOURS.get(c.status, "#7f7f7f")}">'
        f"{escape(c.status)}</span></td><td>{escape(c.check_name)}</td>"
        f"<td>{escape(c.check_kind)}</td>"
        f'<td class="num">{"" if c.metric is None else _number(round(c.metric, 4))}</td>'
        f"<td>{escape(c.message)}</td></tr>"
        for c in checks
    )
    return (
        "<table><thead><tr><th>status</th><th>check</th><th>kind</th><th>metric</th>"
        f"<th>message</th></tr></thead><tbody>{rows}</tbody></table>"
    )


def _runs_table(runs: list[RunRow]) -> str:
    if not runs:
        return '<p class="muted">No runs yet.</p>'

    def cell(value: object) -> str:
        if value is None:
            return ""
        if isinstance(value, datetime):
            return value.strftime("%Y-%m-%d %H:%M:%S")
        if isinstance(value, float):
            return f"{value:,.1f}"
        return escape(str(value))

    rows = "".join(
        f"<tr><td><code>{cell(r.run_id)}</code></td><td>{cell(r.status)}</td>"
        f'<td>{cell(r.started_at)}</td><td class="num">{cell(r.duration_seconds)}</td>'
        f'<td class="num">{cell(r.count_documents)}</td>'
        f'<td class="num">{cell(r.count_facts_new)}</td>'
        f'<td class="num">{cell(r.count_quarantined_new)}</td>'
        f'<td class="num">{cell(r.count_errors)}</td></tr>'
        for r in runs
    )
    return (
        "<table><thead><tr><th>run</th><th>status</th><th>started (UTC)</th><th>seconds</th>"
        "<th>documents</th><th>new facts</th><th>quarantined</th><th>errors</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )


def _errors_table(errors: dict[tuple[str, str], int]) -> str:
    if not errors:
        return '<p class="muted">No ingest errors: every document was read and processed.</p>'
    rows = "".join(
        f'<tr><td>{escape(stage)}</td><td>{escape(error)}</td><td class="num">{count}</td></tr>'
        for (stage, error), count in sorted(errors.items(), key=lambda kv: (-kv[1], kv[0]))
    )
    return (
        "<table><thead><tr><th>stage</th><th>error</th><th>documents</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )


STYLE = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px auto;
max-width:1100px;color:#1d232a;background:#fff;padding:0 16px}
h1{font-size:24px;margin:0 0 4px}
h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #e3e6ea;padding-bottom:4px}
.muted{color:#68717c;fill:#68717c}.tiles{display:flex;flex-wrap:wrap;gap:10px}
.tile{border:1px solid #e3e6ea;border-radius:6px;padding:10px 14px;min-width:120px}
.tile .value{font-size:22px;font-weight:600}.tile .label{color:#68717c;font-size:12px}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{border-bottom:1px solid #eef0f2;
padding:4px 8px;text-align:left;vertical-align:top}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.badge{color:#fff;border-radius:3px;padding:1px 6px;font-size:12px}
svg .tick{font-size:11px;fill:#3d4650}svg .axis{stroke:#9aa3ad}svg .grid{stroke:#eef0f2}
code{font-size:12px}
"""


def render_quality_page(data: QualityPageData) -> str:
    """The whole page as one string."""
    kind_chart = render_facts_per_kind_chart(data.facts_by_month)
    org_rows = [
        (
            org,
            float(count),
            f"{count} claim{'s' if count != 1 else ''}, largest {_number(round(top, 3))} EFLOPS",
        )
        for org, (count, top) in sorted(
            data.compute_by_organisation.items(), key=lambda kv: (-kv[1][0], -kv[1][1], kv[0])
        )
    ]
    org_chart = render_bar_chart(
        "compute-by-organisation", org_rows, ORGANISATION_COLOUR, empty="No compute claims yet."
    )
    reason_rows = [
        (reason, float(count), f"{count}")
        for reason, count in sorted(data.quarantine_reasons.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    reason_chart = render_bar_chart(
        "quarantine-reasons", reason_rows, QUARANTINE_COLOUR, empty="Nothing quarantined."
    )
    undated = (
        f'<p class="muted">{data.count_undated_facts} facts come from articles with no '
        "publication date and are not shown over time.</p>"
        if data.count_undated_facts
        else ""
    )
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(data.title)}</title><style>{STYLE}</style></head>
<body>
<h1>{escape(data.title)}</h1>
<p class="muted">{escape(data.source)} · generated {data.generated_at:%Y-%m-%d %H:%M UTC}</p>
<section id="summary"><h2>Summary</h2><div class="tiles">{_tiles(data.totals)}</div></section>
<section id="checks"><h2>Data-quality checks (the latest check run)</h2>
{_checks_table(data.checks)}</section>
<section id="facts-per-kind"><h2>Facts per kind over time (by publication month)</h2>
{kind_chart}{undated}</section>
<section id="compute-by-organisation"><h2>Compute claims by organisation</h2>
{org_chart}</section>
<section id="quarantine-reasons"><h2>Quarantine reasons</h2>{reason_chart}</section>
<section id="ingest-errors"><h2>Ingest errors</h2>{_errors_table(data.ingest_errors)}</section>
<section id="runs"><h2>Recent runs</h2>{_runs_table(data.runs)}</section>
</body></html>
"""


def write_quality_page(warehouse: str | Path, out: Path) -> QualityPageData:
    """Render the quality page of ``warehouse`` into the HTML file ``out``."""
    data = read_warehouse_quality_page(warehouse)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_quality_page(data), encoding="utf-8")
    return data
