"""Read the Docs: `.readthedocs.yaml` is well formed and `make rtd` builds what it would."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, require_tool

CANONICAL = "https://zhou-enlai-117033.readthedocs.io/en/latest/"


@pytest.fixture(scope="module")
def config() -> dict:
    return yaml.safe_load((ROOT / ".readthedocs.yaml").read_text(encoding="utf-8"))


def test_config_overrides_each_format_it_lists(config):
    assert config["version"] == 2
    jobs = config["build"]["jobs"]["build"]
    assert set(jobs) == {"html", "pdf", "epub"}
    assert set(config["formats"]) == {"pdf", "epub"}
    for name in ("html", "pdf", "epub"):
        commands = " ; ".join(jobs[name])
        assert f"$READTHEDOCS_OUTPUT/{name}" in commands
        assert "-c . " in commands and " source " in commands, "conf.py at the top, documents in source/"
        assert "-W" in commands, "Read the Docs builds must be as strict as local ones"
    assert config["python"]["install"] == [{"requirements": "requirements.txt"}]


#: what .ci/run installs for the tests alone, not for building the outputs
TEST_ONLY_PACKAGES = {"poppler-utils", "chromium", "default-jre-headless", "nodejs", "npm",
                      "jing"}  # jing validates the TEI in the tests only


def ci_packages() -> set[str]:
    """The Debian packages of the PACKAGES=( ... ) list in .ci/run."""
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    listed = re.search(r"PACKAGES=\((.*?)\)", script, re.S)
    assert listed, ".ci/run has no PACKAGES=( ... ) list"
    return set(listed.group(1).split())


def test_read_the_docs_installs_what_ci_builds_with(config):
    """The PDF needs the same TeX and fonts on Read the Docs as in CI."""
    assert "texlive-xetex" in config["build"]["apt_packages"]
    assert ci_packages() - TEST_ONLY_PACKAGES <= set(config["build"]["apt_packages"])


@pytest.fixture(scope="module")
def rtd_output() -> Path:
    require_tool("make", "xelatex", "latexmk")
    env = dict(os.environ, READTHEDOCS_CANONICAL_URL=CANONICAL)
    result = subprocess.run(["make", "rtd"], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=900)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "WARNING" not in result.stderr
    return ROOT / "_readthedocs"


@pytest.mark.tex
@pytest.mark.slow
def test_make_rtd_builds_every_format(rtd_output):
    assert (rtd_output / "html" / "117033.html").is_file()
    (pdf,) = (rtd_output / "pdf").iterdir()
    assert pdf.suffix == ".pdf" and pdf.read_bytes().startswith(b"%PDF")
    (epub,) = (rtd_output / "epub").iterdir()
    assert epub.suffix == ".epub" and epub.read_bytes()[30:58] == b"mimetypeapplication/epub+zip"


@pytest.mark.tex
@pytest.mark.slow
def test_html_baseurl_follows_read_the_docs(rtd_output):
    page = (rtd_output / "html" / "117033.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{CANONICAL}117033.html">' in page
