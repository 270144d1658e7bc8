"""The charts of BENCHMARKS.md, as SVG written directly (no plotting library).

Two charts, drawn from the results JSON of ``bench/run.py``:

* :func:`scale_chart`: milliseconds per document against N (logarithmic),
  one line each for the edition and plain Sphinx, with ``-j 1`` and ``-j 2``;
* :func:`phase_chart`: the real text's clean build split into its phases
  (start-up, read, resolve, write; ``bench/phases.py``), edition above plain.

Why no matplotlib: two small charts of a handful of points do not need a
plotting library and its fonts, and an SVG written here can follow the
reader's colour scheme. Each file carries its own stylesheet: light colours
by default, dark ones under ``prefers-color-scheme: dark`` (which a browser
applies to an SVG shown with ``<img>``, as GitHub shows it), a transparent
background, the system's sans-serif font, and nothing fetched from elsewhere.
"""

from __future__ import annotations

import math
from html import escape
from pathlib import Path

STYLE = """
svg { font: 12px system-ui, -apple-system, 'Segoe UI', sans-serif; }
text { fill: #1f2328; }
.axis, .tick { stroke: #6e7781; stroke-width: 1; }
.grid { stroke: #d0d7de; stroke-width: 1; }
.muted { fill: #57606a; }
.edition { stroke: #0969da; fill: #0969da; }
.plain { stroke: #bc4c00; fill: #bc4c00; }
.plain-nosidebar { stroke: #6e7781; fill: #6e7781; }
.j2 { stroke-dasharray: 6 4; }
.line { fill: none; stroke-width: 2.5; }
.p0 { fill: #8c959f; } .p1 { fill: #0969da; } .p2 { fill: #8250df; }
.p3 { fill: #1a7f37; } .p4 { fill: #d0d7de; }
@media (prefers-color-scheme: dark) {
  text { fill: #e6edf3; }
  .axis, .tick { stroke: #8b949e; }
  .grid { stroke: #30363d; }
  .muted { fill: #9da7b3; }
  .edition { stroke: #58a6ff; fill: #58a6ff; }
  .plain { stroke: #f0883e; fill: #f0883e; }
  .plain-nosidebar { stroke: #9da7b3; fill: #9da7b3; }
  .p0 { fill: #6e7681; } .p1 { fill: #58a6ff; } .p2 { fill: #bc8cff; }
  .p3 { fill: #3fb950; } .p4 { fill: #30363d; }
}
"""


def _svg(width: int, height: int, title: str, body: list[str]) -> str:
    return "\n".join([
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-labelledby="title">',
        f"<title id=\"title\">{escape(title)}</title>",
        f"<style>{STYLE}</style>",
        *body,
        "</svg>",
        "",
    ])


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    step = 10 ** math.floor(math.log10(value))
    for factor in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if value <= factor * step:
            return factor * step
    return 10 * step


def scale_chart(rows: list[dict]) -> str | None:
    """ms per document against N, edition and plain, -j 1 and -j 2."""
    series: dict[tuple[str, int], list[tuple[int, float]]] = {}
    for r in rows:
        if r["project"] in ("edition", "plain", "plain-nosidebar"):
            series.setdefault((r["project"], r["jobs"]), []).append((r["n"], r["per_doc_ms"]))
    if not series:
        return None
    ns = sorted({n for points in series.values() for n, _ in points})
    if len(ns) < 2:
        return None
    width, height = 700, 340
    left, right, top, bottom = 60, 230, 40, 50
    plot_w, plot_h = width - left - right, height - top - bottom
    top_ms = _nice_max(max(ms for points in series.values() for _, ms in points) * 1.05)
    lo, hi = math.log10(ns[0]), math.log10(ns[-1])

    def x(n: float) -> float:
        return left + (math.log10(n) - lo) / (hi - lo) * plot_w

    def y(ms: float) -> float:
        return top + plot_h - ms / top_ms * plot_h

    body = [f'<text x="{left}" y="22" font-weight="600">Milliseconds per document '
            'against the number of documents N</text>']
    for i in range(6):
        value = top_ms * i / 5
        body.append(f'<line class="grid" x1="{left}" x2="{left + plot_w}" '
                    f'y1="{y(value):.1f}" y2="{y(value):.1f}"/>')
        body.append(f'<text class="muted" x="{left - 8}" y="{y(value) + 4:.1f}" '
                    f'text-anchor="end">{value:g}</text>')
    for n in ns:
        body.append(f'<line class="tick" x1="{x(n):.1f}" x2="{x(n):.1f}" '
                    f'y1="{top + plot_h}" y2="{top + plot_h + 5}"/>')
        body.append(f'<text class="muted" x="{x(n):.1f}" y="{top + plot_h + 19}" '
                    f'text-anchor="middle">{n}</text>')
    body.append(f'<line class="axis" x1="{left}" x2="{left + plot_w}" y1="{top + plot_h}" '
                f'y2="{top + plot_h}"/>')
    body.append(f'<line class="axis" x1="{left}" x2="{left}" y1="{top}" y2="{top + plot_h}"/>')
    body.append(f'<text class="muted" x="{left + plot_w / 2:.0f}" y="{height - 10}" '
                'text-anchor="middle">N (documents, logarithmic scale)</text>')
    body.append(f'<text class="muted" transform="translate(16 {top + plot_h / 2:.0f}) '
                'rotate(-90)" text-anchor="middle">ms per document (wall clock)</text>')
    legend_y = top + 10
    for (project, jobs), points in sorted(series.items()):
        points.sort()
        cls = f"{project}{' j2' if jobs == 2 else ''}"
        path = " ".join(f"{'M' if i == 0 else 'L'}{x(n):.1f},{y(ms):.1f}"
                        for i, (n, ms) in enumerate(points))
        body.append(f'<path class="line {cls}" style="fill:none" d="{path}"/>')
        for n, ms in points:
            body.append(f'<circle class="{project}" cx="{x(n):.1f}" cy="{y(ms):.1f}" r="3.5"/>')
        lx = left + plot_w + 16
        body.append(f'<line class="line {cls}" x1="{lx}" x2="{lx + 28}" y1="{legend_y}" '
                    f'y2="{legend_y}"/>')
        name = "plain, no sidebar" if project == "plain-nosidebar" else project
        body.append(f'<text x="{lx + 36}" y="{legend_y + 4}">{name}, -j {jobs}</text>')
        legend_y += 22
    return _svg(width, height, "Milliseconds per document against N, edition and plain "
                "Sphinx, -j 1 and -j 2", body)


