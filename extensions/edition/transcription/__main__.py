"""``python -m edition.transcription``: the packet and the import.

Usage (from the project's root, with ``extensions/`` on the path)::

    python -m edition.transcription packet [source] [--out _build/packet]
    python -m edition.transcription import FILE [--dry-run] [--replace p3,p5]

``make packet`` and ``make import-original FILE=... [DRY_RUN=1] [REPLACE=p3]``
run these. Exit status: 0 when done (or nothing to do), 1 when the packet has
a problem or a conflict (nothing written), 2 when the command cannot run
(no such file, no edited document).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import importer, packet
from .project import DocumentView, read_project


def make_packet(view: DocumentView) -> packet.Packet:
    """The packet of a document: its units' English, pages and current text."""
    return packet.Packet(
        document=view.docname, title=view.title, citation=view.citation, pages=view.pages,
        units=[packet.PacketUnit(
            number=number, english=view.english.get(number, ""),
            page=str(view.provenance[number].page)
            if number in view.provenance and view.provenance[number].page else "",
            original=view.current(number),
        ) for number in view.units],
    )


def _project(args: argparse.Namespace) -> dict[str, DocumentView]:
    # Sphinx's own warnings go to stderr as in a build; its progress is not shown
    return read_project(Path(args.source).resolve(), Path(args.conf).resolve(),
                        Path(args.build).resolve(), warning=sys.stderr)


def run_packet(args: argparse.Namespace) -> int:
    views = _project(args)
    if not views:
        print("No edited document (front matter 'document:' and units) in "
              f"{args.source}: no packet to write.", file=sys.stderr)
        return 2
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for docname, view in views.items():
        made = make_packet(view)
        name = docname.replace("/", "-")
        text_path, docx_path = out / f"{name}.txt", out / f"{name}.docx"
        text_path.write_text(packet.write_text(made), encoding="utf-8")
        packet.write_docx(made, docx_path)
        filled = sum(1 for u in made.units if u.original)
        print(f"{docname}: wrote {docx_path} and {text_path} ({len(made.units)} units, "
              f"{filled} with their current text for proofreading, "
              f"{len(made.units) - filled} to transcribe)")
    return 0


def run_import(args: argparse.Namespace) -> int:
    path = Path(args.file)
    if not path.is_file():
        print(f"error: no such file: {path} (give the filled packet: "
              "make import-original FILE=_build/packet/<name>.txt)", file=sys.stderr)
        return 2
    try:
        filled = packet.read(path)
    except (UnicodeDecodeError, ValueError, KeyError, OSError) as error:
        print(f"error: cannot read {path} as a packet ({error}): give a DOCX, a UTF-8 "
              "text file or a TEI file", file=sys.stderr)
        return 2
    for name, value in (("transcribed_by", args.transcribed_by),
                        ("checked_by", args.checked_by), ("date", args.date)):
        if value:
            setattr(filled, name, value)
    if args.partial:
        filled.partial = "yes"
    if args.document:
        filled.document = args.document
    views = _project(args)
    docname = filled.document or (next(iter(views)) if len(views) == 1 else "")
    if docname not in views:
        known = ", ".join(views) or "none"
        print(f"error: the packet names document {docname!r}, which is not an edited "
              f"document of {args.source} (those are: {known}); give --document",
              file=sys.stderr)
        return 2
    if not filled.document:
        filled.document = docname
    replace = tuple(u.strip() for u in (args.replace or "").split(",") if u.strip())
    plan = importer.make_plan(views[docname], filled, replace=replace)
    print(importer.report(plan, dry_run=args.dry_run))
    if plan.blocked:
        return 1
    if not args.dry_run:
        importer.apply(plan)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m edition.transcription",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--conf", default=".", help="folder of conf.py (default: .)")
    parser.add_argument("--build", default="_build", help="build folder (default: _build)")
    commands = parser.add_subparsers(dest="command", required=True)
    write = commands.add_parser("packet", help="write the transcriber's packets")
    write.add_argument("source", nargs="?", default="source", help="folder of the sources")
    write.add_argument("--out", default="_build/packet", help="where to write them")
    read = commands.add_parser("import", help="import a filled packet")
    read.add_argument("file", help="the filled packet: .docx, .txt, or TEI .xml")
    read.add_argument("--source", default="source", help="folder of the sources")
    read.add_argument("--dry-run", action="store_true", help="report only; write nothing")
    read.add_argument("--replace", default="",
                      help="units whose hand-edited slot the packet may replace (p3,p5)")
    read.add_argument("--document", default="", help="the document (when the file does not say)")
    read.add_argument("--transcribed-by", default="", help="who transcribed (overrides the file)")
    read.add_argument("--checked-by", default="", help="who checked (overrides the file)")
    read.add_argument("--date", default="", help="date YYYY-MM-DD (overrides the file)")
    read.add_argument("--partial", action="store_true", help="the file covers only some units")
    args = parser.parse_args(argv)
    if args.command == "packet":
        return run_packet(args)
    return run_import(args)


if __name__ == "__main__":
    sys.exit(main())
