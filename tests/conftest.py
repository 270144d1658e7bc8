"""Fixtures shared by the edition's tests.

* Sphinx's own testing fixtures (``app``, ``make_app``) with fixture projects
  under ``tests/roots/test-<name>/``: ``@pytest.mark.sphinx("html",
  testroot="<name>")``.
* :func:`build_project`: THE way a test builds a project in-process (the
  real edition, a copy of it, a fixture root, a generated project): one
  Sphinx application, its warnings and printed output captured, docutils'
  global registries cleaned before and after.
* ``edition_build``: the real edition, built once per session with its real
  ``conf.py`` into a temporary folder, for each builder a test asks for;
  ``edition_pdf``: its PDF, compiled once per session from that LaTeX as
  ``make latexpdf`` does. Both are dated by ``SOURCE_DATE_EPOCH`` (:data:`EPOCH`),
  as a release build is, so tests/test_reproducible.py compares them with a
  second, separate build instead of building twice more.
* ``require_tool``: a test that needs an outside tool (TeX, Chromium, Java)
  skips with a visible reason on a developer's machine that lacks it and
  fails when ``CI=true``, so CI never passes by skipping.
* Markers (registered in pyproject.toml, ``--strict-markers``): ``tex``,
  ``browser``, ``slow``, ``acceptance``. A test that asks for the
  ``browser`` fixture is marked ``browser``, one that asks for ``edition_pdf``
  ``tex``, one that reads the real edition (``edition_build``,
  ``edition_pdf``) ``acceptance``; any other test that calls
  ``require_tool`` for TeX or a browser must carry the marker itself, or
  require_tool fails it, so ``make test-quick`` (``-m "not tex and not
  browser and not slow"``) never starts TeX or Chromium.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TESTS = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "extensions"))
sys.path.insert(0, str(TESTS))
sys.path.insert(0, str(ROOT / "tools"))

# `make doctor`'s own lookup: what it reports found is what no test skips for
from edition_make import which  # noqa: E402

pytest_plugins = ("sphinx.testing.fixtures",)

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}

#: the date of the session's builds of the real edition (2023-11-14T22:13:20Z)
EPOCH = 1700000000

#: a tool -> the marker every test that needs it carries
TOOL_MARKERS = {"xelatex": "tex", "latexmk": "tex", "xindy": "tex", "chromium": "browser"}
#: a fixture -> the markers every test that uses it (even through another fixture) gets
FIXTURE_MARKERS = {
    "browser": ("browser",),
    "edition_pdf": ("tex", "acceptance"),
    "edition_build": ("acceptance",),
}

#: the test being set up or run (require_tool checks its markers)
_running: list = [None]


def pytest_collection_modifyitems(items) -> None:
    for item in items:
        for fixture, markers in FIXTURE_MARKERS.items():
            if fixture in item.fixturenames:
                for marker in markers:
                    item.add_marker(marker)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item) -> None:
    _running[0] = item


@pytest.hookimpl(trylast=True)
def pytest_runtest_teardown(item) -> None:
    _running[0] = None


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return TESTS / "roots"


def require_tool(*names: str) -> None:
    """Skip (or, under CI, fail) unless every named tool is found as `make doctor`
    finds it (on PATH; a browser also where macOS and Windows install it).

    A test that needs TeX or a browser must be marked ``tex`` / ``browser``
    (or use a fixture that marks it): the quick subset relies on it."""
    item = _running[0]
    if item is not None:
        unmarked = sorted({TOOL_MARKERS[name] for name in names if name in TOOL_MARKERS}
                          - {marker.name for marker in item.iter_markers()})
        if unmarked:
            pytest.fail(f"{item.nodeid} needs {', '.join(names)}: mark it "
                        + ", ".join(f"@pytest.mark.{m}" for m in unmarked))
    missing = [name for name in names if which(name) is None]
    if missing:
        message = f"needs {', '.join(missing)} (see README: system packages)"
        if IN_CI:
            pytest.fail(f"CI lacks a tool the tests need: {message}")
        pytest.skip(message)


@dataclass
class Build:
    """A finished build: its output folder, its warnings (escape sequences
    stripped), the application, what it printed, and its exit status (1 when
    a strict build warned, as ``sphinx-build -W --keep-going`` exits)."""

    outdir: Path
    warnings: str
    app: object
    printed: str = ""
    statuscode: int = 0


def build_project(srcdir: Path, confdir: Path | None, outdir: Path, builder: str, *,
                  fresh: bool = True, strict: bool = False, parallel: int = 0,
                  connect: dict | None = None, **overrides) -> Build:
    """Build *srcdir* with *builder* into ``outdir/builder`` (doctrees in
    ``outdir/doctrees/builder``), as ``sphinx-build -b builder [-E] [-W
    --keep-going] [-j parallel]`` would; *overrides* are ``-D`` settings,
    *connect* maps an event to a handler. Every in-process build of the tests
    goes through here."""
    from sphinx.application import Sphinx
    from sphinx.testing.util import _clean_up_global_state
    from sphinx.util.console import strip_escape_sequences

    warnings, printed = io.StringIO(), io.StringIO()
    saved_path = sys.path[:]
    # docutils registers nodes and roles globally: start from a clean slate
    # as sphinx.testing does, or a second app in this process warns.
    _clean_up_global_state()
    try:
        app = Sphinx(
            srcdir=srcdir, confdir=confdir, outdir=outdir / builder,
            doctreedir=outdir / "doctrees" / builder, buildername=builder,
            confoverrides=overrides, status=printed, warning=warnings,
            freshenv=fresh, warningiserror=strict, keep_going=True, parallel=parallel,
        )
        for event, handler in (connect or {}).items():
            app.connect(event, handler)
        app.build()
    finally:
        sys.path[:] = saved_path
        _clean_up_global_state()
    return Build(outdir / builder, strip_escape_sequences(warnings.getvalue()), app,
                 printed.getvalue(), app.statuscode)


#: the address the tests that need one build the real edition with
BASEURL = "https://example.org/edition/"


@pytest.fixture(scope="session")
def edition_build(tmp_path_factory):
    """``edition_build("html")`` -> the real edition built with that builder,
    once per session (per worker under pytest-xdist), dated :data:`EPOCH`;
    ``edition_build("html", html_baseurl=BASEURL)``: with those settings, once
    per session too."""
    builds: dict[tuple, Build] = {}

    def get(builder: str = "html", **overrides) -> Build:
        key = (builder, *sorted(overrides.items()))
        if key not in builds:
            base = tmp_path_factory.mktemp("edition-overrides" if overrides else "edition")
            with pytest.MonkeyPatch.context() as patch:
                patch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
                builds[key] = build_project(ROOT / "source", ROOT, base, builder, **overrides)
        return builds[key]

    return get


#: what compiling the real edition's PDF needs
PDF_TOOLS = ("xelatex", "latexmk", "xindy", "pdftotext", "pdffonts", "pdfinfo")


@dataclass
class PdfBuild:
    outdir: Path
    tex: Path
    pdf: Path
    log: str
    meta: object
    config: object


def run_latexmk(outdir: Path, **env: str) -> None:
    """The generated Makefile's PDF target (latexmk, xelatex, xindy), as
    ``make latexpdf`` runs it."""
    result = subprocess.run(["make", "-C", str(outdir), "all-pdf", "LATEXMKOPTS=-silent"],
                            capture_output=True, text=True, timeout=600,
                            env=dict(os.environ, **env))
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


def made_once(tmp_path_factory, name: str, make) -> Path:
    """The folder ``make(folder)`` fills, once per test run even under
    pytest-xdist: the first worker to ask makes it, the others wait for it
    and read it (a folder created is the lock: atomic on every platform)."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # the run's folder, above the workers' own
    folder, done, failed = base / name, base / f"{name}.done", base / f"{name}.failed"
    try:
        (base / f"{name}.lock").mkdir()
    except FileExistsError:
        deadline = time.monotonic() + 1200
        while not (done.exists() or failed.exists()):
            if time.monotonic() > deadline:
                pytest.fail(f"another worker did not finish {name} in 20 minutes")
            time.sleep(0.5)
        if failed.exists():
            pytest.fail(f"{name} failed in another worker: {failed.read_text()}")
        return folder
    try:
        make(folder)
    except BaseException as error:
        failed.write_text(f"{type(error).__name__}: {error}"[:3000], encoding="utf-8")
        raise
    done.touch()
    return folder


