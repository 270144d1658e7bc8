"""The edition's commands, the same on every platform.

``make TARGET`` (Linux, macOS) and ``make.bat TARGET`` (Windows) both run
``python tools/edition_make.py TARGET [NAME=value ...]``: the logic of every
target lives here, once, so that the two entry files cannot drift
(tests/test_first_run.py holds their target lists to ``TARGETS`` below).

What it does before a build:

* finds a Python of the version ``pyproject.toml`` requires (``PYTHON=...``,
  then the Python running this file, then ``PATH``, then pyenv), and where
  there is none, provisions one with uv (``uv python install``; uv itself is
  installed from PyPI into ``.tools/uv`` when it is not on ``PATH``);
* creates ``.venv`` with it and installs the pinned ``requirements.txt``
  (again whenever that file changes);
* checks the system tools the target needs (``doctor`` lists them all, with
  the install command for this platform).

This file is the bootstrap, so it runs on any Python 3.8 or newer and uses
the standard library only: it must work before ``.venv`` exists, on the
Python 3.9 of macOS or the 3.11 of Debian 12.
"""

from __future__ import annotations

import io
import os
import platform as platform_module
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Callable, Dict, List, NamedTuple, Optional, Sequence, Tuple

ROOT = Path(__file__).resolve().parent.parent
SOURCEDIR = "source"
BUILDDIR = "_build"
VENV = ROOT / ".venv"
STAMP = VENV / ".installed"
REQUIREMENTS = ROOT / "requirements.txt"
TOOLS_DIR = ROOT / ".tools"
UV_DIR = TOOLS_DIR / "uv"
WINDOWS = os.name == "nt"
MAKE = "make.bat" if WINDOWS else "make"
DEFAULT_SPHINXOPTS = "-W -n --keep-going"

#: The module behind ``status``.
STATUS_MODULE = "edition.status"
#: The modules behind the transcription commands (issue 17; see HOOK below).
TRANSCRIPTION_MODULE = "edition.transcription"
ALIGNMENT_MODULE = "edition.text.sentences"


class Stop(Exception):
    """A target cannot go on; the message says why and what to do."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


def say(line: str = "") -> None:
    print(line, flush=True)


def shown(cmd: Sequence[str]) -> str:
    """A command as the user could type it, with paths inside the project relative."""
    parts = []
    for part in cmd:
        part = str(part)
        try:
            part = str(Path(part).relative_to(ROOT)) if os.path.isabs(part) else part
        except ValueError:
            pass
        parts.append(part)
    return subprocess.list2cmdline(parts) if WINDOWS else " ".join(shlex.quote(p) for p in parts)


def run(cmd: Sequence[str], env: Optional[Dict[str, str]] = None, check: bool = True) -> int:
    """Echo a command as make does, run it from the project's root."""
    say(shown(cmd))
    code = subprocess.call([str(c) for c in cmd], cwd=str(ROOT), env=env)
    if code and check:
        raise Stop("", code)
    return code


# -- Settings ------------------------------------------------------------------------

class Settings(NamedTuple):
    python: str
    sphinxopts: List[str]
    target: List[str]
    file: str
    in_ci: bool
    #: another project to report on (``status ROOT=tests/roots/test-fullsize``)
    root: str


def settings_from(assignments: Dict[str, str]) -> Settings:
    """NAME=value arguments (make.bat's way; make passes its variables in the
    environment), then the environment."""
    def get(name: str, default: str = "") -> str:
        return assignments.get(name, os.environ.get(name, default))

    return Settings(
        python=get("PYTHON"),
        sphinxopts=shlex.split(get("SPHINXOPTS", DEFAULT_SPHINXOPTS), posix=not WINDOWS),
        target=get("TARGET").replace(",", " ").split(),
        file=get("FILE"),
        in_ci=get("CI").lower() in {"1", "true", "yes"},
        root=get("ROOT"),
    )


# -- The platform ---------------------------------------------------------------------

def platform() -> str:
    """``debian``, ``fedora``, ``linux`` (another distribution), ``macos`` or ``windows``."""
    if WINDOWS:
        return "windows"
    if sys.platform == "darwin":
        return "macos"
    try:
        text = Path("/etc/os-release").read_text(encoding="utf-8")
    except OSError:
        return "linux"
    ids = set()
    for line in text.splitlines():
        key, _, value = line.partition("=")
        if key in ("ID", "ID_LIKE"):
            ids.update(value.strip().strip('"').split())
    if ids & {"debian", "ubuntu"}:
        return "debian"
    if ids & {"fedora", "rhel", "centos"}:
        return "fedora"
    return "linux"


PLATFORM_NAMES = {"debian": "Debian/Ubuntu", "fedora": "Fedora", "linux": "Linux",
                  "macos": "macOS", "windows": "Windows"}


# -- Python ---------------------------------------------------------------------------

def required_python() -> Tuple[int, int]:
    """The minimum of ``requires-python`` in pyproject.toml: the one place it is set."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    found = re.search(r'^requires-python\s*=\s*">=\s*(\d+)\.(\d+)"', text, re.M)
    if not found:
        raise Stop("error: pyproject.toml has no requires-python = \">=X.Y\"")
    return int(found.group(1)), int(found.group(2))


def uv_pin() -> str:
    """uv's pinned version, from requirements.txt (the one pinned set)."""
    found = re.search(r"^uv==(\S+)", REQUIREMENTS.read_text(encoding="utf-8"), re.M)
    if not found:
        raise Stop("error: requirements.txt pins no uv==...")
    return found.group(1)


