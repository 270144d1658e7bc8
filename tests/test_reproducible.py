"""Reproducible builds: with SOURCE_DATE_EPOCH set, two clean builds of the
same sources give byte-identical HTML, EPUB and PDF.

For the PDF only the ``.pdf`` is compared (TeX's log and auxiliary files name
the build folder and the time of the run); the PDF itself may differ in
nothing: TeX Live and the edition's XMP metadata take their dates, and the
document ID, from SOURCE_DATE_EPOCH.

The first build is the session's build of the real edition (conftest's
``edition_build`` and ``edition_pdf``, dated by SOURCE_DATE_EPOCH, built in
the test process with one reader and its random hash seed); the second runs
as a separate ``sphinx-build -W -n`` process with another hash seed (so set
and dict ordering that depends on it shows), in another folder (so absolute
paths that leak show), with two parallel readers (so the order in which
parallel results are merged shows).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path
from zipfile import ZipFile

import pytest

from conftest import EPOCH, ROOT, require_tool

#: each case runs a second, separate build of the real edition
pytestmark = pytest.mark.slow


def build(builder: str, out: Path, seed: str, jobs: str) -> Path:
    env = dict(os.environ, SOURCE_DATE_EPOCH=str(EPOCH), PYTHONHASHSEED=seed)
    options = ["-c", str(ROOT), "-W", "-n", "--keep-going", "-q", "-E", "-j", jobs]
    if builder == "latexpdf":
        require_tool("xelatex", "latexmk", "make")
        command = ["-M", "latexpdf", str(ROOT / "source"), str(out), *options]
    else:
        command = ["-b", builder, *options, "-d", str(out / "doctrees"),
                   str(ROOT / "source"), str(out / builder)]
    result = subprocess.run([sys.executable, "-m", "sphinx", *command], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    return out / ("latex" if builder == "latexpdf" else builder)


def tree(folder: Path, builder: str) -> dict[str, bytes]:
    files = folder.glob("*.pdf") if builder == "latexpdf" else folder.rglob("*")
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(files) if p.is_file()}


@pytest.fixture(scope="module", params=["html", "epub",
                                        pytest.param("latexpdf", marks=pytest.mark.tex)])
def two_builds(request, edition_build, tmp_path_factory):
    if request.param == "latexpdf":
        first = request.getfixturevalue("edition_pdf").outdir
    else:
        first = edition_build(request.param).outdir
    # a hash seed other than the test process's
    seed = "2" if os.environ.get("PYTHONHASHSEED") != "2" else "3"
    second = build(request.param, tmp_path_factory.mktemp(f"reproducible-{request.param}"),
                   seed=seed, jobs="2")
    return request.param, first, second


def test_two_builds_are_byte_identical(two_builds):
    builder, first, second = two_builds
    one, two = tree(first, builder), tree(second, builder)
    assert sorted(one) == sorted(two)
    differing = [name for name in one if one[name] != two[name]]
    assert differing == [], f"{builder} files that differ between two builds: {differing}"


def test_builds_are_dated_by_source_date_epoch(two_builds):
    builder, first, _ = two_builds
    day = time.strftime("%Y-%m-%d", time.gmtime(EPOCH))
    if builder == "html":
        assert f"Built {day}." in (first / "117033.html").read_text(encoding="utf-8")
    elif builder == "latexpdf":
        require_tool("pdfinfo")
        (pdf,) = first.glob("*.pdf")
        info = subprocess.run(["pdfinfo", "-isodates", str(pdf)], capture_output=True,
                              text=True, check=True).stdout
        assert re.search(rf"CreationDate:\s+{day}T", info), info
    else:
        (epub,) = first.glob("*.epub")
        with ZipFile(epub) as archive:
            assert {info.date_time for info in archive.infolist()} == {
                tuple(time.gmtime(EPOCH)[:6])}
            assert f"<dc:date>{day}T" in archive.read("content.opf").decode()
