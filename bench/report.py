"""The benchmark's targets (issue 16) and its report as Markdown.

:func:`targets` checks the measured figures against the targets; it never
fails a build (the test suite asserts no timings): it says met, missed or
not measured. :func:`markdown` renders ``BENCHMARKS.md`` and the printed
table from the results JSON.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

#: the hand-written part of BENCHMARKS.md: the profile and what was done
ANALYSIS = Path(__file__).resolve().parent / "analysis.md"

KB = 1000
#: the targets of issue 16
PAGE_BYTES = 64 * KB
PAGE_GZIP = 16 * KB
PAGE_REQUESTS = 5
RATIO = 1.3          # clean build, rebuild, N = 1000 -j 1: at most this times plain
GROWTH = 1.2         # per-document cost N = 1000 / N = 100: "linear"
SPEEDUP = 1.4        # -j 2 at N = 1000: at least this, and at least plain's
MEMORY_J1 = 600      # MiB, largest process, -j 1
MEMORY_J2 = 700      # MiB, summed over the processes, -j 2
PDF_RATIO = 2.0


def _row(rows: list[dict], project: str, n: int, jobs: int) -> dict | None:
    return next((r for r in rows if r["project"] == project and r["n"] == n
                 and r["jobs"] == jobs), None)


def measured(results: dict) -> dict:
    """The results without the sections that failed (each holds an ``error``)."""
    return {k: v for k, v in results.items()
            if not (isinstance(v, dict) and "error" in v)}


def targets(results: dict) -> list[dict[str, Any]]:
    results = measured(results)
    out: list[dict[str, Any]] = []

    def add(name: str, target: str, value: str | None, met: bool | None) -> None:
        out.append({"name": name, "target": target,
                    "value": value if value is not None else "not measured",
                    "met": met})

    real = results.get("real")
    for step, name in (("clean", "real text, clean build vs plain"),
                       ("edit", "real text, rebuild after one edit vs plain")):
        if real:
            ratio = real[step]["ratio"]
            cpu = real[step]["edition"]["median_cpu_s"] / real[step]["plain"]["median_cpu_s"]
            add(name, f"≤ {RATIO} ×", f"{ratio:.2f} × (CPU time {cpu:.2f} ×)", ratio <= RATIO)
        else:
            add(name, f"≤ {RATIO} ×", None, None)

    scale = results.get("scale") or {}
    rows = scale.get("rows", [])
    # the baseline: plain Sphinx without a sidebar, like the edition's theme
    # (alabaster's sidebar prints the whole contents on every page)
    e1, p1 = _row(rows, "edition", 1000, 1), _row(rows, "plain-nosidebar", 1000, 1)
    if p1 is None:
        p1 = _row(rows, "plain", 1000, 1)
    if e1 and p1:
        ratio = e1["per_doc_ms"] / p1["per_doc_ms"]
        sidebar = _row(rows, "plain", 1000, 1)
        also = (f"; alabaster with its sidebar {e1['per_doc_ms'] / sidebar['per_doc_ms']:.2f} ×"
                if sidebar and sidebar is not p1 else "")
        add(f"N=1000, -j 1, per document vs {p1['project']} at N=1000", f"≤ {RATIO} ×",
            f"{ratio:.2f} × ({e1['per_doc_ms']:.1f} / {p1['per_doc_ms']:.1f} ms{also})",
            ratio <= RATIO)
    else:
        add("N=1000, -j 1, per document vs plain at N=1000", f"≤ {RATIO} ×", None, None)
    e100 = _row(rows, "edition", 100, 1)
    if e100 and e1:
        growth = e1["per_doc_ms"] / e100["per_doc_ms"]
        p100 = _row(rows, "plain-nosidebar", 100, 1) or _row(rows, "plain", 100, 1)
        plain = (f"; plain {p1['per_doc_ms'] / p100['per_doc_ms']:.2f} ×"
                 if p1 and p100 else "")
        add("linear growth: ms per document N=1000 / N=100, -j 1", f"≤ {GROWTH} ×",
            f"{growth:.2f} ×{plain}", growth <= GROWTH)
    else:
        add("linear growth: ms per document N=1000 / N=100, -j 1", f"≤ {GROWTH} ×", None, None)
    e2 = _row(rows, "edition", 1000, 2)
    p2 = _row(rows, p1["project"], 1000, 2) if p1 else None
    if e1 and e2:
        speedup = e1["seconds"] / e2["seconds"]
        plain = p1["seconds"] / p2["seconds"] if p1 and p2 else None
        add("-j 2 speed-up at N=1000", f"≥ {SPEEDUP} × and ≥ plain's",
            f"{speedup:.2f} × (plain {plain:.2f} ×)" if plain else f"{speedup:.2f} ×",
            speedup >= SPEEDUP and (plain is None or speedup >= plain))
    else:
        add("-j 2 speed-up at N=1000", f"≥ {SPEEDUP} × and ≥ plain's", None, None)
    if e1:
        add("peak memory at N=1000, -j 1", f"< {MEMORY_J1} MiB",
            f"{e1['max_rss_mib']:.0f} MiB", e1["max_rss_mib"] < MEMORY_J1)
    else:
        add("peak memory at N=1000, -j 1", f"< {MEMORY_J1} MiB", None, None)
    if e2:
        # summed as the machine gives it: a page the forked workers share with
        # the main process counts once (PSS); the RSS sum counts it in each
        pss = e2.get("tree_pss_mib")
        summed = pss if pss else e2["tree_rss_mib"]
        add("peak memory at N=1000, -j 2, summed (PSS)", f"< {MEMORY_J2} MiB",
            f"{summed:.0f} MiB (RSS summed: {e2['tree_rss_mib']:.0f} MiB)",
            summed < MEMORY_J2)
    else:
        add("peak memory at N=1000, -j 2, summed", f"< {MEMORY_J2} MiB", None, None)
    inc = scale.get("incremental")
    if inc:
        add(f"rebuild after one edit at N={inc['n']} (reported)", "",
            f"{inc['percent_of_clean']:.1f} % of clean ({inc['seconds']:.2f} s)", None)

    weights = results.get("page_weight") or {}
    for key, page in (("edition", "document page"), ("fullsize", "full-size fixture page")):
        weight = weights.get(key)
        if weight:
            add(f"{page}, uncompressed", f"≤ {PAGE_BYTES // KB} KB",
                f"{weight['bytes'] / KB:.1f} KB", weight["bytes"] <= PAGE_BYTES)
            add(f"{page}, gzipped", f"≤ {PAGE_GZIP // KB} KB",
                f"{weight['gzip'] / KB:.1f} KB", weight["gzip"] <= PAGE_GZIP)
            add(f"{page}, requests", f"≤ {PAGE_REQUESTS}, none third-party",
                f"{weight['requests']}, {len(weight['third_party'])} third-party",
                weight["requests"] <= PAGE_REQUESTS and not weight["third_party"])
        else:
            for name in ("uncompressed", "gzipped", "requests"):
                add(f"{page}, {name}", "", None, None)

    pdf = results.get("pdf") or {}
    if "ratio" in pdf:
        add("PDF (latexpdf) vs plain", f"≤ {PDF_RATIO:g} ×", f"{pdf['ratio']:.2f} ×",
            pdf["ratio"] <= PDF_RATIO)
    else:
        add("PDF (latexpdf) vs plain", f"≤ {PDF_RATIO:g} ×", pdf.get("skipped"), None)

    lighthouse = results.get("lighthouse") or {}
    for key, page in (("edition", "document page"), ("fullsize", "full-size fixture page")):
        lh = lighthouse.get(key) or {}
        name = f"Lighthouse performance (mobile), {page}"
        if "performance" in lh:
            add(name, "100", str(lh["performance"]), lh["performance"] >= 100)
        else:
            add(name, "100", lh.get("skipped"), None)
    return out


def _mark(met: bool | None) -> str:
    return {True: "met", False: "**missed**", None: "–"}[met]


def _table(header: list[str], rows: list[list[Any]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |",
             "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return lines


def markdown(results: dict, charts: dict[str, str] | None = None) -> str:
    charts = charts or {}
    failed = {k: v["error"] for k, v in results.items()
              if isinstance(v, dict) and "error" in v}
    results = measured(results)
    m = results["machine"]
    lines = [
        "# Benchmarks",
        "",
        "Generated by `make bench` (`bench/run.py`); do not edit by hand. The",
        "figures are from one run on one machine; every figure with a baseline",
        "was measured beside it in the same run. Times are wall-clock seconds of",
        "a whole `sphinx-build` process (start-up included), run with the",
        "Makefile's `-W -n --keep-going`.",
        "",
        f"- **Run:** `{results['command']}` ({results['mode']} mode), {results['date']}, "
        f"{results.get('total_seconds', '?')} s in all.",
        f"- **Machine:** {m['nproc']} CPUs ({m['cpu']}), {m['platform']}; load average "
        f"{results.get('load_before')} before, {results.get('load_after')} after "
        "(other work on a shared machine makes times noisy).",
        f"- **Software:** Python {m['python']}, Sphinx {m['sphinx']}, docutils "
        f"{m['docutils']}, MyST-Parser {m['myst_parser']}; {m.get('xelatex') or 'no xelatex'}.",
        "- **Baseline (\"plain\"):** the same sources with the edition's markup stripped to",
        "  plain MyST, keeping every word (`bench/plain.py`), built by Sphinx + MyST with no",
        "  other extension on Sphinx's default theme (alabaster, with its sidebar).",
        "",
        "## Targets (issue 16)",
        "",
    ]
    lines += _table(["target", "goal", "measured", ""],
                    [[t["name"], t["target"], t["value"], _mark(t["met"])]
                     for t in results.get("targets", [])])
    for key, error in failed.items():
        lines += ["", f"**Section {key} failed:** " + error.strip().splitlines()[0][:300]]

    real = results.get("real")
    if real:
        lines += ["", "## The real edition vs plain Sphinx (HTML)", "",
                  f"Median of {len(real['clean']['edition']['runs_s'])} runs each, the two "
                  "projects alternating.", ""]
        rows = []
        for step, label in (("clean", "clean build"), ("noop", "rebuild, no change"),
                            ("edit", "rebuild after editing one paragraph")):
            d = real[step]
            cpu = ""
            if "median_cpu_s" in d["edition"]:
                cpu = (f"{d['edition']['median_cpu_s']:.2f} s / {d['plain']['median_cpu_s']:.2f} s"
                       f" = {d['edition']['median_cpu_s'] / d['plain']['median_cpu_s']:.2f} ×")
            rows.append([label, f"{d['edition']['median_s']:.2f} s",
                         f"{d['plain']['median_s']:.2f} s", f"{d['ratio']:.2f} ×", cpu])
        lines += _table(["build", "edition", "plain", "ratio", "CPU time, edition / plain"],
                        rows)
        phases = real.get("phases")
        if phases:
            names = [n for n in ("edition", "plain") if n in phases]
            keys = [k for k in ("start-up", "read", "resolve", "write", "other", "total")
                    if any(k in phases[n] for n in names)]
            lines += ["", "The clean build by phase (`bench/phases.py`; seconds, median of the "
                      "runs):", ""]
            lines += _table(["phase", *names],
                            [[k, *(f"{phases[n].get(k, 0):.2f}" for n in names)]
                             for k in keys])
            if "phases" in charts:
                lines += ["", f"![The clean build by phase, edition and plain]({charts['phases']})"]
        if real.get("plain_warnings"):
            lines += ["", f"(The plain build gave {real['plain_warnings']} warnings.)"]

    scale = results.get("scale")
    if scale:
        lines += ["", "## A generated collection of N documents", "",
                  "Each document is the real one with fixture metadata, six of its eleven",
                  "slots filled with marked FIXTURE placeholders, and a FIXTURE commentary",
                  "with citations and mentions (`bench/generate.py`); the collection also",
                  "holds the real site's pages and data. Memory: peak resident",
                  "size of the largest process / peak RSS summed over the process tree",
                  "(forked workers' shared pages counted in each) / peak PSS summed (each",
                  "page once: what the tree takes from the machine).", ""]
        rows = [[r["project"], r["n"], r["jobs"], f"{r['seconds']:.1f} s",
                 f"{r['per_doc_ms']:.1f}",
                 f"{1000 * r['cpu_seconds'] / r['n']:.1f}" if "cpu_seconds" in r else "",
                 f"{r['max_rss_mib']:.0f} / {r['tree_rss_mib']:.0f} / "
                 f"{r.get('tree_pss_mib', 0):.0f} MiB"]
                for r in scale["rows"]]
        lines += _table(["project", "N", "-j", "clean build", "ms per document",
                         "CPU ms per document", "peak memory"], rows)
        if results.get("supplement"):
            sup = results["supplement"]
            lines += ["", f"(The {sup['what']} were measured after the run, "
                      f"{sup['date']}, load average {sup['load']}, by "
                      "`python bench/run.py --plain-only`.)"]
        speedups = []
        for r in scale["rows"]:
            if r["project"] == "edition" and r["jobs"] == 2:
                j1 = _row(scale["rows"], "edition", r["n"], 1)
                if j1:
                    speedups.append(f"N={r['n']}: {j1['seconds'] / r['seconds']:.2f} ×")
        if speedups:
            lines += ["", "`-j 2` speed-up over `-j 1`: " + ", ".join(speedups) + "."]
        for project, name in (("plain", "Plain Sphinx's (alabaster's sidebar)"),
                              ("plain-nosidebar", "Plain Sphinx's without a sidebar")):
            plain_speedups = []
            for r in scale["rows"]:
                if r["project"] == project and r["jobs"] == 2:
                    j1 = _row(scale["rows"], project, r["n"], 1)
                    if j1:
                        plain_speedups.append(
                            f"N={r['n']}: {j1['seconds'] / r['seconds']:.2f} ×")
            if plain_speedups:
                lines += [f"{name}: " + ", ".join(plain_speedups) + "."]
        if "scale" in charts:
            lines += ["", f"![Milliseconds per document against N]({charts['scale']})", ""]
        for ident in scale.get("identical") or []:
            verdict = ("identical" if not ident["n_differing"] and not ident["only_in_second"]
                       else f"{ident['n_differing']} differ: {', '.join(ident['differing'][:5])}")
            lines += [f"`-j 1` and `-j 2` pages at N={ident['n']}: {ident['pages']} pages, "
                      f"{verdict}."]
        inc = scale.get("incremental")
        if inc:
            lines += [f"Rebuild after editing one document at N={inc['n']}: "
                      f"{inc['seconds']:.2f} s, {inc['percent_of_clean']:.1f} % of the clean "
                      "build" + (f"; {inc['pages_rewritten']} pages written again."
                                 if "pages_rewritten" in inc else ".")]

    weights = results.get("page_weight")
    if weights:
        lines += ["", "## Page weight of the document page", "",
                  "What the browser fetches for `117033.html` (HTML, stylesheets and what they",
                  "import, scripts, fonts, images); gzip at level 6. **fullsize** is the",
                  "full-size fixture page `tests/roots/test-fullsize/full.md` (FIXTURE: every",
                  "slot filled with placeholder text), the heaviest page the edition makes.", ""]
        for name, w in weights.items():
            rows = [[f["kind"], f["file"], f["bytes"], f["gzip"]] for f in w["files"]]
            rows.append(["**total**", f"{w['requests']} requests",
                         f"**{w['bytes']}** ({w['bytes'] / KB:.1f} KB)",
                         f"**{w['gzip']}** ({w['gzip'] / KB:.1f} KB)"])
            lines += [f"**{name}**" + (f" (third-party: {', '.join(w['third_party'])})"
                                        if w["third_party"] else ""), ""]
            lines += _table(["kind", "file", "bytes", "gzipped"], rows)
            lines += [""]

    lighthouse = results.get("lighthouse")
    if lighthouse:
        lines += ["", "## Lighthouse (mobile)", ""]
        for key, page in (("edition", "the document page"),
                          ("fullsize", "the full-size fixture page")):
            lh = lighthouse.get(key) or {}
            if "performance" in lh:
                scores = lh.get("scores", [lh["performance"]])
                lines += [f"- {page}: performance {lh['performance']}, the median of "
                          f"{len(scores)} runs ({', '.join(map(str, scores))}), Lighthouse "
                          f"{lh['version']}, {lh['form_factor']} settings (simulated "
                          f"throttling): FCP {lh['fcp_ms']:.0f} ms, LCP {lh['lcp_ms']:.0f} ms, "
                          f"TBT {lh['tbt_ms']:.0f} ms, CLS {lh['cls']:.3f}; benchmark index "
                          f"{lh.get('benchmark_index') or 0:.0f}."]
                if lh.get("warnings"):
                    lines += ["  Lighthouse warned: " + " ".join(
                        w.split(" Learn more")[0] for w in lh["warnings"])]
            else:
                lines += [f"- {page}: not measured: {lh.get('skipped')}"]

    fixes = results.get("fixes")
    if fixes and "rows" in fixes:
        lines += ["", "## Before and after the speed fixes (real text, clean build, -j 1)", "",
                  "Clean builds of the real text with each fix undone in turn",
                  f"(`bench/variant.py`), median of {fixes.get('runs', 1)} runs; see \"What the "
                  "profile showed\" below.", ""]
        base = fixes["rows"][0]
        lines += _table(["build", "clean build", "CPU time", "CPU vs with the fixes"],
                        [[r["label"], f"{r['median_s']:.2f} s", f"{r['median_cpu_s']:.2f} s",
                          f"{r['median_cpu_s'] - base['median_cpu_s']:+.2f} s"]
                         for r in fixes["rows"]])

    pdf = results.get("pdf")
    if pdf:
        lines += ["", "## PDF (xelatex via latexmk)", ""]
        if "skipped" in pdf:
            lines += [f"Not measured: {pdf['skipped']}"]
        else:
            lines += [f"`sphinx-build -M latexpdf`, median of {len(pdf['edition']['runs_s'])} "
                      "runs each" + (f"; {pdf['note']}" if pdf.get("note") else "") + ".", ""]
            lines += _table(["", "edition", "plain", "ratio"],
                            [["latexpdf", f"{pdf['edition']['median_s']:.1f} s",
                              f"{pdf['plain']['median_s']:.1f} s", f"{pdf['ratio']:.2f} ×"]])
    if ANALYSIS.is_file():
        lines += ["", ANALYSIS.read_text(encoding="utf-8").strip()]
    lines += ["", "## Reproduce", "",
              "```sh",
              "make bench                 # full run (about 10-15 min on 2 cores)",
              "make bench BENCH_QUICK=1   # reduced run: 3 runs, N up to 100",
              "python bench/run.py --quick --sizes 10,100,1000   # reduced, with N = 1000",
              "npm ci --prefix bench/lighthouse   # optional: enables the Lighthouse figure",
              "```", ""]
    return "\n".join(lines)
