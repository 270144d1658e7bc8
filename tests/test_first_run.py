"""The first run on a newcomer's machine: `make` and `make.bat` on every platform.

Both entry files hand every target to tools/edition_make.py; these tests hold
their target lists to its ``TARGETS``, run the script on the oldest Python it
promises to run on, and run the Makefile in a copy of the project with a PATH
that holds no Python 3.13 and no pyenv, so that the provisioning path runs:

* with a stand-in ``uv`` on PATH (no network needed): the Makefile provisions
  Python through it, says so in one line, and builds .venv on it; offline, it
  stops with this platform's install commands;
* with no uv at all, for real: uv comes from PyPI and downloads CPython where
  the network allows it; where it does not, the same commands are printed.
"""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import edition_make  # tools/, on the path through conftest
from conftest import IN_CI, ROOT, require_tool

NEED = edition_make.version_text(edition_make.required_python())


# -- The entry files --------------------------------------------------------------------

def makefile_targets() -> set[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8").replace("\\\n", " ")
    found = re.search(r"^TARGETS\s*:=(.*)$", text, re.M)
    assert found, "the Makefile has no TARGETS := ... line"
    return set(found.group(1).split())


def make_bat() -> str:
    return (ROOT / "make.bat").read_bytes().decode("ascii")


def make_bat_targets() -> set[str]:
    found = re.search(r"^set TARGETS=(.*)$", make_bat(), re.M)
    assert found, "make.bat has no set TARGETS=... line"
    return set(found.group(1).split())


def test_make_and_make_bat_list_the_same_targets():
    assert makefile_targets() == set(edition_make.TARGETS)
    assert make_bat_targets() == set(edition_make.TARGETS)


def test_both_entry_files_hand_every_target_to_the_script():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "$(TARGETS):" in makefile and "tools/edition_make.py $@" in makefile
    # no other rule: a target of its own would be logic outside the script
    rules = re.findall(r"^([A-Za-z$][^\s:=]*)\s*:(?!=)", makefile, re.M)
    assert rules == ["$(TARGETS)"], rules
    bat = make_bat()
    assert r"tools\edition_make.py %*" in bat


def test_make_bat_is_sound_batch():
    raw = (ROOT / "make.bat").read_bytes()
    # cmd.exe mis-reads labels in a file with bare LF line ends
    assert raw.count(b"\n") == raw.count(b"\r\n")
    bat = make_bat()
    labels = set(re.findall(r"^:(\w+)", bat, re.M))
    assert set(re.findall(r"\bgoto (\w+)", bat)) <= labels
    # the Python version it names is the one pyproject.toml requires
    assert set(re.findall(r"\b3\.(\d+)\b", bat)) <= {"8", NEED.split(".")[1]}
    assert f"--python {NEED}" in bat and f"Python.Python.{NEED}" in bat


def test_the_script_runs_on_python_3_8():
    source = (ROOT / "tools" / "edition_make.py").read_text(encoding="utf-8")
    ast.parse(source, feature_version=(3, 8))
    oldest = old_pythons()[0]
    result = subprocess.run([oldest, "tools/edition_make.py", "help"], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "make html" in result.stdout and "make doctor" in result.stdout
    result = subprocess.run([oldest, "tools/edition_make.py", "doctor"], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert "Traceback" not in result.stderr, result.stderr
    assert f"python >= {NEED}" in result.stdout


# -- A machine without Python 3.13 --------------------------------------------------------

def python_version(path: str) -> tuple[int, ...] | None:
    try:
        out = subprocess.run([path, "-c", "import sys; print(*sys.version_info[:2])"],
                             capture_output=True, text=True, timeout=60)
    except OSError:
        return None
    return tuple(map(int, out.stdout.split())) if out.returncode == 0 else None


def old_pythons() -> list[str]:
    """Pythons from 3.8 up to below the required one (Debian 12's, pyenv's), oldest first:
    the newcomer's Python that runs the Makefile's script."""
    need = edition_make.required_python()
    candidates = ["/usr/bin/python3"]
    pyenv_root = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv"))
    candidates += [str(p) for p in sorted((pyenv_root / "versions").glob("3.*/bin/python3"))]
    found = {}
    for path in candidates:
        version = python_version(path)
        if version and (3, 8) <= version < need:
            found.setdefault(version, path)
    if not found:
        message = f"needs a Python from 3.8 to below {NEED} (Debian 12's python3)"
        if IN_CI:
            pytest.fail(f"CI lacks a tool the tests need: {message}")
        pytest.skip(message)
    return [found[v] for v in sorted(found)]


STANDIN_UV = """#!/bin/sh
# A stand-in for uv (tests/test_first_run.py): logs its calls; `python install`
# "downloads" CPython by linking a real one, or fails as uv fails offline.
echo "$*" >> "$STANDIN_LOG"
case "$1" in --version) echo "uv 0.0.0-standin"; exit 0;; esac
case "$1 $2" in
  "python dir") echo "$STANDIN_DIR";;
  "python find")
    if [ -e "$STANDIN_DIR/python{need}" ]; then echo "$STANDIN_DIR/python{need}"; else
      echo "error: No interpreter found for Python {need} in managed installations" >&2; exit 2; fi;;
  "python install")
    if [ -n "$STANDIN_OFFLINE" ]; then
      echo "error: Failed to install cpython-{need}: dns error" >&2; exit 1; fi
    {mkdir} -p "$STANDIN_DIR" && {ln} -s "$STANDIN_PYTHON" "$STANDIN_DIR/python{need}";;
  *) echo "stand-in uv: unexpected $*" >&2; exit 3;;
esac
"""


def base_python() -> str:
    """A real Python of the required version, outside any venv (what uv would install)."""
    version = f"{sys.version_info[0]}.{sys.version_info[1]}"
    path = Path(sys.base_prefix) / "bin" / f"python{version}"
    assert path.is_file() and sys.version_info[:2] >= edition_make.required_python()
    return str(path)


@pytest.fixture
def newcomer(tmp_path):
    """A copy of the project's entry files on a machine whose PATH holds make, an old
    python3, and no Python 3.13, pyenv or uv; HOME is empty. Returns (project, bin, env)."""
    require_tool("make")
    project = tmp_path / "project"
    (project / "tools").mkdir(parents=True)
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy(ROOT / name, project / name)
    shutil.copy(ROOT / "tools" / "edition_make.py", project / "tools")
    # The pinned set without its packages (installing them takes minutes and is
    # what every `make html` does anyway); the uv pin stays for the bootstrap.
    pins = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    (project / "requirements.txt").write_text(
        "".join(line + "\n" for line in pins.splitlines() if line.startswith("uv==")),
        encoding="utf-8")
    bindir = tmp_path / "bin"
    bindir.mkdir()
    (bindir / "python3").symlink_to(old_pythons()[-1])
    (bindir / "make").symlink_to(shutil.which("make"))
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PYENV", "UV_", "VIRTUAL_ENV", "PYTHON", "MAKE"))
           and k != "CI"}  # a newcomer's machine, not CI (the tests that want CI set it)
    env.update(PATH=str(bindir), HOME=str(home),
               PIP_CACHE_DIR=str(Path.home() / ".cache" / "pip"),
               UV_PYTHON_INSTALL_DIR=str(tmp_path / "uv-python"),
               UV_CACHE_DIR=str(tmp_path / "uv-cache"))
    return project, bindir, env


def make(project: Path, env: dict, *args: str, timeout: int = 600):
    result = subprocess.run(["make", *args], cwd=project, env=env, capture_output=True,
                            text=True, timeout=timeout)
    assert "Traceback" not in result.stdout + result.stderr, result.stdout + result.stderr
    return result


def with_standin_uv(bindir: Path, env: dict, tmp_path: Path, offline: bool = False) -> Path:
    uv = bindir / "uv"
    # the PATH holds no coreutils: the stand-in names them by their full paths
    uv.write_text(STANDIN_UV.replace("{need}", NEED).replace("{mkdir}", shutil.which("mkdir"))
                  .replace("{ln}", shutil.which("ln")), encoding="utf-8")
    uv.chmod(0o755)
    log = tmp_path / "uv.log"
    env.update(STANDIN_LOG=str(log), STANDIN_DIR=str(tmp_path / "uv-python"),
               STANDIN_PYTHON=base_python())
    if offline:
        env["STANDIN_OFFLINE"] = "1"
    return log


def provisioning_line(output: str) -> str:
    lines = [line for line in output.splitlines()
             if line.startswith(f"Python {NEED}: none on PATH or in pyenv")]
    assert len(lines) == 1, output
    return lines[0]


@pytest.mark.slow
def test_first_run_provisions_python_with_uv(newcomer, tmp_path):
    project, bindir, env = newcomer
    log = with_standin_uv(bindir, env, tmp_path)
    result = make(project, env, "venv")
    assert result.returncode == 0, result.stdout + result.stderr
    # one line says what happens and where the Python comes from
    line = provisioning_line(result.stdout)
    assert "uv 0.0.0-standin (on PATH)" in line
    assert f"installs CPython {NEED}" in line and str(tmp_path / "uv-python") in line
    assert f"python install {NEED}" in log.read_text()
    # .venv is made on the provisioned Python, and the pinned set installed into it
    venv_python = project / ".venv" / "bin" / "python"
    assert python_version(str(venv_python))[:2] == edition_make.required_python()
    assert (project / ".venv" / ".installed").is_file()
    assert "-m pip install" in result.stdout and "requirements.txt" in result.stdout
    # the second run finds .venv and neither searches nor provisions
    calls = log.read_text()
    again = make(project, env, "venv")
    assert again.returncode == 0 and again.stdout == ""
    assert log.read_text() == calls
    # without .venv, the Python uv installed before serves again: no second download
    shutil.rmtree(project / ".venv")
    third = make(project, env, "venv")
    assert third.returncode == 0, third.stdout + third.stderr
    assert "; using the one uv 0.0.0-standin (on PATH) has: " in provisioning_line(third.stdout)
    assert log.read_text().count("python install") == 1


def test_first_run_offline_prints_the_platform_commands(newcomer, tmp_path):
    project, bindir, env = newcomer
    with_standin_uv(bindir, env, tmp_path, offline=True)
    result = make(project, env, "html")
    assert result.returncode != 0
    provisioning_line(result.stdout)
    assert f"uv could not download Python {NEED}" in result.stderr
    for line in edition_make.provision_help():
        assert line in result.stderr
    assert not (project / ".venv").exists()


@pytest.mark.slow
def test_first_run_for_real(newcomer, tmp_path):
    """No uv anywhere: the Makefile installs the pinned uv from PyPI into .tools/uv and
    asks it for CPython. Where the network gives it, .venv is built on it; where not
    (no download host reachable), the platform's commands are printed instead."""
    project, bindir, env = newcomer
    result = make(project, env, "venv", timeout=1800)
    output = result.stdout + result.stderr
    pin = edition_make.uv_pin()
    assert f"uv is not installed: installing uv=={pin} from PyPI into .tools/uv" in output
    if "could not install uv from PyPI" in output:
        assert result.returncode != 0
    else:
        line = provisioning_line(result.stdout)
        assert f"uv {pin} (installed into .tools/uv)" in line
    if result.returncode == 0:
        venv_python = project / ".venv" / "bin" / "python"
        assert python_version(str(venv_python))[:2] >= edition_make.required_python()
    else:
        for line in edition_make.provision_help():
            assert line in result.stderr, output


# -- doctor -------------------------------------------------------------------------------

def test_doctor_fails_only_for_what_the_target_needs(newcomer, tmp_path):
    project, bindir, env = newcomer
    (bindir / f"python{NEED}").symlink_to(base_python())
    result = make(project, env, "doctor")
    # every tool is listed, found or missing, with this platform's install command
    for tool in edition_make.TOOLS:
        assert re.search(rf"^  (found|MISSING|absent) +{re.escape(tool.name)} ",
                         result.stdout, re.M), tool.name
    assert re.search(r"^  MISSING +xelatex ", result.stdout, re.M)
    where = edition_make.platform()
    xelatex = next(t for t in edition_make.TOOLS if t.name == "xelatex")
    assert f"install: {edition_make.hint(xelatex, where)}" in result.stdout
    # html and test (the default question) have what they need: Python
    assert result.returncode == 0, result.stdout
    assert "make test: ready; without" in result.stdout
    latexpdf = make(project, env, "doctor", "TARGET=latexpdf")
    assert latexpdf.returncode != 0
    assert re.search(r"^make latexpdf: cannot run; missing: xelatex, latexmk, xindy",
                     latexpdf.stdout, re.M)
    # under CI the tests may skip nothing, so everything they use is needed
    strict = make(project, dict(env, CI="true"), "doctor", "TARGET=test")
    assert strict.returncode != 0 and "make test: cannot run" in strict.stdout


def test_doctor_names_a_node_too_old_for_the_validators(newcomer, tmp_path):
    """Debian 12's Node.js is 18; DAISY Ace needs 20: doctor says so, not "found"."""
    project, bindir, env = newcomer
    (bindir / f"python{NEED}").symlink_to(base_python())
    node = bindir / "node"
    node.write_text("#!/bin/sh\necho v18.19.0\n", encoding="utf-8")
    node.chmod(0o755)
    result = make(project, env, "doctor", "TARGET=test")
    assert re.search(r"^  MISSING +node +.*Node\.js v18\.19\.0; DAISY Ace .* needs 20 or newer",
                     result.stdout, re.M), result.stdout


def test_a_target_stops_naming_the_missing_tool(newcomer, tmp_path):
    project, bindir, env = newcomer
    result = make(project, env, "latexpdf")
    assert result.returncode != 0
    assert "error: `make latexpdf` needs what is missing here:" in result.stderr
    assert "xelatex (the PDF): xelatex not on PATH" in result.stderr
    # it stops before any work: no .venv made
    assert not (project / ".venv").exists()


def test_every_tool_has_an_install_command_for_every_platform():
    for tool in edition_make.TOOLS:
        assert set(tool.hints) == {"debian", "fedora", "macos", "windows"}, tool.name


def debian_packages(line: str) -> set[str]:
    words = line.split("apt-get install", 1)[1].split("(")[0].split("&&")[0].split()
    return {w for w in words if not w.startswith("-")}


def test_debian_install_lines_agree():
    """doctor's Debian hints, the README's install lines and .ci/run name the same packages."""
    hinted = set()
    for tool in edition_make.TOOLS:
        if "apt-get install" in tool.hints["debian"]:
            hinted |= debian_packages(tool.hints["debian"])
    hinted -= {"pipx", "make", "bash"}  # the bootstrap's and the shell's, not the targets'
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    lines = [line for line in readme.splitlines() if "sudo apt-get install" in line]
    in_readme = set().union(*(debian_packages(line) for line in lines))
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    listed = re.search(r"PACKAGES=\((.*?)\)", ci, re.S)
    in_ci = set(listed.group(1).split()) | set(re.findall(r"missing\+=\(([\w-]+)\)", ci))
    assert hinted <= in_readme, hinted - in_readme
    assert hinted <= in_ci, hinted - in_ci
    assert in_ci <= in_readme, in_ci - in_readme


def test_the_readme_gives_the_commands_the_script_prints():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for commands in edition_make.provision_commands().values():
        for _label, command in commands:
            assert f"`{command}`" in readme, command


UV_WHEELS = """uv-0.13.9-py3-none-linux_armv6l.whl
uv-0.13.9-py3-none-macosx_10_12_x86_64.whl
uv-0.13.9-py3-none-macosx_11_0_arm64.whl
uv-0.13.9-py3-none-manylinux_2_17_aarch64.manylinux2014_aarch64.musllinux_1_1_aarch64.whl
uv-0.13.9-py3-none-manylinux_2_17_x86_64.manylinux2014_x86_64.whl
uv-0.13.9-py3-none-manylinux_2_28_aarch64.whl
uv-0.13.9-py3-none-musllinux_1_1_x86_64.whl
uv-0.13.9-py3-none-win32.whl
uv-0.13.9-py3-none-win_amd64.whl
uv-0.13.9-py3-none-win_arm64.whl""".split()


@pytest.mark.parametrize(("family", "machine", "expected"), [
    ("manylinux", "x86_64", ["manylinux_2_17_x86_64.manylinux2014_x86_64"]),
    ("manylinux", "aarch64", ["manylinux_2_17_aarch64.manylinux2014_aarch64.musllinux_1_1_aarch64",
                              "manylinux_2_28_aarch64"]),
    ("musllinux", "x86_64", ["musllinux_1_1_x86_64"]),
    ("macosx", "arm64", ["macosx_11_0_arm64"]),
    ("macosx", "x86_64", ["macosx_10_12_x86_64"]),
    ("win", "amd64", ["win_amd64"]),
    ("win32", "", ["win32"]),
])
def test_the_uv_wheel_for_each_platform(family, machine, expected):
    """PyPI's file names for uv 0.13.9: the one a pip-less Python fetches on each platform."""
    fitting = [name for name in UV_WHEELS if edition_make.wheel_fits(name, family, machine)]
    assert fitting == [f"uv-0.13.9-py3-none-{tag}.whl" for tag in expected]


def test_a_python_without_pip_fetches_uv_from_pypi(tmp_path):
    """Debian's python3 without python3-pip: the pinned uv's wheel from PyPI's simple
    index, its sha256 checked, its binary unpacked and run."""
    pin = edition_make.uv_pin()
    try:
        edition_make.download_uv(pin, tmp_path)
    except OSError as error:  # no route to PyPI
        if IN_CI:
            pytest.fail(f"CI cannot reach PyPI: {error}")
        pytest.skip(f"PyPI not reachable: {error}")
    (uv,) = (tmp_path / "bin").iterdir()
    version = subprocess.run([str(uv), "--version"], capture_output=True, text=True)
    assert version.stdout.split()[:2] == ["uv", pin]