PROBE = "import sys; print('%d.%d.%d' % sys.version_info[:3]); print(sys.executable)"


def probe(cmd: Sequence[str]) -> Optional[Tuple[Tuple[int, ...], str]]:
    """(version, sys.executable) of a Python command, or None if it does not run."""
    try:
        out = subprocess.run(list(cmd) + ["-c", PROBE], capture_output=True, text=True,
                             timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    lines = out.stdout.split()
    if out.returncode or len(lines) < 2:
        return None
    return tuple(int(n) for n in lines[0].split(".")), " ".join(lines[1:])


def version_text(version: Sequence[int]) -> str:
    return ".".join(str(n) for n in version)


def pyenv_pythons() -> List[str]:
    """The Pythons pyenv holds, newest first (pyenv, or pyenv-win on Windows)."""
    pyenv = shutil.which("pyenv")
    if not pyenv:
        return []
    try:
        root = subprocess.run([pyenv, "root"], capture_output=True, text=True,
                              timeout=60).stdout.strip()
        names = subprocess.run([pyenv, "versions", "--bare"], capture_output=True,
                               text=True, timeout=60).stdout.split()
    except (OSError, subprocess.SubprocessError):
        return []

    def key(name: str) -> Tuple[int, ...]:
        return tuple(int(n) for n in re.findall(r"\d+", name)[:3])

    found = []
    for name in sorted(names, key=key, reverse=True):
        for exe in ("bin/python3", "python.exe"):
            path = Path(root) / "versions" / name / exe
            if path.is_file():
                found.append(str(path))
                break
    return found


def find_python(settings: Settings) -> Optional[Tuple[str, str]]:
    """(path, where it was found) of a Python new enough, without provisioning.

    PYTHON=... first; then the Python running this file; then PATH
    (python3.N, python3, python, and the py launcher on Windows); then pyenv.
    """
    need = required_python()
    if settings.python:
        got = probe([settings.python])
        if got is None:
            raise Stop(f"error: PYTHON={settings.python} does not run")
        if got[0][:2] < need:
            raise Stop(f"error: PYTHON={settings.python} is Python {version_text(got[0])}; "
                       f"{version_text(need)} or newer is needed")
        return got[1], "PYTHON="
    if sys.version_info[:2] >= need:
        return sys.executable, "the Python running this command"
    names = [f"python3.{minor}" for minor in range(need[1] + 10, need[1] - 1, -1)]
    candidates: List[Tuple[List[str], str]] = [([n], "PATH") for n in names + ["python3", "python"]
                                               if shutil.which(n)]
    if WINDOWS and shutil.which("py"):
        candidates += [(["py", f"-3.{minor}"], "the py launcher")
                       for minor in range(need[1] + 10, need[1] - 1, -1)]
    candidates += [([path], "pyenv") for path in pyenv_pythons()]
    for cmd, origin in candidates:
        got = probe(cmd)
        if got and got[0][:2] >= need:
            return got[1], origin
    return None


# -- Provisioning with uv ---------------------------------------------------------------

def local_uv() -> Optional[str]:
    for sub in ("bin/uv", "Scripts/uv.exe", "bin/uv.exe"):
        if (UV_DIR / sub).is_file():
            return str(UV_DIR / sub)
    return None


def find_uv() -> Optional[Tuple[str, str]]:
    """(path, where) of a uv: on PATH, where pipx and uv's installer put it
    (~/.local/bin, often not on PATH yet), or installed into .tools/uv before."""
    on_path = shutil.which("uv")
    if on_path:
        return on_path, "on PATH"
    for place in (Path.home() / ".local" / "bin", Path.home() / ".cargo" / "bin"):
        for name in ("uv.exe", "uv") if WINDOWS else ("uv",):
            if (place / name).is_file():
                return str(place / name), f"in {place}"
    local = local_uv()
    if local:
        return local, f"in {UV_DIR.relative_to(ROOT)}"
    return None


def install_uv() -> str:
    """Install the pinned uv from PyPI into .tools/uv with the Python running this.

    ``pip install --target`` works with any Python that has pip, also where
    PEP 668 forbids installing into the system's Python (Debian, Ubuntu,
    Homebrew), and it honours the user's pip configuration (index, proxy).
    A Python without pip (Debian's python3 without python3-pip) fetches the
    wheel itself: see ``download_uv``.
    """
    pin = uv_pin()
    say(f"uv is not installed: installing uv=={pin} from PyPI into {UV_DIR.relative_to(ROOT)}")
    shutil.rmtree(str(UV_DIR), ignore_errors=True)
    if probe_module(sys.executable, "pip"):
        # PIP_ROOT_USER_ACTION: no warning when root runs it (CI); older pips ignore it
        run([sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
             "--target", str(UV_DIR), f"uv=={pin}"],
            env=dict(os.environ, PIP_ROOT_USER_ACTION="ignore"), check=False)
    else:
        try:
            download_uv(pin, UV_DIR)
        except (OSError, ValueError) as error:
            say(f"could not fetch uv's wheel: {error}")
    found = local_uv()
    if not found:
        raise Stop("\n".join(["error: could not install uv from PyPI (no network?)."]
                              + provision_help()))
    return found


def uv_wheel_platforms() -> List[Tuple[str, str]]:
    """(family, machine) of the wheel platform tags that run here, best first."""
    machine = platform_module.machine().lower()
    if WINDOWS:
        return {"amd64": [("win", "amd64")], "x86_64": [("win", "amd64")],
                "arm64": [("win", "arm64"), ("win", "amd64")]}.get(machine, [("win32", "")])
    if sys.platform == "darwin":
        return [("macosx", "arm64" if machine == "arm64" else "x86_64")]
    machine = {"arm64": "aarch64", "amd64": "x86_64"}.get(machine, machine)
    return [("manylinux" if platform_module.libc_ver()[0] == "glibc" else "musllinux", machine)]


def wheel_fits(filename: str, family: str, machine: str) -> bool:
    """Whether a wheel's platform tags (``...-py3-none-TAG.TAG.whl``) include one of
    that family for that machine (manylinux_2_17_x86_64 for manylinux, x86_64)."""
    tags = filename[:-len(".whl")].split("-")[-1].split(".")
    return any(tag == family if not machine else
               tag.startswith(family) and tag.endswith("_" + machine) for tag in tags)


def download_uv(pin: str, target: Path) -> None:
    """Fetch uv's wheel for this platform from PyPI's simple index (PEP 691 JSON),
    check its sha256, and unpack the uv binary into target/bin.

    Why not pip: this runs only where there is no pip. A uv wheel holds one
    binary and no Python code, so choosing the wheel by platform and unzipping
    it is all an installer would do here.
    """
    import hashlib
    import json
    import urllib.request
    import zipfile

    index = os.environ.get("PIP_INDEX_URL", "https://pypi.org/simple").rstrip("/")
    request = urllib.request.Request(f"{index}/uv/",
                                     headers={"Accept": "application/vnd.pypi.simple.v1+json"})
    with urllib.request.urlopen(request, timeout=60) as answer:
        files = json.load(answer)["files"]
    wheels = [f for f in files if f["filename"].startswith(f"uv-{pin}-")
              and f["filename"].endswith(".whl")]
    chosen = None
    for family, machine in uv_wheel_platforms():
        fitting = [w for w in wheels if wheel_fits(w["filename"], family, machine)]
        if fitting:
            # the oldest glibc a manylinux wheel asks for is the safest
            chosen = min(fitting, key=lambda w: w["filename"])
            break
    if chosen is None:
        raise ValueError(f"PyPI has no uv {pin} wheel for {uv_wheel_platforms()[0]}")
    say(f"fetching {chosen['filename']}")
    with urllib.request.urlopen(chosen["url"], timeout=300) as answer:
        data = answer.read()
    if hashlib.sha256(data).hexdigest() != chosen["hashes"]["sha256"]:
        raise ValueError(f"{chosen['filename']}: sha256 does not match PyPI's")
    (target / "bin").mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(io.BytesIO(data)) as wheel:
        for name in wheel.namelist():
            if re.fullmatch(r"uv-[^/]+\.data/scripts/uv(\.exe)?", name):
                binary = target / "bin" / Path(name).name
                binary.write_bytes(wheel.read(name))
                binary.chmod(0o755)


def probe_module(python: str, module: str) -> bool:
    return subprocess.run([python, "-c", f"import {module}"], capture_output=True).returncode == 0


def uv_output(uv: str, *args: str) -> Tuple[int, str]:
    try:
        out = subprocess.run([uv, *args], capture_output=True, text=True, cwd=str(ROOT))
    except OSError as error:
        return 127, str(error)
    return out.returncode, out.stdout.strip()


def uv_find(uv: str, need: str) -> Optional[str]:
    """The uv-managed Python of that version (an older uv without
    --managed-python: any it finds)."""
    for flags in (["--managed-python"], []):
        code, found = uv_output(uv, "python", "find", "--no-project", *flags, need)
        if code == 0 and found:
            return found
    return None


def provision_python() -> str:
    """A Python of the required version through uv; its path."""
    need = version_text(required_python())
    uv = find_uv()
    uv_path, uv_where = uv if uv else (install_uv(), f"installed into {UV_DIR.relative_to(ROOT)}")
    version = (uv_output(uv_path, "--version")[1].split() + ["?", "?"])[1]
    found = uv_find(uv_path, need)
    if found:
        say(f"Python {need}: none on PATH or in pyenv; using the one uv {version} "
            f"({uv_where}) has: {found}")
        return found
    code, where = uv_output(uv_path, "python", "dir")
    say(f"Python {need}: none on PATH or in pyenv, so uv {version} ({uv_where}) installs "
        f"CPython {need} (a python-build-standalone build it downloads) into "
        f"{where or 'its Python folder'}")
    if run([uv_path, "python", "install", need], check=False) != 0:
        raise Stop("\n".join([f"error: uv could not download Python {need} (no network?)."]
                             + provision_help()))
    found = uv_find(uv_path, need)
    if not found:
        raise Stop(f"error: uv installed Python {need} but cannot find it "
                   f"(`uv python find {need}` failed)")
    return found


def provision_commands() -> Dict[str, List[Tuple[str, str]]]:
    """By platform, (which machines, command) that install a Python new enough.
    The README's table gives the same (tests/test_first_run.py checks)."""
    need = version_text(required_python())
    return {
        "debian": [
            ("Ubuntu 24.04", f"sudo add-apt-repository ppa:deadsnakes/ppa && "
                             f"sudo apt-get install python{need} python{need}-venv"),
            ("Debian 13", "sudo apt-get install python3 python3-venv"),
            ("Debian 12", f"sudo apt-get install pipx && pipx install uv && "
                          f"~/.local/bin/uv python install {need}"),
        ],
        "fedora": [("Fedora", f"sudo dnf install python{need}")],
        "macos": [("macOS", f"brew install python@{need}")],
        "windows": [("Windows", f"winget install Python.Python.{need}")],
    }


def provision_help(where: Optional[str] = None) -> List[str]:
    """The exact commands that give this platform a Python new enough."""
    need = version_text(required_python())
    where = where or platform()
    commands = provision_commands()
    chosen = commands["debian"] + commands["fedora"] if where == "linux" else commands[where]
    lines = [f"Install Python {need} or newer in one of these ways, then run "
             f"`{MAKE} html` again:"]
    lines += [f"  {label + ':':<14} {command}" for label, command in chosen]
    if where in ("macos", "windows"):
        lines.append("  (or the installer from python.org)")
    lines.append(f"or name one: {MAKE} html PYTHON=/path/to/python{need}")
    return lines


# -- The virtual environment -----------------------------------------------------------

def venv_python(venv: Path = VENV) -> str:
    return str(venv / ("Scripts/python.exe" if WINDOWS else "bin/python"))


def ensure_venv(settings: Settings) -> str:
    """.venv with the pinned dependencies; its Python. Reinstalls when requirements.txt
    is newer than the stamp (as make did with its file dependency)."""
    python = venv_python()
    fresh = STAMP.is_file() and STAMP.stat().st_mtime >= REQUIREMENTS.stat().st_mtime
    existing = probe([python]) if os.path.isfile(python) else None
    need = required_python()
    if existing and existing[0][:2] < need:
        say(f"note: .venv holds Python {version_text(existing[0])}, older than "
            f"{version_text(need)}: making it anew")
        shutil.rmtree(str(VENV))
        existing = None
    if existing and fresh:
        return python
    if not existing:
        found = find_python(settings)
        base = found[0] if found else provision_python()
        if run([base, "-m", "venv", str(VENV)], check=False) != 0:
            hint = (" (Debian/Ubuntu: sudo apt-get install python3-venv)"
                    if platform() == "debian" else "")
            raise Stop(f"error: {base} could not create .venv{hint}")
    run([python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         "-r", str(REQUIREMENTS)])
    STAMP.touch()
    return python


# -- System tools -----------------------------------------------------------------------

class Found(NamedTuple):
    ok: bool
    detail: str


BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")


def browser_places() -> List[Path]:
    """Where Chromium or Chrome install themselves outside PATH."""
    if WINDOWS:
        bases = [os.environ.get(v, "") for v in ("ProgramFiles", "ProgramFiles(x86)",
                                                 "LOCALAPPDATA")]
        return [Path(base) / vendor / "Application" / "chrome.exe" for base in bases if base
                for vendor in ("Chromium", r"Google\Chrome")]
    if sys.platform == "darwin":
        return [Path("/Applications/Chromium.app/Contents/MacOS/Chromium"),
                Path("/Applications/Google Chrome.app/Contents/MacOS/Google Chrome")]
    return []


def which(name: str) -> Optional[str]:
    """A tool's path as doctor and the tests find it (tests/conftest.py calls this,
    so that what doctor reports found is what no test skips for).

    ``chromium`` stands for a Chromium-based browser: $CHROMIUM, a chromium or
    chrome command on PATH, or the app where macOS and Windows install it.
    """
    if name != "chromium":
        return shutil.which(name)
    named = os.environ.get("CHROMIUM")
    if named and os.path.isfile(named):
        return named
    for command_name in BROWSERS:
        path = shutil.which(command_name)
        if path:
            return path
    return next((str(p) for p in browser_places() if p.is_file()), None)


def command(*names: str) -> Callable[[], Found]:
    def find() -> Found:
        for name in names:
            path = which(name)
            if path:
                return Found(True, path)
        return Found(False, " or ".join(names) + " not on PATH")
    return find


def font(family: str, *files: str) -> Callable[[], Found]:
    """A font as xelatex finds it: by family through fontconfig, by file name
    through kpathsea (TeX Live's own fonts), or in the system's font folders."""
    def find() -> Found:
        if shutil.which("fc-list"):
            out = subprocess.run(["fc-list", f":family={family}", "file"],
                                 capture_output=True, text=True).stdout.split(":")[0].strip()
            if out:
                return Found(True, out)
        if shutil.which("kpsewhich"):
            for name in files:
                out = subprocess.run(["kpsewhich", name], capture_output=True,
                                     text=True).stdout.strip()
                if out:
                    return Found(True, out)
        for folder in font_folders():
            for name in files:
                hits = sorted(folder.rglob(name)) if folder.is_dir() else []
                if hits:
                    return Found(True, str(hits[0]))
        return Found(False, f"font {family!r} not found")
    return find


def font_folders() -> List[Path]:
    if WINDOWS:
        return [Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts",
                Path(os.environ.get("LOCALAPPDATA", "")) / "Microsoft" / "Windows" / "Fonts"]
    if sys.platform == "darwin":
        return [Path.home() / "Library" / "Fonts", Path("/Library/Fonts")]
    return [Path.home() / ".local" / "share" / "fonts", Path("/usr/share/fonts"),
            Path("/usr/local/share/fonts")]


#: the oldest Node.js the npm validators run on (DAISY Ace 1.4 asks for 20)
NODE_MAJOR = 20


def node_found() -> Found:
    """Node.js on PATH, new enough for the validators."""
    path = which("node")
    if not path:
        return Found(False, "node not on PATH")
    try:
        out = subprocess.run([path, "--version"], capture_output=True, text=True,
                             timeout=30).stdout.strip()
        major = int(out.lstrip("v").split(".")[0])
    except (OSError, ValueError, subprocess.SubprocessError):
        return Found(False, f"{path} does not say its version")
    if major < NODE_MAJOR:
        return Found(False, f"{path} is Node.js {out}; DAISY Ace (the EPUB's accessibility "
                            f"check) needs {NODE_MAJOR} or newer")
    return Found(True, f"{path} ({out})")


def python_found() -> Found:
    try:
        found = find_python(settings_from({}))
    except Stop as stop:
        return Found(False, str(stop))
    if found:
        got = probe([found[0]])
        return Found(True, f"{found[0]} ({version_text(got[0]) if got else '?'}, {found[1]})")
    if os.path.isfile(venv_python()) and probe([venv_python()]):
        return Found(True, f"{venv_python()} (.venv)")
    uv = find_uv()
    if uv:
        return Found(True, f"none yet: `{MAKE} html` provisions it with uv ({uv[0]})")
    if probe_module(sys.executable, "pip") or probe_module(sys.executable, "venv"):
        return Found(True, f"none yet: `{MAKE} html` installs uv from PyPI and provisions "
                           f"it (needs network)")
    return Found(False, f"none on PATH or in pyenv, and no pip to install uv with")


def uv_found() -> Found:
    uv = find_uv()
    if uv:
        return Found(True, f"{uv[0]} ({uv_output(uv[0], '--version')[1]})")
    return Found(False, f"not installed (installed from PyPI into {UV_DIR.relative_to(ROOT)} "
                        f"when no Python is new enough)")


class Tool(NamedTuple):
    name: str
    purpose: str
    find: Callable[[], Found]
    #: the install command, by platform
    hints: Dict[str, str]
    #: targets that stop without it
    needed_by: Tuple[str, ...]
    #: targets that use it when present (tests that need it skip, and fail under CI)
    used_by: Tuple[str, ...] = ()


BUILDS = ("venv", "html", "dirhtml", "latex", "latexpdf", "epub", "text", "tei",
          "linkcheck", "livehtml", "rtd", "status", "test", "test-quick", "bench", "screenshots",
          "packet", "import-original", "align")  # the last three: HOOK (issue 17)
PDF = ("latexpdf", "rtd")
TEX_HINTS = {
    "macos": "brew install --cask mactex-no-gui   (or TinyTeX; see README)",
    "windows": "TeX Live: install-tl-windows.exe from tug.org/texlive (see README)",
}
DEBIAN_TEX = ("texlive-xetex texlive-latex-recommended texlive-latex-extra "
              "texlive-fonts-recommended texlive-lang-chinese")
FEDORA_TEX = ("texlive-xetex texlive-collection-latexrecommended "
              "texlive-collection-latexextra texlive-collection-fontsrecommended "
              "texlive-collection-langchinese")


def apt(packages: str) -> str:
    return f"sudo apt-get install --no-install-recommends {packages}"


def dnf(packages: str) -> str:
    return f"sudo dnf install {packages}"


TOOLS: Tuple[Tool, ...] = (
    Tool(f"python >= {version_text(required_python())}", ".venv", python_found,
         {"debian": apt("pipx") + " && pipx install uv   (then `make html` provisions Python)",
          "fedora": dnf(f"python{version_text(required_python())}"),
          "macos": f"brew install python@{version_text(required_python())}",
          "windows": f"winget install Python.Python.{version_text(required_python())}"},
         BUILDS),
    Tool("uv", f"provisioning Python where none is {version_text(required_python())} or newer",
         uv_found,
         {"debian": apt("pipx") + " && pipx install uv", "fedora": dnf("uv"),
          "macos": "brew install uv", "windows": "winget install astral-sh.uv"},
         ()),
    Tool("xelatex", "the PDF", command("xelatex"),
         dict(TEX_HINTS, debian=apt(DEBIAN_TEX), fedora=dnf(FEDORA_TEX)), PDF, ("test", "bench")),
    Tool("latexmk", "the PDF", command("latexmk"),
         dict(TEX_HINTS, debian=apt("latexmk"), fedora=dnf("latexmk")), PDF, ("test", "bench")),
    Tool("xindy", "the PDF's index", command("xindy"),
         dict(TEX_HINTS, debian=apt("xindy"), fedora=dnf("texlive-xindy")), PDF, ("test",)),
    Tool("FreeSerif", "the PDF's text face", font("FreeSerif", "FreeSerif.otf"),
         dict(TEX_HINTS, debian=apt("fonts-freefont-otf"),
              fedora=dnf("texlive-gnu-freefont")),
         PDF, ("test",)),
    Tool("Noto Serif CJK SC", "Chinese script in the PDF",
         font("Noto Serif CJK SC", "NotoSerifCJK-Regular.ttc", "NotoSerifCJKsc-Regular.otf"),
         {"debian": apt("fonts-noto-cjk"),
          "fedora": dnf("google-noto-serif-cjk-fonts google-noto-sans-cjk-fonts"),
          "macos": "brew install --cask font-noto-serif-cjk font-noto-sans-cjk",
          "windows": "the Serif and Sans OTC files of github.com/notofonts/noto-cjk/releases, "
                     "installed for all users"},
         PDF, ("test",)),
    Tool("AR PL Mingti2L Big5", "the PDF's fallback for rare characters",
         font("AR PL Mingti2L Big5", "bsmi00lp.ttf"),
         dict(TEX_HINTS, debian=apt("texlive-lang-chinese"),
              fedora=dnf("texlive-arphic-ttf")),
         PDF, ("test",)),
    Tool("pdftotext", "the PDF's text in tests (poppler: pdftotext, pdfinfo)",
         command("pdftotext"),
         {"debian": apt("poppler-utils"), "fedora": dnf("poppler-utils"),
          "macos": "brew install poppler",
          "windows": "poppler for Windows (github.com/oschwartz10612/poppler-windows), "
                     "its bin folder on PATH"},
         (), ("test",)),
    Tool("pdffonts", "the PDF's fonts in tests", command("pdffonts"),
         {"debian": apt("poppler-utils"), "fedora": dnf("poppler-utils"),
          "macos": "brew install poppler", "windows": "as pdftotext"}, (), ("test",)),
    Tool("chromium", "browser tests, axe, Lighthouse (Chromium or Chrome; CHROMIUM=path)",
         command("chromium"),
         {"debian": apt("chromium") + "   (Ubuntu: sudo snap install chromium)",
          "fedora": dnf("chromium"), "macos": "brew install --cask chromium   (or Google Chrome)",
          "windows": "winget install Google.Chrome"},
         ("screenshots",), ("test", "bench")),
    Tool("java", "jing, the Nu HTML Checker, epubcheck", command("java"),
         {"debian": apt("default-jre-headless"), "fedora": dnf("java-21-openjdk-headless"),
          "macos": "brew install --cask temurin",
          "windows": "winget install EclipseAdoptium.Temurin.21.JRE"},
         (), ("test",)),
    Tool("jing", "the TEI schema check", command("jing"),
         {"debian": apt("jing"), "fedora": dnf("jing"), "macos": "brew install jing-trang",
          "windows": "jing from github.com/relaxng/jing-trang releases, a jing.bat on PATH"},
         (), ("test",)),
    Tool("node", "the npm validators (vnu-jar, axe-core, Lighthouse, Ace)", node_found,
         {"debian": apt("nodejs npm") + "   (Node.js 20 or newer: Debian 13, Ubuntu 24.04;"
                    " on Debian 12 take Node.js 20 from NodeSource)",
          "fedora": dnf("nodejs npm"), "macos": "brew install node",
          "windows": "winget install OpenJS.NodeJS.LTS"},
         (), ("test", "bench")),
    Tool("npm", "installing the npm validators (npm ci)", command("npm"),
         {"debian": apt("npm") + "   (comes with Node.js from NodeSource)",
          "fedora": dnf("npm"), "macos": "brew install node",
          "windows": "winget install OpenJS.NodeJS.LTS"},
         (), ("test", "bench")),
    Tool("make", "tests that run the Makefile", command("make"),
         {"debian": apt("make"), "fedora": dnf("make"),
          "macos": "xcode-select --install", "windows": "not needed: make.bat"},
         (), () if WINDOWS else ("test",)),
    Tool("bash", "the commands of .readthedocs.yaml", command("bash"),
         {"debian": apt("bash"), "fedora": dnf("bash"), "macos": "(part of macOS)",
          "windows": "winget install Git.Git (Git Bash)"},
         ("rtd",)),
)


def tools_for(target: str, strict: bool) -> List[Tool]:
    """The tools a target cannot do without (with strict, also those it uses)."""
    return [tool for tool in TOOLS
            if target in tool.needed_by or (strict and target in tool.used_by)]


def check_tools(target: str) -> None:
    """Stop, naming each missing tool with its install command, before any work."""
    where = platform()
    missing = [(tool, found) for tool in tools_for(target, strict=False)
               for found in [tool.find()] if not found.ok]
    missing = [(t, f) for t, f in missing if not t.name.startswith("python")]
    if missing:
        lines = [f"error: `{MAKE} {target}` needs what is missing here:"]
        for tool, found in missing:
            lines.append(f"  {tool.name} ({tool.purpose}): {found.detail}")
            lines.append(f"      install: {hint(tool, where)}")
        lines.append(f"(`{MAKE} doctor` lists every tool)")
        raise Stop("\n".join(lines))


def hint(tool: Tool, where: str) -> str:
    if where == "linux":
        return f"{tool.hints['debian']}  |  {tool.hints['fedora']}"
    return tool.hints[where]


def doctor(settings: Settings) -> int:
    """Every tool, found or missing with this platform's install command; the
    exit status says whether the asked-for targets (TARGET=..., by default the
    two commands html and test) have what they cannot do without."""
    where = platform()
    asked = settings.target or ["html", "test"]
    unknown = [t for t in asked if t not in TARGETS]
    if unknown:
        raise Stop(f"error: TARGET names no target: {', '.join(unknown)} "
                   f"(targets: {', '.join(TARGETS)})", 2)
    say(f"The tools the edition's commands use (platform: {PLATFORM_NAMES[where]}):")
    results = {}
    for tool in TOOLS:
        found = results[tool.name] = tool.find()
        users = ["needed by " + ("every build" if set(tool.needed_by) == set(BUILDS)
                                 else ", ".join(tool.needed_by))] if tool.needed_by else []
        users += ["used by " + ", ".join(tool.used_by)] if tool.used_by else []
        state = "found" if found.ok else "MISSING" if users else "absent"
        say(f"  {state:<8} {tool.name:<20} {found.detail}")
        say(f"  {'':<8} {'':<20} {tool.purpose}: {'; '.join(users) or 'optional'}")
        if not found.ok:
            say(f"  {'':<8} {'':<20} install: {hint(tool, where)}")
    say("")
    failed = False
    for target in asked:
        strict = settings.in_ci and target == "test"
        lacking = [t.name for t in tools_for(target, strict) if not results[t.name].ok]
        optional = [t.name for t in TOOLS if target in t.used_by and not strict
                    and not results[t.name].ok]
        if lacking:
            failed = True
            say(f"{MAKE} {target}: cannot run; missing: {', '.join(lacking)}")
        elif optional:
            say(f"{MAKE} {target}: ready; without {', '.join(optional)} "
                f"{'the tests that need them skip' if target == 'test' else 'some parts are left out'}")
        else:
            say(f"{MAKE} {target}: ready")
    return 1 if failed else 0


# -- Targets --------------------------------------------------------------------------

def sphinx(builder: str) -> Callable[[Settings], None]:
    def build(settings: Settings) -> None:
        python = ensure_venv(settings)
        run([python, "-m", "sphinx", "-M", builder, SOURCEDIR, BUILDDIR, "-c", ".",
             *settings.sphinxopts])
    return build


def livehtml(settings: Settings) -> None:
    python = ensure_venv(settings)
    run([python, "-m", "sphinx_autobuild", "-c", ".", SOURCEDIR, f"{BUILDDIR}/html",
         *settings.sphinxopts, "--watch", "extensions", "--watch", "bib", "--watch", "conf.py"])


def rtd(settings: Settings) -> None:
    python = ensure_venv(settings)
    run([python, "tools/readthedocs.py"])


def with_extensions() -> Dict[str, str]:
    path = os.environ.get("PYTHONPATH")
    return dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, ["extensions", path])))


