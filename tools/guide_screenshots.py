"""Make the editors' guide's screenshots from the FIXTURE project.

``make guide-screenshots`` (or ``python tools/guide_screenshots.py``) builds
``tests/roots/test-slot`` (FIXTURE text, placeholder names: never the
edition's text) as HTML and as PDF, and writes into ``source/images/guide/``:

* ``parallel-view.png``: the parallel text (interleaved reading mode) with
  the pointer on an English sentence and its Chinese counterparts
  highlighted, a page break of the printed source and the provenance line
  under each original;
* ``print.png``: the same units in the PDF, with the page number in the
  margin and the sentence pairs numbered.

The PNGs are committed, so the guide builds without this script; run it
again when the look of these parts changes. Needs Chromium (Playwright
drives the Debian package), TeX Live and poppler-utils.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "roots" / "test-slot"
TARGET = ROOT / "source" / "images" / "guide"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update"]


def sphinx(builder: str, out: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "extensions"))
    subprocess.run([sys.executable, "-m", "sphinx", "-b", builder, "-q", str(FIXTURE),
                    str(out / builder)], check=True, env=env)


def parallel_view(html: Path) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"),
                                             args=CHROMIUM_ARGS)
        # wide enough for the archive's notes to stand in the margin
        page = browser.new_page(viewport={"width": 1200, "height": 900},
                                color_scheme="light")
        page.goto((html / "doc.html").as_uri())
        # the interleaved reading mode: each original under its English, the
        # archive's notes in the margin beside them
        page.get_by_role("button", name="Interleaved").click()
        page.hover("#p2-en-s1")
        box = page.evaluate(
            """() => { const units = [document.getElementById("p1"),
                                      document.getElementById("p2")];
                 const notes = [...document.querySelectorAll("aside.footnote")];
                 const r = units.map(e => e.getBoundingClientRect());
                 const n = notes.map(e => e.getBoundingClientRect())
                                .filter(b => b.top < r[1].bottom);
                 return [Math.min(...r.map(b => b.left)) - 50,
                         r[0].top + scrollY - 12,
                         Math.max(...r.concat(n).map(b => b.right)) + 12,
                         r[1].bottom + scrollY + 12]; }""")
        left, top, right, bottom = box
        page.screenshot(path=str(TARGET / "parallel-view.png"),
                        clip={"x": left, "y": top, "width": min(right, 1200) - left,
                              "height": bottom - top})
        browser.close()


def print_view(latex: Path) -> None:
    subprocess.run(["latexmk", "-xelatex", "-interaction=nonstopmode", "-halt-on-error",
                    "fixture-slot.tex"], cwd=latex, check=True, capture_output=True)
    subprocess.run(["pdftoppm", "-png", "-r", "90", "-f", "1", "-l", "1",
                    "-x", "40", "-y", "455", "-W", "720", "-H", "215",
                    str(latex / "fixture-slot.pdf"), str(latex / "page")], check=True)
    shutil.copy(next(latex.glob("page*.png")), TARGET / "print.png")


def main() -> int:
    TARGET.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as temporary:
        out = Path(temporary)
        sphinx("html", out)
        parallel_view(out / "html")
        sphinx("latex", out)
        print_view(out / "latex")
    for path in sorted(TARGET.glob("*.png")):
        print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size // 1024} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
