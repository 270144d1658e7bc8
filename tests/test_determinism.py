"""A parallel build (-j 2) writes every page byte for byte as a serial one (-j 1).

Every choice that spans documents follows a rule that does not depend on the
order in which parallel readers finish:

* a citation of an entry that several bibliographies list links to the
  bibliography on the citing page, else to the one on the page whose name
  sorts first (``edition.citation.roles.bibliography_for``), and
  sphinxcontrib-bibtex's bibliographies are taken in the order of their
  pages' names (``order_bibliographies``);
* the register of a kind is kept by the page whose name sorts first; another
  page that draws one is reported, once all pages are read
  (``edition.entities.registers``);
* the chronology, mentions and the edition's citation entries are sorted by
  document name.

Checked on the fixture collection (30 documents, FIXTURE text) with a second
bibliography and a second register, and on the collections that
``bench/generate.py`` makes from the real document (N = 10 and N = 100).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from test_collection_builds import COLLECTION, differences, tree

sys.path.insert(0, str(ROOT / "bench"))

from generate import generate  # noqa: E402

#: every test builds collections twice, in separate processes
pytestmark = pytest.mark.slow


def build(src: Path, out: Path, jobs: int, confdir: Path | None = None) -> list[str]:
    """Build with ``-j jobs`` (no -W: warnings are compared); return the warnings."""
    env = dict(os.environ, PYTHONPATH=str(ROOT / "extensions"), SOURCE_DATE_EPOCH="0")
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-n", "--keep-going", "-q",
               "-j", str(jobs), "-d", str(out / ".doctrees")]
    if confdir is not None:
        command += ["-c", str(confdir)]
    result = subprocess.run([*command, str(src), str(out)], capture_output=True, text=True,
                            env=env, timeout=1200)
    assert result.returncode == 0, result.stderr
    # Sphinx prints the warnings of parallel readers in the order they finish
    return sorted(line for line in result.stderr.splitlines() if "WARNING" in line)


def compare(src: Path, tmp_path: Path, confdir: Path | None = None) -> list[str]:
    serial = build(src, tmp_path / "j1", 1, confdir)
    parallel = build(src, tmp_path / "j2", 2, confdir)
    assert serial == parallel
    one, two = tree(tmp_path / "j1"), tree(tmp_path / "j2")
    assert len([name for name in one if name.endswith(".html")]) >= 10
    assert differences(one, two) == []
    return serial


def test_two_bibliographies_and_two_registers(tmp_path):
    src = tmp_path / "src"
    shutil.copytree(COLLECTION, src)
    # a second page lists the same entries, and a second page draws the
    # register of persons
    (src / "more-bibliography.md").write_text(
        "# More bibliography\n\n```{bibliography}\n:all:\n:list: bullet\n```\n",
        encoding="utf-8")
    (src / "more-registers.md").write_text(
        "# More registers\n\n:::{register} person\n:::\n", encoding="utf-8")
    index = src / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace(
        "chronology\n```", "chronology\nmore-bibliography\nmore-registers\n```"),
        encoding="utf-8")
    # the edition's own citation role, in a third of the documents
    for number in range(1, 31, 3):
        doc = src / "docs" / f"doc{number:02d}.md"
        doc.write_text(doc.read_text(encoding="utf-8").replace(
            "Fixture comment on the paragraph as a whole.",
            "Fixture comment on the paragraph as a whole, {citation}`fixturebook, 3-4`."),
            encoding="utf-8")
    warnings = compare(src, tmp_path)
    # the first page by name ("more-registers") keeps the register of persons;
    # the other is reported, and draws its other register only
    assert len(warnings) == 1
    assert re.search(r"registers\.md:3: WARNING: the register of person is already on "
                     r"page 'more-registers'", warnings[0])
    page = (tmp_path / "j1" / "docs" / "doc04.html").read_text(encoding="utf-8")
    # the citing page has no bibliography: the first page by name ("index") wins
    assert re.search(r'class="[^"]*citation-link[^"]*" href="\.\./index\.html#', page)
    registers = (tmp_path / "j1" / "registers.html").read_text(encoding="utf-8")
    assert "entity-person" not in registers and "entity-place" in registers
    assert "entity-person" in (tmp_path / "j1" / "more-registers.html").read_text(
        encoding="utf-8")


@pytest.mark.parametrize("count", [10, 100])
def test_generated_collection(count, tmp_path):
    generate(count, tmp_path / "src")
    compare(tmp_path / "src", tmp_path, confdir=ROOT)
