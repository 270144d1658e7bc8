"""Parallel and incremental builds of a 30-document collection
(tests/roots/test-collection, fixture text) give the same output as a
serial clean build: no data of a changed or removed document lingers."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
COLLECTION = Path(__file__).parent / "roots" / "test-collection"
#: files that record how a build ran, not what it made
VOLATILE = {".buildinfo"}


def sphinx(src: Path, out: Path, *options: str) -> str:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "extensions"), SOURCE_DATE_EPOCH="0")
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-W", "--keep-going", "-q",
         "-d", str(out / ".doctrees"), *options, str(src), str(out)],
        capture_output=True, text=True, env=env, timeout=600)
    assert result.returncode == 0, result.stderr
    return result.stderr


def search_index(data: bytes) -> bytes:
    """Sphinx prunes a removed document's words from the search index but
    keeps each word with an empty list; compare what the index finds."""
    text = data.decode("utf-8")
    prefix, _, rest = text.partition("(")
    index = json.loads(rest.rstrip().removesuffix(")"))
    for key in ("terms", "titleterms"):
        index[key] = {word: docs for word, docs in index[key].items() if docs != []}
    return json.dumps(index, sort_keys=True).encode()


def tree(out: Path) -> dict[str, bytes]:
    files = {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*"))
             if p.is_file() and ".doctrees" not in p.parts and p.name not in VOLATILE}
    if "searchindex.js" in files:
        files["searchindex.js"] = search_index(files["searchindex.js"])
    return files


def differences(a: dict[str, bytes], b: dict[str, bytes]) -> list[str]:
    return sorted(name for name in a.keys() | b.keys() if a.get(name) != b.get(name))


@pytest.fixture
def collection(tmp_path) -> Path:
    src = tmp_path / "src"
    shutil.copytree(COLLECTION, src)
    return src


@pytest.mark.slow
def test_parallel_build_equals_serial(collection, tmp_path):
    sphinx(collection, tmp_path / "j1", "-j", "1")
    sphinx(collection, tmp_path / "j2", "-j", "2")
    serial, parallel = tree(tmp_path / "j1"), tree(tmp_path / "j2")
    assert len([n for n in serial if n.endswith(".html")]) >= 32
    assert differences(serial, parallel) == []


@pytest.mark.slow
def test_incremental_build_equals_clean_build(collection, tmp_path):
    out = tmp_path / "incremental"
    sphinx(collection, out, "-j", "2")
    # an editor changes two documents and removes a third
    doc = collection / "docs" / "doc05.md"
    doc.write_text(doc.read_text().replace("Person 0 <person-0>", "Person 4 <person-4>")
                   .replace("Fixture document 5 paragraph 3", "Fixture document five, paragraph three"),
                   encoding="utf-8")
    doc = collection / "docs" / "doc09.md"
    doc.write_text(doc.read_text().replace("夹具文本第9篇第1段。\n", ""), encoding="utf-8")
    (collection / "docs" / "doc30.md").unlink()
    index = collection / "index.md"
    index.write_text(index.read_text().replace("docs/doc30\n", ""), encoding="utf-8")
    sphinx(collection, out, "-j", "2")
    sphinx(collection, tmp_path / "clean", "-E", "-j", "1")
    incremental, clean = tree(out), tree(tmp_path / "clean")
    # Sphinx leaves a removed document's own files in place (its page, its
    # source copy, its data exports); nothing links to them any more, and
    # everything else must match
    for name in [n for n in incremental if "doc30." in n]:
        incremental.pop(name)
    assert differences(incremental, clean) == []
