"""Run locally the build commands Read the Docs runs for this project.

``make rtd`` (or ``python tools/readthedocs.py``) reads ``.readthedocs.yaml``
and runs, from the repository's top folder, the commands of
``build.jobs.build`` for HTML and for each entry of ``formats``, in a shell
with ``READTHEDOCS_OUTPUT`` pointing at ``_readthedocs/`` (as on Read the
Docs), and ``.venv/bin`` first on ``PATH`` so that ``python`` is the
project's. Then it checks what Read the Docs requires of the result: an
``index.html`` in ``html/``, and exactly one file in ``pdf/`` and in ``epub/``.

Read the Docs starts from a fresh clone; so does this, as far as it can: it
empties ``_readthedocs/`` and ``_build/rtd/`` first.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / ".readthedocs.yaml"
OUTPUT = ROOT / "_readthedocs"
SCRATCH = ROOT / "_build" / "rtd"


def formats(config: dict) -> list[str]:
    listed = config.get("formats", [])
    if listed == "all":
        listed = ["htmlzip", "pdf", "epub"]
    return ["html", *listed]


def check_output(built: list[str]) -> list[str]:
    """What Read the Docs would reject in ``_readthedocs/``."""
    problems = []
    if not (OUTPUT / "html" / "index.html").is_file():
        problems.append("html/index.html is missing")
    for name in built:
        if name == "html":
            continue
        files = sorted((OUTPUT / name).glob("*")) if (OUTPUT / name).is_dir() else []
        if len(files) != 1:
            problems.append(f"{name}/ must hold exactly one file, holds {len(files)}: "
                            f"{[f.name for f in files]}")
    return problems


def main() -> int:
    config = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    jobs = config.get("build", {}).get("jobs", {}).get("build", {})
    for folder in (OUTPUT, SCRATCH):
        shutil.rmtree(folder, ignore_errors=True)
    OUTPUT.mkdir(parents=True)
    scripts = ROOT / ".venv" / ("Scripts" if os.name == "nt" else "bin")  # make.bat rtd
    env = dict(os.environ, READTHEDOCS="True", READTHEDOCS_OUTPUT=str(OUTPUT),
               PATH=f"{scripts}{os.pathsep}{os.environ.get('PATH', '')}")
    built = formats(config)
    for name in built:
        if name not in jobs:
            print(f"error: .readthedocs.yaml lists {name!r} but has no build.jobs.build.{name}",
                  file=sys.stderr)
            return 1
        for command in jobs[name]:
            print(f"[rtd {name}] $ {command}", flush=True)
            result = subprocess.run(["bash", "-euo", "pipefail", "-c", command],
                                    cwd=ROOT, env=env)
            if result.returncode:
                print(f"error: the {name} build failed at: {command}", file=sys.stderr)
                return result.returncode
    problems = check_output(built)
    for problem in problems:
        print(f"error: _readthedocs/{problem}", file=sys.stderr)
    if not problems:
        print(f"Read the Docs output in {OUTPUT.relative_to(ROOT)}/: {', '.join(built)}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