@pytest.fixture(scope="session")
def edition_pdf(edition_build, tmp_path_factory) -> PdfBuild:
    """The real edition's PDF, compiled once per test run (``make latexpdf``'s
    way; under pytest-xdist by one worker for all) from
    ``edition_build("latex")``. Read it; to change it, copy its folder first
    (tests/test_pdf.py's compile_copy)."""
    require_tool(*PDF_TOOLS)
    build = edition_build("latex")
    assert build.warnings == ""

    def make(folder: Path) -> None:
        shutil.copytree(build.outdir, folder)
        run_latexmk(folder, SOURCE_DATE_EPOCH=str(EPOCH))

    outdir = made_once(tmp_path_factory, "edition-pdf", make)
    (tex,) = outdir.glob("*.tex")
    pdf = tex.with_suffix(".pdf")
    meta = build.app.env.get_domain("edition").documents["117033"]
    return PdfBuild(outdir, tex, pdf, tex.with_suffix(".log").read_text(errors="replace"),
                    meta, build.app.config)


@pytest.fixture(scope="session")
def fullsize_html(tmp_path_factory) -> Path:
    """The full-size FIXTURE (tests/roots/test-fullsize) built once: its HTML folder."""
    build = build_project(TESTS / "roots" / "test-fullsize", TESTS / "roots" / "test-fullsize",
                          tmp_path_factory.mktemp("fullsize"), "html")
    assert build.warnings == ""
    return build.outdir


@pytest.fixture
def project_copy(tmp_path):
    """A copy of the real project (sources, conf, bib) to mutate in a test."""
    for name in ("source", "bib", "extensions"):
        shutil.copytree(ROOT / name, tmp_path / name,
                        ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "conf.py", tmp_path / "conf.py")
    return tmp_path


CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
ARTIFACTS = TESTS / "artifacts"


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium driven by Playwright (no browser download)."""
    require_tool("chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=which("chromium"), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def artifacts() -> Path:
    """Folder for screenshots a test saves for a person to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def pytest_terminal_summary(terminalreporter) -> None:
    """``make test`` ends by listing the responsibility values (editors,
    publisher, licence) that conf.py leaves unset: the edition says plainly
    that they are not named, and an editor should know it (issue 13)."""
    import runpy
    import types

    try:
        from edition.citation import responsibility

        conf = runpy.run_path(str(ROOT / "conf.py"))
    except Exception as error:  # conf.py cannot be read: the builds say why
        terminalreporter.write_line(f"responsibility: conf.py not read ({error})")
        return
    values = types.SimpleNamespace(**{name: conf.get(name, "") for name in responsibility.VALUES})
    unset = responsibility.unset(values)
    terminalreporter.write_sep("-", "the edition's responsibility (conf.py)")
    if unset:
        terminalreporter.write_line(
            "unset: " + ", ".join(unset) + " (every output says so plainly; set them in "
            "conf.py when they are known)")
    else:
        terminalreporter.write_line("editors, publisher and licence are set")
