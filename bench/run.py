"""``make bench``: the edition's benchmarks, side by side with plain Sphinx.

Measures, in one run on one machine (absolute times on shared machines drift,
so every figure that has a baseline is measured next to it):

a. clean HTML build of the edition vs the same text on plain Sphinx + MyST
   (``bench/plain.py`` strips our markup, keeping the words), median of runs;
b. a rebuild with no change, and one after editing one paragraph;
c. a generated collection of N documents (``bench/generate.py``): clean build
   per document with ``-j 1`` and ``-j 2``, peak memory, whether ``-j 1`` and
   ``-j 2`` write identical pages, an incremental rebuild after editing one
   document at the largest N, and plain Sphinx on the same collection;
d. page weight of the document page (``bench/weight.py``);
   and of the full-size fixture page (``tests/roots/test-fullsize``, every slot
   filled);
e. PDF (xelatex via latexmk) vs plain Sphinx's ``latexpdf`` of the same text;
f. Lighthouse performance (mobile) of both pages, when ``bench/lighthouse``
   has been installed (``npm ci --prefix bench/lighthouse``);
g. before and after the speed fixes this benchmark led to (``bench/variant.py``
   undoes them), on the real text.

The real text's clean builds run through ``bench/phases.py``, which times the
phases of the build (start-up, read, resolve, write) for the chart.

Writes ``bench/results/latest.json`` and prints a table; a full run also
rewrites ``BENCHMARKS.md`` and its charts (``bench/charts/*.svg``, by
``bench/charts.py``). ``BENCH_QUICK=1`` (or ``--quick``) is a reduced run for
development: 3 runs, N up to 100, one PDF each; it writes
``bench/results/latest.md``. ``--sizes 10,100,1000`` with ``--quick`` measures the
largest collection once in a shorter run. ``--only a,c`` runs some sections.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

import measure  # noqa: E402
from generate import edit_one_paragraph, generate  # noqa: E402
from plain import make_plain_project  # noqa: E402
from charts import write_charts  # noqa: E402
from report import markdown, targets  # noqa: E402
from weight import page_weight  # noqa: E402

PYTHON = Path(sys.executable)
SPHINX = [str(PYTHON), "-m", "sphinx"]
#: the Makefile's SPHINXOPTS: the edition must build warning-free
EDITION_FLAGS = ["-W", "-n", "--keep-going", "-q"]
#: plain Sphinx: same checks, but its warnings are counted, not fatal
PLAIN_FLAGS = ["-n", "--keep-going", "-q"]
DOCUMENT = "117033"
#: the full-size fixture: the document with every slot filled
FULLSIZE = ROOT / "tests" / "roots" / "test-fullsize"
FULLSIZE_PAGE = "full"


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


class BuildFailed(Exception):
    """A build the benchmark needs did not succeed."""


class Project:
    """A source folder and the conf.py it builds with (edition or plain)."""

    def __init__(self, name: str, srcdir: Path, confdir: Path, flags: list[str]) -> None:
        self.name, self.srcdir, self.confdir, self.flags = name, srcdir, confdir, flags

    def build(self, outdir: Path, builder: str = "html", *, jobs: int = 1,
              clean: bool = True, make_mode: bool = False,
              undo: str | None = None, phases: Path | None = None) -> measure.Run:
        if clean and outdir.exists():
            shutil.rmtree(outdir)
        if make_mode:  # sphinx-build -M latexpdf: LaTeX, then latexmk
            args = [*SPHINX, "-M", builder, str(self.srcdir), str(outdir)]
        else:
            args = [*SPHINX, "-b", builder, str(self.srcdir), str(outdir / builder),
                    "-d", str(outdir / "doctrees")]
        args += ["-c", str(self.confdir), "-j", str(jobs), *self.flags]
        env = None
        if phases is not None:  # the same build, timed by phase
            args = [str(PYTHON), str(BENCH / "phases.py"), *args[len(SPHINX):]]
            env = {**os.environ, "BENCH_PHASES": str(phases)}
        elif undo is not None:  # the same build with some speed fixes undone
            args = [str(PYTHON), str(BENCH / "variant.py"), *args[len(SPHINX):]]
            env = {**os.environ, "BENCH_UNDO": undo}
        if self.name == "fullsize":  # a fixture's conf.py finds the edition on the path
            env = {**(env or os.environ),
                   "PYTHONPATH": os.pathsep.join(filter(None, [
                       str(ROOT / "extensions"), os.environ.get("PYTHONPATH", "")]))}
        result = measure.run(args, cwd=self.confdir, env=env)
        # -W turns any warning of the edition into a non-zero exit
        if result.returncode != 0:
            log(f"{self.name} {builder} build failed ({result.returncode}):\n{result.stderr[-3000:]}")
            raise BuildFailed(f"{self.name} {builder} build failed ({result.returncode}): "
                              f"{result.stderr[-600:]}")
        return result


def warnings_of(run: measure.Run) -> int:
    return sum("WARNING" in line or "ERROR" in line for line in run.stderr.splitlines())


def summary(runs: list[measure.Run]) -> dict:
    return {"median_s": round(measure.median([r.seconds for r in runs]), 3),
            "runs_s": [round(r.seconds, 3) for r in runs],
            "median_cpu_s": round(measure.median([r.cpu_seconds for r in runs]), 3),
            "max_rss_mib": round(max(r.max_rss_mib for r in runs), 1)}


# --- a, b: the real edition vs plain Sphinx ---------------------------------

def bench_real(work: Path, runs: int) -> dict:
    """Clean build, no-change rebuild and one-paragraph rebuild, both projects."""
    results: dict[str, dict[str, list[measure.Run]]] = {}
    phases: dict[str, list[dict[str, float]]] = {}
    warnings = {}
    for rep in range(runs):
        # alternate the two projects so that drift of the machine hits both
        for name in ("edition", "plain"):
            src = work / f"{name}-src"
            if src.exists():
                shutil.rmtree(src)
            if name == "edition":
                shutil.copytree(ROOT / "source", src)
                project = Project(name, src, ROOT, EDITION_FLAGS)
            else:
                make_plain_project(ROOT / "source", src)
                project = Project(name, src, src, PLAIN_FLAGS)
            out = work / f"{name}-out"
            r = results.setdefault(name, {"clean": [], "noop": [], "edit": []})
            timing = work / f"{name}-phases-{rep}.json"
            clean = project.build(out, phases=timing)
            phases.setdefault(name, []).append(json.loads(timing.read_text()))
            r["clean"].append(clean)
            warnings[name] = warnings_of(clean)
            r["noop"].append(project.build(out, clean=False))
            edit_one_paragraph(src / f"{DOCUMENT}.md")
            r["edit"].append(project.build(out, clean=False))
        log(f"real text, run {rep + 1}/{runs}: edition "
            f"{results['edition']['clean'][-1].seconds:.2f}s, plain "
            f"{results['plain']['clean'][-1].seconds:.2f}s")
    data: dict = {}
    for step in ("clean", "noop", "edit"):
        data[step] = {name: summary(results[name][step]) for name in results}
        data[step]["ratio"] = round(
            data[step]["edition"]["median_s"] / data[step]["plain"]["median_s"], 3)
    data["phases"] = {name: {key: round(measure.median([p[key] for p in found]), 3)
                             for key in found[0]} for name, found in phases.items()}
    data["plain_warnings"] = warnings["plain"]
    data["edition_html"] = str(work / "edition-out" / "html")
    data["plain_html"] = str(work / "plain-out" / "html")
    return data


# --- c: a generated collection ------------------------------------------------

def same_pages(a: Path, b: Path) -> dict:
    """Compare the HTML pages of two builds byte for byte."""
    pages = sorted(p.relative_to(a) for p in a.rglob("*.html"))
    differ = [str(p) for p in pages if not (b / p).is_file()
              or (a / p).read_bytes() != (b / p).read_bytes()]
    extra = sorted(str(p.relative_to(b)) for p in b.rglob("*.html")
                   if not (a / p.relative_to(b)).is_file())
    return {"pages": len(pages), "differing": differ[:20], "n_differing": len(differ),
            "only_in_second": extra[:20]}


def bench_scale(work: Path, sizes: list[int], plain_sizes: list[int]) -> dict:
    rows = []
    identical = []
    incremental = None
    for n in sizes:
        src = work / f"collection-{n}"
        generate(n, src)
        project = Project("edition", src, ROOT, EDITION_FLAGS)
        outs = {}
        for jobs in (1, 2):
            out = work / f"collection-{n}-j{jobs}"
            run = project.build(out, jobs=jobs)
            outs[jobs] = out
            rows.append({"project": "edition", "n": n, "jobs": jobs,
                         "seconds": round(run.seconds, 3),
                         "cpu_seconds": round(run.cpu_seconds, 3),
                         "per_doc_ms": round(1000 * run.seconds / n, 1),
                         "max_rss_mib": round(run.max_rss_mib, 1),
                         "tree_rss_mib": round(run.tree_rss_mib, 1),
                         "tree_pss_mib": round(run.tree_pss_mib, 1)})
            log(f"collection N={n} -j {jobs}: {run.seconds:.1f}s "
                f"({1000 * run.seconds / n:.0f} ms/doc, {run.max_rss_mib:.0f} MiB)")
        identical.append({"n": n, **same_pages(outs[1] / "html", outs[2] / "html")})
        if n == max(sizes):
            # one edited document, rebuilt with -j 1 on the -j 1 output
            docs = sorted((src / "docs").glob("*.md"))
            edit_one_paragraph(docs[len(docs) // 2])
            before = time.time()
            run = project.build(outs[1], clean=False)
            # how many pages the edit made Sphinx write again: one, ideally
            rewritten = sum(p.stat().st_mtime >= before
                            for p in (outs[1] / "html").rglob("*.html"))
            clean = next(r for r in rows if r["n"] == n and r["jobs"] == 1)["seconds"]
            incremental = {"n": n, "seconds": round(run.seconds, 3),
                           "cpu_seconds": round(run.cpu_seconds, 3),
                           "pages_rewritten": rewritten,
                           "percent_of_clean": round(100 * run.seconds / clean, 1)}
            log(f"collection N={n}: one edit rebuilt in {run.seconds:.2f}s, "
                f"{rewritten} pages written")
        for jobs in (1, 2):
            shutil.rmtree(work / f"collection-{n}-j{jobs}", ignore_errors=True)
    for n in plain_sizes:
        src = work / f"collection-{n}"
        if not src.exists():
            generate(n, src)
        rows += plain_rows(work, src, n, plain_themes(n))
        shutil.rmtree(src, ignore_errors=True)
    return {"rows": rows, "identical": identical, "incremental": incremental}


PLAIN_THEMES = (("plain", True), ("plain-nosidebar", False))


SIDEBAR_UP_TO = 100


def plain_themes(n: int) -> tuple[tuple[str, bool], ...]:
    """The plain baselines measured at *n*. Alabaster's sidebar prints the
    whole table of contents on every page, so its build grows with the square
    of N (267 s at N = 1000 in the run of 2026-11-27 17:19, against 30 s
    without it): it is measured up to N = 100, where it shows that growth, and
    not at N = 1000, where it would be ten minutes of a baseline that no target
    uses."""
    return PLAIN_THEMES if n <= SIDEBAR_UP_TO else PLAIN_THEMES[1:]


def plain_rows(work: Path, src: Path, n: int,
               themes: tuple[tuple[str, bool], ...] = PLAIN_THEMES) -> list[dict]:
    """Plain Sphinx on the collection of *n*, -j 1 and -j 2, on Sphinx's
    default theme, alabaster, with its sidebar ("plain") and without it
    ("plain-nosidebar"). The edition's theme is part of the edition and cannot
    build without it; like it, plain-nosidebar prints no table of contents on
    every page (alabaster's sidebar does, which makes a build grow with the
    square of N)."""
    rows = []
    for label, sidebars in themes:
        plain = make_plain_project(src, work / f"plain-collection-{n}-{label}",
                                   theme="alabaster", sidebars=sidebars)
        project = Project(label, plain, plain, PLAIN_FLAGS)
        for jobs in (1, 2):
            out = work / f"plain-collection-{n}-{label}-j{jobs}-out"
            run = project.build(out, jobs=jobs)
            rows.append({"project": label, "n": n, "jobs": jobs,
                         "seconds": round(run.seconds, 3),
                         "cpu_seconds": round(run.cpu_seconds, 3),
                         "per_doc_ms": round(1000 * run.seconds / n, 1),
                         "max_rss_mib": round(run.max_rss_mib, 1),
                         "tree_rss_mib": round(run.tree_rss_mib, 1),
                         "tree_pss_mib": round(run.tree_pss_mib, 1)})
            log(f"{label} collection N={n} -j {jobs}: {run.seconds:.1f}s")
            shutil.rmtree(out, ignore_errors=True)
    return rows


def supplement_plain(results: dict, sizes: list[int]) -> None:
    """Measure plain Sphinx without a sidebar (a run from before that row
    existed), keeping the other rows."""
    work = Path(tempfile.mkdtemp(prefix="edition-bench-"))
    try:
        rows = [r for r in results["scale"]["rows"] if r["project"] != "plain-nosidebar"]
        for n in sizes:
            src = work / f"collection-{n}"
            generate(n, src)
            rows += plain_rows(work, src, n, PLAIN_THEMES[1:])
            shutil.rmtree(src, ignore_errors=True)
        results["scale"]["rows"] = rows
        results["supplement"] = {"what": "plain-nosidebar rows", "date":
                                 time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
                                 "load": measure.loadavg()}
    finally:
        shutil.rmtree(work, ignore_errors=True)


# --- g: before and after the speed fixes -----------------------------------

FIXES = (("", "with the fixes"),
         ("jieba", "without the short Chinese runs (jieba loaded)"),
         ("caches", "without the caches (YAML, CLDR, pybtex's LaTeX parse)"),
         ("pybtex", "without the pybtex plugin registry (round 1)"),
         ("pystemmer", "without PyStemmer (round 1)"),
         ("jieba,caches", "without round 2's start-up fixes"))


def bench_fixes(work: Path, runs: int) -> dict:
    """Clean builds of the real text with each fix undone in turn."""
    src = work / "fixes-src"
    if not src.exists():
        shutil.copytree(ROOT / "source", src)
    project = Project("edition", src, ROOT, EDITION_FLAGS)
    found: dict[str, list[measure.Run]] = {undo: [] for undo, _ in FIXES}
    for _ in range(runs):
        for undo, label in FIXES:
            run = project.build(work / "fixes-out", undo=undo)
            found[undo].append(run)
            log(f"real text {label}: {run.seconds:.2f}s ({run.cpu_seconds:.2f}s CPU)")
    shutil.rmtree(work / "fixes-out", ignore_errors=True)
    return {"runs": runs, "rows": [
        {"undo": undo, "label": label, **summary(found[undo])} for undo, label in FIXES]}


# --- e: PDF -----------------------------------------------------------------------

def bench_pdf(work: Path, runs: int) -> dict:
    if not (shutil.which("xelatex") and shutil.which("latexmk")):
        return {"skipped": "xelatex or latexmk is missing (TeX Live, see README)"}
    results: dict[str, list[measure.Run]] = {"edition": [], "plain": []}
    for rep in range(runs):
        for name in ("edition", "plain"):
            src = work / f"pdf-{name}-src"
            if name == "edition":
                if not src.exists():
                    shutil.copytree(ROOT / "source", src)
                project = Project(name, src, ROOT, EDITION_FLAGS)
            else:
                make_plain_project(ROOT / "source", src)
                project = Project(name, src, src, PLAIN_FLAGS)
            run = project.build(work / f"pdf-{name}-out", "latexpdf", make_mode=True)
            results[name].append(run)
        log(f"PDF run {rep + 1}/{runs}: edition {results['edition'][-1].seconds:.1f}s, "
            f"plain {results['plain'][-1].seconds:.1f}s")
    data = {name: summary(runs_) for name, runs_ in results.items()}
    data["ratio"] = round(data["edition"]["median_s"] / data["plain"]["median_s"], 3)
    pdfs = sorted((work / "pdf-edition-out" / "latex").glob("*.pdf"))
    data["edition_pdf_bytes"] = pdfs[0].stat().st_size if pdfs else None
    return data


# --- f: Lighthouse ---------------------------------------------------------------

def build_fullsize(work: Path) -> Path:
    """The full-size fixture's HTML (its own conf.py, the edition's extensions)."""
    src = work / "fullsize-src"
    if not src.exists():
        shutil.copytree(FULLSIZE, src)
    out = work / "fullsize-out"
    Project("fullsize", src, src, EDITION_FLAGS).build(out)
    return out / "html"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def bench_lighthouse(html: Path, work: Path, runs: int, page: str = DOCUMENT) -> dict:
    """Lighthouse's performance score of the document page, mobile settings.

    The score moves with the machine's load (Lighthouse warns when the CPU is
    slower than it expects), so it runs *runs* times and reports the median,
    as Lighthouse's own documentation advises.
    """
    cli = BENCH / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
    chrome = os.environ.get("CHROME_PATH") or shutil.which("chromium")
    if not cli.exists():
        return {"skipped": "Lighthouse is not installed: npm ci --prefix bench/lighthouse"}
    if not chrome:
        return {"skipped": "no Chromium: set CHROME_PATH"}
    port = free_port()
    # served as a web host serves it (HTTP/1.1, text gzipped): bench/serve.py
    server = subprocess.Popen(
        [str(PYTHON), str(BENCH / "serve.py"), str(port), str(html)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    reports = []
    try:
        time.sleep(0.5)
        for rep in range(runs):
            path = work / f"lighthouse-{page}-{rep}.json"
            proc = subprocess.run(
                [str(cli), f"http://127.0.0.1:{port}/{page}.html", "--quiet",
                 "--only-categories=performance", "--output=json",
                 f"--output-path={path}",
                 "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
                env={**os.environ, "CHROME_PATH": chrome}, capture_output=True, text=True,
                timeout=240)
            if proc.returncode != 0 or not path.exists():
                return {"skipped": f"Lighthouse failed: {proc.stderr[-500:]}"}
            reports.append(json.loads(path.read_text()))
    except (subprocess.TimeoutExpired, OSError, ValueError) as error:
        return {"skipped": f"Lighthouse failed: {error!r}"}
    finally:
        server.terminate()
        server.wait()
    scores = [round(100 * (r["categories"]["performance"]["score"] or 0)) for r in reports]
    middle = sorted(range(len(reports)), key=lambda i: scores[i])[len(reports) // 2]
    data = reports[middle]
    audits = data["audits"]

    def metric(key: str) -> float | None:
        return audits.get(key, {}).get("numericValue")

    return {
        "performance": scores[middle],
        "scores": scores,
        "form_factor": data["configSettings"]["formFactor"],
        "version": data.get("lighthouseVersion"),
        "benchmark_index": data.get("environment", {}).get("benchmarkIndex"),
        "fcp_ms": metric("first-contentful-paint"),
        "lcp_ms": metric("largest-contentful-paint"),
        "tbt_ms": metric("total-blocking-time"),
        "cls": metric("cumulative-layout-shift"),
        "warnings": data.get("runWarnings", []),
    }


# --- the run -------------------------------------------------------------------

def machine() -> dict:
    import docutils
    import myst_parser
    import sphinx

    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    tex = subprocess.run(["xelatex", "--version"], capture_output=True, text=True) \
        if shutil.which("xelatex") else None
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "python": platform.python_version(),
        "sphinx": sphinx.__version__,
        "docutils": docutils.__version__,
        "myst_parser": myst_parser.__version__,
        "platform": platform.platform(),
        "xelatex": tex.stdout.splitlines()[0] if tex and tex.stdout else None,
    }


def charts_for(results: dict, out: Path) -> dict[str, str]:
    """Write the charts beside the report; their paths relative to it."""
    folder = BENCH / "charts" if out.resolve() == (ROOT / "BENCHMARKS.md").resolve() \
        else out.parent / "charts"
    written = write_charts(results, folder)
    return {key: os.path.relpath(folder / name, out.parent) for key, name in written.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true",
                        default=os.environ.get("BENCH_QUICK", "") not in ("", "0"))
    parser.add_argument("--only", default="abcdefg",
                        help="sections to run, e.g. 'ad' (default: all)")
    parser.add_argument("--sizes", default="", help="collection sizes, e.g. 10,100")
    parser.add_argument("--json", type=Path, default=BENCH / "results" / "latest.json")
    parser.add_argument("--markdown", type=Path, default=None,
                        help="where to write the report (default: BENCHMARKS.md on a "
                             "full run of every section, else bench/results/latest.md)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    parser.add_argument("--report-only", action="store_true",
                        help="measure nothing: rewrite the report from --json")
    parser.add_argument("--plain-only", action="store_true",
                        help="measure only plain Sphinx without a sidebar, into "
                             "--json, and rewrite the report")
    args = parser.parse_args(argv)
    if args.report_only or args.plain_only:
        results = json.loads(args.json.read_text(encoding="utf-8"))
        if args.plain_only:
            os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
            supplement_plain(results, [int(s) for s in args.sizes.split(",") if s]
                             or sorted({r["n"] for r in results["scale"]["rows"]}))
            args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
        results["targets"] = targets(results)
        out = args.markdown or (ROOT / "BENCHMARKS.md" if results["mode"] == "full"
                                else BENCH / "results" / "latest.md")
        text = markdown(results, charts_for(results, out))
        out.write_text(text, encoding="utf-8")
        print(text)
        return 0
    only = set(args.only.replace(",", ""))
    quick = args.quick
    runs = 3 if quick else 5
    sizes = [int(s) for s in args.sizes.split(",") if s] or ([10, 100] if quick else [10, 100, 1000])
    plain_sizes = sizes
    full = not quick and only >= set("abcdefg") and max(sizes) >= 1000

    # Builds run as a user's do: Python keeps each module compiled in
    # __pycache__. A session with PYTHONDONTWRITEBYTECODE (some sandboxes set
    # it) would compile the edition's 110 modules from source in every build,
    # about 0.15 s that plain Sphinx, installed with its bytecode, never pays.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    compileall.compile_dir(str(ROOT / "extensions"), quiet=1)
    started = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="edition-bench-"))
    results: dict = {
        "mode": "quick" if quick else "full",
        "command": "make bench" + (" BENCH_QUICK=1" if quick else ""),
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "machine": machine(),
        "load_before": measure.loadavg(),
    }
    log(f"work folder {work}; mode {results['mode']}; load {results['load_before']}")
    args.json.parent.mkdir(parents=True, exist_ok=True)

    def section(key: str, letters: str, measure_it) -> None:
        """Run one section; a failure is recorded, and the others still run."""
        if not only & set(letters):
            return
        try:
            results[key] = measure_it()
        except (BuildFailed, OSError, subprocess.SubprocessError) as error:
            log(f"section {key} failed: {error}")
            results[key] = {"error": str(error)[-1500:]}
        # save as we go: a long run that fails late keeps what it measured
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")

    def real_html(name: str) -> Path:
        return Path(results.get("real", {}).get(f"{name}_html", work / "missing"))

    try:
        section("real", "abdf", lambda: bench_real(work, runs))
        if "error" not in results.get("real", {"error": ""}):
            section("page_weight", "d", lambda: {
                "edition": page_weight(real_html("edition") / f"{DOCUMENT}.html"),
                "plain": page_weight(real_html("plain") / f"{DOCUMENT}.html"),
                "fullsize": page_weight(build_fullsize(work) / f"{FULLSIZE_PAGE}.html"),
            })
            section("lighthouse", "f", lambda: {
                "edition": bench_lighthouse(real_html("edition"), work, 1 if quick else 3),
                "fullsize": bench_lighthouse(work / "fullsize-out" / "html", work,
                                             1 if quick else 3, FULLSIZE_PAGE)})
        section("scale", "c", lambda: bench_scale(work, sizes, plain_sizes))
        section("pdf", "e", lambda: bench_pdf(work, 1 if quick else 3))
        section("fixes", "g", lambda: bench_fixes(work, 1 if quick else 3))
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    results["load_after"] = measure.loadavg()
    results["total_seconds"] = round(time.perf_counter() - started, 1)
    results["targets"] = targets(results)
    args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    out = args.markdown or (ROOT / "BENCHMARKS.md" if full else BENCH / "results" / "latest.md")
    out.parent.mkdir(parents=True, exist_ok=True)
    text = markdown(results, charts_for(results, out))
    out.write_text(text, encoding="utf-8")
    print(text)
    log(f"done in {results['total_seconds']}s; wrote {args.json} and {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
