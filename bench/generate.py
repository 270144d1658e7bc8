"""A generated collection of N documents shaped like the real one.

Each document is the real document's source (``source/117033.md``: its units,
notes, interpolations, marks, commentary and mentions, and whatever markup
the edition gains later) with fixture changes that make it use every feature:

* its metadata names it ``FIXTURE document NNNN`` with its own record number;
* the slots of odd-numbered units are filled with a clearly marked FIXTURE
  placeholder (never a Chinese text: we have no transcription), so the
  collection has filled and empty slots side by side;
* a FIXTURE commentary in the first unit cites both ``bib/`` entries
  (``{cite:p}``) and mentions a place and an organisation.

The words of the translation and of the notes are left as they are. The
collection is the real source folder (the real document, the other pages,
the bibliography and any data file the extensions read, such as registers)
plus the generated documents, listed in a toctree added to the index; it is
built with the edition's own ``conf.py`` (``sphinx-build -c <repo>``), so it
uses the same extensions, data and theme.

    python bench/generate.py 100 /tmp/collection
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "source"
DOCUMENT = "117033"

FIXTURE_COMMENTARY = """\
:::{{commentary}}
FIXTURE commentary of generated document {number}, for the benchmark only:
it cites {{cite:p}}`shi1993` and {{cite:p}}`wilson117033`, and mentions
{{place}}`Warsaw`, {{place}}`Moscow` and {{org}}`Chinese Party <ccp>`.
:::
"""

FIXTURE_SLOT = ("FIXTURE placeholder for the original side of unit {unit} of "
                "generated document {number}; not a transcription.")

EMPTY_SLOT = re.compile(r"^(?P<open>:::\{original\}[^\n]*\n)(?P<close>:::\n)", re.M)
UNIT = re.compile(r"^::::\{unit\} p(?P<n>\d+)", re.M)


def fixture_document(text: str, number: str) -> str:
    """The real document's source turned into generated document *number*."""
    text = text.replace('record: "117033"', f'record: "fixture-{number}"', 1)
    text = re.sub(r'^(  title: ")', rf"\1FIXTURE document {number}: ", text, count=1,
                  flags=re.M)
    # Fill the slot of every odd-numbered unit; leave the others pending.
    pieces = UNIT.split(text)
    out = [pieces[0]]
    for n, body in zip(pieces[1::2], pieces[2::2]):
        if int(n) % 2:
            body = EMPTY_SLOT.sub(
                lambda m, n=n: m["open"] + FIXTURE_SLOT.format(unit=f"p{n}", number=number)
                + "\n" + m["close"], body, count=1)
        if n == "1":
            # the fixture commentary goes into the first unit, after its sides
            close = body.rindex("::::")
            body = body[:close] + FIXTURE_COMMENTARY.format(number=number) + body[close:]
        out.append(f"::::{{unit}} p{n}{body}")
    return "".join(out)


TOCTREE = """

```{{toctree}}
:maxdepth: 1
:caption: FIXTURE collection of {count} generated documents

{entries}
```
"""


FIXTURE_BIBLIOGRAPHY = """\
# FIXTURE bibliography of the generated documents

```{bibliography}
:all:
```
"""

BIBLIOGRAPHY = re.compile(r"^[`:]{3,}\{bibliography\}[^\n]*\n(?P<options>(?::[^\n]*\n)*)", re.M)


def has_citation_list(folder: Path) -> bool:
    """Whether a page of *folder* has a bibliography that {cite:p} can point to."""
    for page in folder.rglob("*.md"):
        for match in BIBLIOGRAPHY.finditer(page.read_text(encoding="utf-8")):
            kind = re.search(r"^:list:\s*(\S+)", match["options"], re.M)
            if kind is None or kind.group(1) == "citation":
                return True
    return False


def generate(count: int, dest: Path, source: Path = SOURCE,
             document: str = DOCUMENT) -> list[Path]:
    """Write a collection of *count* documents into *dest* (emptied first).

    The collection is the real source folder (its pages, and any data file
    the extensions read from it, such as the registers) with *count*
    generated documents in ``docs/``, listed in a toctree added to the index.
    """
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(source, dest, ignore=shutil.ignore_patterns("_build", "__pycache__"))
    (dest / "docs").mkdir(exist_ok=True)
    text = (source / f"{document}.md").read_text(encoding="utf-8")
    width = max(4, len(str(count)))
    paths = []
    for i in range(1, count + 1):
        number = f"{i:0{width}d}"
        path = dest / "docs" / f"d{number}.md"
        path.write_text(fixture_document(text, number), encoding="utf-8")
        paths.append(path)
    entries = "\n".join(f"docs/{p.stem}" for p in paths)
    if not has_citation_list(dest):
        # {cite:p} needs a bibliography that lists citations; the edition's
        # own may be a plain list (``:list: bullet``)
        (dest / "fixture-bibliography.md").write_text(FIXTURE_BIBLIOGRAPHY, encoding="utf-8")
        entries += "\nfixture-bibliography"
    with (dest / "index.md").open("a", encoding="utf-8") as index:
        index.write(TOCTREE.format(count=count, entries=entries))
    return paths


def edit_one_paragraph(path: Path) -> None:
    """Change one paragraph of a (copied) document, as an editor would."""
    text = path.read_text(encoding="utf-8")
    marker = "We immediately sensed this"
    if marker in text:
        text = text.replace(marker, "We immediately sensed, indeed, this", 1)
    else:  # any document: add a word to the first line of a translation side
        text = re.sub(r"(:::\{translation\}\n)(\S+)", r"\1\2 indeed", text, count=1)
    path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    generate(int(sys.argv[1]), Path(sys.argv[2]))
