"""Fixtures shared by the edition's tests.

* Sphinx's own testing fixtures (``app``, ``make_app``) with fixture projects
  under ``tests/roots/test-<name>/``: ``@pytest.mark.sphinx("html",
  testroot="<name>")``.
* ``edition_build``: the real edition, built once per session with its real
  ``conf.py`` into a temporary folder, for each builder a test asks for.
* ``require_tool``: a test that needs an outside tool (TeX, Chromium, Java)
  skips with a visible reason on a developer's machine that lacks it and
  fails when ``CI=true``, so CI never passes by skipping.
"""

from __future__ import annotations

import io
import os
import shutil
import sys
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


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return TESTS / "roots"


def require_tool(*names: str) -> None:
    """Skip (or, under CI, fail) unless every named tool is found as `make doctor`
    finds it (on PATH; a browser also where macOS and Windows install it)."""
    missing = [name for name in names if which(name) is None]
    if missing:
        message = f"needs {', '.join(missing)} (see README: system packages)"
        if IN_CI:
            pytest.fail(f"CI lacks a tool the tests need: {message}")
        pytest.skip(message)


@dataclass
class Build:
    """A finished build of the real edition."""

    outdir: Path
    warnings: str
    app: object


def build_project(srcdir: Path, confdir: Path, outdir: Path, builder: str,
                  **overrides) -> Build:
    from sphinx.application import Sphinx
    from sphinx.testing.util import _clean_up_global_state

    warnings = io.StringIO()
    saved_path = sys.path[:]
    # docutils registers nodes and roles globally: start from a clean slate
    # as sphinx.testing does, or a second app in this process warns.
    _clean_up_global_state()
    try:
        app = Sphinx(
            srcdir=srcdir, confdir=confdir, outdir=outdir / builder,
            doctreedir=outdir / "doctrees" / builder, buildername=builder,
            confoverrides=overrides, status=io.StringIO(), warning=warnings,
            freshenv=True, keep_going=True,
        )
        app.build()
    finally:
        sys.path[:] = saved_path
        _clean_up_global_state()
    return Build(outdir / builder, warnings.getvalue(), app)


@pytest.fixture(scope="session")
def edition_build(tmp_path_factory):
    """``edition_build("html")`` -> the real edition built with that builder."""
    base = tmp_path_factory.mktemp("edition")
    builds: dict[str, Build] = {}

    def get(builder: str = "html") -> Build:
        if builder not in builds:
            builds[builder] = build_project(ROOT / "source", ROOT, base, builder)
        return builds[builder]

    return get


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