def status(settings: Settings) -> None:
    """The edition's sources; with ROOT=..., another project whose conf.py stands
    with its sources (a fixture: ``ROOT=tests/roots/test-fullsize``), read into
    doctrees of its own so that the edition's are left as they are."""
    python = ensure_venv(settings)
    if settings.root:
        name = Path(settings.root).name
        place = [settings.root, "--conf", settings.root,
                 "--build", f"{BUILDDIR}/status-{name}"]
    else:
        place = [SOURCEDIR, "--conf", ".", "--build", BUILDDIR]
    run([python, "-m", STATUS_MODULE, *place], env=with_extensions())


# The transcription commands (issue 17: extensions/edition/transcription/,
# text/sentences.py): the packet, the import of a filled one, the alignment,
# the editors' guide's screenshots.

def packet(settings: Settings) -> None:
    python = ensure_venv(settings)
    run([python, "-m", TRANSCRIPTION_MODULE, "--conf", ".", "--build", BUILDDIR, "packet",
         SOURCEDIR, "--out", f"{BUILDDIR}/packet"], env=with_extensions())


def import_original(settings: Settings) -> None:
    if not settings.file:
        raise Stop(f"usage: {MAKE} import-original FILE={BUILDDIR}/packet/<name>.txt "
                   f"[DRY_RUN=1] [REPLACE=p3]", 2)
    python = ensure_venv(settings)
    options = (["--dry-run"] if os.environ.get("DRY_RUN") else []) + (
        ["--replace", os.environ["REPLACE"]] if os.environ.get("REPLACE") else [])
    run([python, "-m", TRANSCRIPTION_MODULE, "--conf", ".", "--build", BUILDDIR, "import",
         settings.file, "--source", SOURCEDIR, *options], env=with_extensions())


