"""The ``.bib`` files: every error pybtex finds, reported with its line.

pybtex raises on a syntax error, and sphinxcontrib-bibtex 2.7 catches only
repeated keys (without a line); so the edition reads the files first, reports
every error as a warning of kind ``citation`` with the file and line (for a
repeated key, the line of the second entry), and lets sphinxcontrib-bibtex's
own reading, which follows, skip what it cannot read instead of stopping the
build.

The entries' facts need a basis too (:func:`check_basis`): a name or title in
original script, which the witness never gives, is reported unless the entry
names its ``source``.
"""

from __future__ import annotations

import re
from contextlib import ExitStack
from pathlib import Path

import pybtex.errors
from pybtex.database import Entry, parse_file
from sphinx.application import Sphinx

from ..diagnostics import Kind, warn

#: pybtex's error capture around sphinxcontrib-bibtex's reading of the files
#: (``builder-inited``, priority 500): opened by :func:`check_bibfiles` (400),
#: closed by :func:`end_bib_capture` (600). pybtex keeps the captured errors
#: in a global of its own, so one capture per process is all there can be.
_READING = ExitStack()


def bib_lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return []


def repeated_line(lines: list[str], key: str) -> int:
    """Line of the second entry that uses *key* (the one to rename or remove)."""
    pattern = re.compile(r"^\s*@\w+\s*[{(]\s*" + re.escape(key) + r"\s*,")
    found = [n for n, line in enumerate(lines, start=1) if pattern.match(line)]
    return found[1] if len(found) > 1 else (found[0] if found else 1)


def entry_start(lines: list[str], line: int) -> int | None:
    """Line of the entry that a line of the file belongs to."""
    for number in range(min(line, len(lines)), 0, -1):
        if re.match(r"^\s*@\w+\s*[{(]", lines[number - 1]):
            return number
    return None


def check_basis(path: Path, entries: dict[str, Entry]) -> None:
    """A name or title in original script, which the witness never gives,
    needs a ``source`` (a key of bib/ or a named reference work); what the
    witness gives is pointed to by ``witness`` (header, note n, ¶ n)."""
    lines = bib_lines(path)
    for key, entry in entries.items():
        where = f"{path}:{repeated_line(lines, key)}"
        fields = {name.lower() for name in entry.fields}
        original = sorted(f for f in fields if f.endswith("-original"))
        if original and "source" not in fields:
            warn(Kind.citation, "entry %r gives %s, which the witness does not give, "
                 "without a 'source' field: name its basis (a key of bib/ or a "
                 "reference work), or remove the field", key, ", ".join(original),
                 location=where)


def check_bibfiles(app: Sphinx) -> None:
    """Read each ``.bib`` file with pybtex and report what it cannot read.

    pybtex raises on a syntax error, and sphinxcontrib-bibtex 2.7 catches only
    repeated keys (without a line); so we read the files first, report every
    error with its line, and let sphinxcontrib-bibtex's own reading (which
    follows) skip what it cannot read instead of stopping the build.
    """
    files = getattr(app.config, "bibtex_bibfiles", None) or []
    for name in files:
        path = (Path(app.confdir) / name).resolve()
        if not path.is_file():
            continue  # sphinxcontrib-bibtex reports a missing file itself
        data = None
        with pybtex.errors.capture() as errors:
            try:
                data = parse_file(str(path), "bibtex",
                                  encoding=getattr(app.config, "bibtex_encoding", "utf-8-sig"))
            except Exception as exc:  # an error pybtex does not route through report_error
                errors.append(exc)
        if data is not None:
            check_basis(path, data.entries)
        lines = bib_lines(path) if errors else []
        for error in errors:
            line = getattr(error, "lineno", None)
            message = str(error)
            repeated = re.search(r"repeated bibliography entry: (\S+)", message)
            if repeated:
                line = repeated_line(lines, repeated.group(1))
                # a path and line as text: a tuple would be read as (docname, line)
                warn(Kind.citation, "bib file uses the key %r for two entries; give each "
                     "entry its own key", repeated.group(1), location=f"{path}:{line}")
                continue
            if line is not None:
                start = entry_start(lines, line)
                if start is not None and start != line:
                    message += f" (in the entry that starts at line {start})"
            warn(Kind.citation, "bib file cannot be read as written: %s; check the "
                 "entry's braces, commas and quotes", message, location=f"{path}:{line or 1}")
    if files and "sphinxcontrib.bibtex" in app.extensions:
        _READING.enter_context(pybtex.errors.capture())


def end_bib_capture(app: Sphinx) -> None:
    _READING.close()


def setup(app: Sphinx) -> None:
    # around sphinxcontrib-bibtex's own reading of the files (priority 500)
    app.connect("builder-inited", check_bibfiles, priority=400)
    app.connect("builder-inited", end_bib_capture, priority=600)