PHASES = ("start-up", "read", "resolve", "write", "other")


def phase_chart(phases: dict[str, dict[str, float]]) -> str | None:
    """Stacked bars: the clean build's seconds by phase, edition and plain."""
    names = [name for name in ("edition", "plain") if name in phases]
    if not names:
        return None
    width, bar_h, gap = 640, 34, 26
    left, right, top = 80, 20, 70
    height = top + len(names) * (bar_h + gap) + 30
    plot_w = width - left - right
    total = _nice_max(max(sum(phases[n].get(p, 0) for p in PHASES) for n in names) * 1.02)

    def x(seconds: float) -> float:
        return left + seconds / total * plot_w

    body = [f'<text x="{left}" y="22" font-weight="600">The real text\'s clean HTML build, '
            'by phase (seconds, median of the runs)</text>']
    lx = left
    for i, phase in enumerate(PHASES):
        body.append(f'<rect class="p{i}" x="{lx}" y="34" width="12" height="12"/>')
        body.append(f'<text x="{lx + 17}" y="45">{phase}</text>')
        lx += 17 + 8 * len(phase) + 22
    for i in range(6):
        value = total * i / 5
        body.append(f'<line class="grid" x1="{x(value):.1f}" x2="{x(value):.1f}" y1="{top - 6}" '
                    f'y2="{height - 26}"/>')
        body.append(f'<text class="muted" x="{x(value):.1f}" y="{height - 10}" '
                    f'text-anchor="middle">{value:g} s</text>')
    for row, name in enumerate(names):
        y = top + row * (bar_h + gap)
        body.append(f'<text x="{left - 8}" y="{y + bar_h / 2 + 4:.0f}" '
                    f'text-anchor="end">{name}</text>')
        start = 0.0
        for i, phase in enumerate(PHASES):
            seconds = phases[name].get(phase, 0.0)
            if seconds <= 0:
                continue
            body.append(f'<rect class="p{i}" x="{x(start):.1f}" y="{y}" '
                        f'width="{max(x(start + seconds) - x(start), 0.5):.1f}" '
                        f'height="{bar_h}"><title>{name}, {phase}: {seconds:.2f} s</title></rect>')
            if x(start + seconds) - x(start) > 34:
                body.append(f'<text x="{(x(start) + x(start + seconds)) / 2:.1f}" '
                            f'y="{y + bar_h / 2 + 4:.0f}" text-anchor="middle" '
                            f'style="fill:#fff">{seconds:.2f}</text>')
            start += seconds
    return _svg(width, height, "The real text's clean build by phase, edition and plain "
                "Sphinx", body)


def write_charts(results: dict, folder: Path) -> dict[str, str]:
    """Write the charts the results allow; their file names by chart."""
    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    scale = (results.get("scale") or {}).get("rows")
    svg = scale_chart(scale) if scale else None
    if svg:
        (folder / "scale.svg").write_text(svg, encoding="utf-8")
        written["scale"] = "scale.svg"
    phases = (results.get("real") or {}).get("phases")
    svg = phase_chart(phases) if phases else None
    if svg:
        (folder / "phases.svg").write_text(svg, encoding="utf-8")
        written["phases"] = "phases.svg"
    return written