def align(settings: Settings) -> None:
    python = ensure_venv(settings)
    run([python, "-m", ALIGNMENT_MODULE, SOURCEDIR, "--conf", ".", "--build", BUILDDIR],
        env=with_extensions())


def guide_screenshots(settings: Settings) -> None:
    """The editors' guide's screenshots (committed in source/images/guide/),
    made from the FIXTURE project tests/roots/test-slot."""
    python = ensure_venv(settings)
    run([python, "tools/guide_screenshots.py"], env=with_extensions())


def newer(target: Path, *sources: Path) -> bool:
    return target.is_file() and all(target.stat().st_mtime >= s.stat().st_mtime
                                    for s in sources)


def npm_validators() -> None:
    """The validators of record from npm (package-lock.json pins them).
    --ignore-scripts: vnu-jar's install script would download a Java runtime;
    the machine's Java runs it. Without npm the tests that need them skip
    (and fail under CI)."""
    stamp = ROOT / "node_modules" / ".installed"
    if newer(stamp, ROOT / "package.json", ROOT / "package-lock.json"):
        return
    npm = shutil.which("npm")
    if not npm:
        say("warning: npm is missing: the HTML validators' tests will skip (see README)")
        return
    run([npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund"])
    stamp.touch()


#: the tests ``test-quick`` leaves out (markers registered in pyproject.toml):
#: those that run TeX or a browser, and the slow ones
QUICK_MARKERS = "not tex and not browser and not slow"


#: two worker processes (pytest-xdist), each test module on one worker, so that
#: a module's fixtures are made once (the real edition's PDF is compiled once
#: for both: tests/conftest.py, made_once)
PARALLEL = ["-n", "2", "--dist", "loadscope"]


def test(settings: Settings) -> None:
    python = ensure_venv(settings)
    npm_validators()
    run([python, "-m", "pytest", *PARALLEL])


def test_quick(settings: Settings) -> None:
    """The tests that need neither TeX nor a browser and are not slow: for
    editing; ``make test`` (what CI runs) still runs every test."""
    python = ensure_venv(settings)
    npm_validators()
    run([python, "-m", "pytest", *PARALLEL, "-m", QUICK_MARKERS])


def bench(settings: Settings) -> None:
    """Lighthouse is optional: installed from bench/lighthouse's lock when npm is
    available; without it the Lighthouse figure is reported as not measured."""
    python = ensure_venv(settings)
    npm = shutil.which("npm")
    lighthouse = ROOT / "bench" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
    if npm and not lighthouse.exists():
        if run([npm, "ci", "--prefix", "bench/lighthouse", "--no-audit", "--no-fund",
                "--loglevel=error"], check=False):
            say("note: Lighthouse could not be installed; its figure will be skipped")
    run([python, "bench/run.py"])


def screenshots(settings: Settings) -> None:
    """The layout test (tests/test_layout.py) on the full-size fixture, writing a
    PNG of each width x reading mode x colour scheme for a person to look at."""
    python = ensure_venv(settings)
    folder = ROOT / BUILDDIR / "screenshots"
    run([python, "-m", "pytest", "tests/test_layout.py", "-q", "-p", "no:cacheprovider"],
        env=dict(os.environ, EDITION_SCREENSHOTS=str(folder)))
    say(f"screenshots in {BUILDDIR}/screenshots/")


def venv(settings: Settings) -> None:
    ensure_venv(settings)


def clean(settings: Settings) -> None:
    for folder in (BUILDDIR, "_readthedocs"):
        say(f"remove {folder}")
        shutil.rmtree(str(ROOT / folder), ignore_errors=True)


def help_(settings: Settings) -> None:
    for name, target in TARGETS.items():
        say(f"{MAKE} {name:<16} {target.help}")
    say("")
    say(f"Settings: {MAKE} html SPHINXOPTS=\"...\" (default {DEFAULT_SPHINXOPTS}), "
        f"PYTHON=/path/to/python{version_text(required_python())}, "
        f"{MAKE} doctor TARGET=latexpdf, {MAKE} bench BENCH_QUICK=1, "
        f"{MAKE} status ROOT=tests/roots/test-fullsize")


def doctor_target(settings: Settings) -> None:
    code = doctor(settings)
    if code:
        raise Stop("", code)


class Target(NamedTuple):
    help: str
    action: Callable[[Settings], None]


TARGETS: Dict[str, Target] = {
    "help": Target("this list", help_),
    "html": Target(f"build the edition into {BUILDDIR}/html", sphinx("html")),
    "test": Target("run the test suite", test),
    "test-quick": Target(f"run the tests without TeX, a browser or slow ones "
                         f"(-m \"{QUICK_MARKERS}\"): for editing", test_quick),
    "latexpdf": Target(f"build the PDF into {BUILDDIR}/latex (needs TeX Live, see README)",
                       sphinx("latexpdf")),
    "epub": Target(f"build the EPUB into {BUILDDIR}/epub", sphinx("epub")),
    "text": Target(f"build plain text into {BUILDDIR}/text", sphinx("text")),
    "tei": Target(f"build TEI P5 and JSON/text data exports into {BUILDDIR}/tei",
                  sphinx("tei")),
    "dirhtml": Target(f"build the HTML as folders into {BUILDDIR}/dirhtml", sphinx("dirhtml")),
    "latex": Target(f"write the LaTeX sources into {BUILDDIR}/latex", sphinx("latex")),
    "rtd": Target("run Read the Docs' build commands locally into _readthedocs/", rtd),
    "status": Target("print which paragraphs of the original are transcribed "
                     "(ROOT=tests/roots/test-fullsize: of a fixture)", status),
    "livehtml": Target("live preview for editors (sphinx-autobuild)", livehtml),
    "linkcheck": Target("check external links", sphinx("linkcheck")),
    "doctor": Target("list the tools each command needs, found or missing "
                     "(TARGET=latexpdf: fail only for what it needs)", doctor_target),
    "venv": Target("create .venv and install the pinned dependencies", venv),
    "clean": Target(f"remove {BUILDDIR} and _readthedocs", clean),
    "bench": Target("benchmarks against plain Sphinx (BENCH_QUICK=1: reduced run); "
                    "writes BENCHMARKS.md", bench),
    "screenshots": Target(f"PNGs of the parallel text at full size into "
                          f"{BUILDDIR}/screenshots (the layout test)", screenshots),
}


TRANSCRIPTION_TARGETS: Dict[str, Target] = {
    "packet": Target(f"write the transcriber's packets (DOCX, text) into {BUILDDIR}/packet",
                     packet),
    "import-original": Target("import a filled packet: FILE=... (DRY_RUN=1: report only; "
                              "REPLACE=p3)", import_original),
    "align": Target("print the sentence alignment of the transcribed units", align),
    "guide-screenshots": Target("remake the editors' guide's screenshots from the FIXTURE "
                                "project tests/roots/test-slot", guide_screenshots),
}
TARGETS.update(TRANSCRIPTION_TARGETS)


def main(argv: Sequence[str]) -> int:
    goals = [a for a in argv if "=" not in a]
    assignments = dict(a.split("=", 1) for a in argv if "=" in a)
    # NAME=value reaches the commands too (SOURCE_DATE_EPOCH=..., BENCH_QUICK=1)
    os.environ.update(assignments)
    settings = settings_from(assignments)
    unknown = [g for g in goals if g not in TARGETS]
    if unknown:
        say(f"error: no target {unknown[0]!r}; `{MAKE} help` lists them")
        return 2
    try:
        for goal in goals or ["help"]:
            if goal in BUILDS:
                check_tools(goal)
            TARGETS[goal].action(settings)
    except Stop as stop:
        if str(stop):
            print(stop, file=sys.stderr if stop.code else sys.stdout, flush=True)
        return stop.code
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
