"""Provenance of a transcription: who transcribed each unit, who checked it,
when, and from which page of the printed source.

It lives in a small YAML file beside the document, ``<name>.provenance.yaml``
(``source/117033.provenance.yaml`` for ``source/117033.md``), so that the
document's front matter stays the record's metadata only. One entry per unit::

    p3:
      transcribed-by: FIXTURE Transcriber A
      transcribed: 2026-11-28
      page: 302
      checked-by: FIXTURE Checker B
      checked: 2026-11-30
      imported: 6b1f...   # fingerprint of the text as imported

``make import-original`` writes the entries of the units it fills (names and
date from the packet); an editor may add ``checked-by``/``checked`` by hand
after checking a unit against the page. ``imported`` is the SHA-256 of the
slot's text as the import wrote it: a slot whose text no longer has that
fingerprint was edited by hand since, and a later import will not overwrite
it without asking. No name is ever filled in by the edition: only what an
editor or a packet gives.

Outputs (one sentence, :func:`describe`, for all of them):

* HTML, EPUB, PDF and text: a small line under each unit's original
  ("Transcribed by ... on 28 November 2026 from Shi 1993, p. 302; checked by
  ... on 30 November 2026.");
* TEI: a ``respStmt`` per person in the header and a ``change`` per
  transcription and check in ``revisionDesc`` (see :func:`tei_header`);
* the JSON export: a ``provenance`` record per unit, read back from the TEI;
* ``make status``: columns for the pages, who transcribed and who checked.

Problems in the file (not YAML, an unknown unit or field, a date not
written YYYY-MM-DD) are ``edition.provenance`` warnings with the file's line.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import yaml
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util.texescape import escape as tex_escape

from ..diagnostics import Kind, warn
from ..nodes import provenance_line
from ..nodes import unit as unit_node
from ..model.metadata import format_date
from ..util import depart_pass, own_words_attributes
from . import slots
from .domain import UnitProvenance, get_transcription, page_range

SUFFIX = ".provenance.yaml"

#: field of the file -> attribute of UnitProvenance, in the order written
FIELDS = {
    "transcribed-by": "transcribed_by",
    "transcribed": "transcribed",
    "page": "page",
    "checked-by": "checked_by",
    "checked": "checked",
    "imported": "imported",
}
DATE_FIELDS = ("transcribed", "checked")

HEADER = """\
# Provenance of the transcription of the original, one entry per unit.
# Written by `make import-original` (names and date from the packet); add
# `checked-by` and `checked` (YYYY-MM-DD) by hand when a unit has been checked
# against the printed page. `imported` is the fingerprint of the text as
# imported: leave it as it is (it tells a later hand edit apart).
"""


def sidecar(source: str | Path) -> Path:
    """The provenance file of the document at *source*."""
    path = Path(source)
    return path.with_name(path.stem + SUFFIX)


# --- reading and writing the file ------------------------------------------------

class ProvenanceError(ValueError):
    """A problem in a provenance file: ``line`` and what to fix."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


def parse(text: str, units: list[str] | None = None
          ) -> tuple[dict[str, UnitProvenance], list[ProvenanceError]]:
    """The entries of a provenance file, and its problems (entries that have
    one are kept with the bad field left out, so one typo hides nothing)."""
    problems: list[ProvenanceError] = []
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        return {}, [ProvenanceError((mark.line + 1) if mark else 1,
                                    f"the file is not valid YAML ({problem}): fix this line")]
    if root is None:
        return {}, []
    if not isinstance(root, yaml.MappingNode):
        return {}, [ProvenanceError(root.start_mark.line + 1, "the file must map unit "
                                    "numbers to their entries ('p3:' then indented fields)")]
    records: dict[str, UnitProvenance] = {}
    loader = yaml.SafeLoader("")
    for key_node, value_node in root.value:
        unit = str(key_node.value)
        line = key_node.start_mark.line + 1
        if not re.fullmatch(r"p[1-9][0-9]*", unit):
            problems.append(ProvenanceError(line, f"{unit!r} is not a unit number: "
                                            "write 'p' and the paragraph number, e.g. 'p3:'"))
            continue
        if units is not None and unit not in units:
            problems.append(ProvenanceError(line, f"unit {unit} is not in the document: "
                                            "remove its entry or correct the number"))
            continue
        if unit in records:
            problems.append(ProvenanceError(line, f"unit {unit} has two entries: "
                                            "merge them into one"))
            continue
        if not isinstance(value_node, yaml.MappingNode):
            problems.append(ProvenanceError(line, f"the entry of {unit} must be fields "
                                            "(transcribed-by, transcribed, page, ...), "
                                            "one per indented line"))
            continue
        values: dict[str, Any] = {"unit": unit, "line": line}
        for field_node, field_value in value_node.value:
            name = str(field_node.value)
            where = field_node.start_mark.line + 1
            if name not in FIELDS:
                problems.append(ProvenanceError(where, f"unknown field {name!r} in {unit}; "
                                                f"known fields: {', '.join(FIELDS)}"))
                continue
            try:
                value = loader.construct_object(field_value, deep=True)
            except (ValueError, yaml.YAMLError):
                value = field_value.value
            checked = check_field(name, value)
            if isinstance(checked, str) and checked.startswith("!"):
                problems.append(ProvenanceError(where, f"{unit}: {checked[1:]}"))
                continue
            values[FIELDS[name]] = checked
        records[unit] = UnitProvenance(**values)
    loader.dispose()
    return records, problems


def check_field(name: str, value: Any) -> Any:
    """The field's clean value, or ``"!"`` and what to fix."""
    if name in DATE_FIELDS:
        if isinstance(value, dt.date):
            return value.isoformat()
        try:
            return dt.date.fromisoformat(str(value)).isoformat()
        except ValueError:
            return f"!{name!r} must be a date written YYYY-MM-DD, not {value!r}"
    if name == "page":
        if isinstance(value, int) and not isinstance(value, bool) and value > 0:
            return value
        return f"!'page' must be the number of the page where the unit starts, not {value!r}"
    if name == "imported":
        if isinstance(value, str) and re.fullmatch(r"[0-9a-f]{64}", value):
            return value
        return "!'imported' is the fingerprint the import wrote: restore it or remove the line"
    if not isinstance(value, str) or not value.strip():
        return f"!{name!r} must be a name (text), not {value!r}"
    return value.strip()


def scalar(value: Any) -> str:
    """One YAML scalar as written in the file (quoted only when it must be)."""
    dumped = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=1000)
    return dumped.removesuffix("\n").removesuffix("\n...").strip()


def dump(records: dict[str, UnitProvenance], order: list[str]) -> str:
    """The file's text: its header, then one entry per unit in document order."""
    lines = [HEADER.rstrip("\n")]
    for unit in sorted(records, key=lambda u: order.index(u) if u in order else len(order)):
        record = records[unit]
        lines.append(f"{unit}:")
        for name, attribute in FIELDS.items():
            value = getattr(record, attribute)
            if value in ("", 0, None):
                continue
            if attribute in DATE_FIELDS:
                lines.append(f"  {name}: {value}")
            else:
                lines.append(f"  {name}: {scalar(value)}")
    return "\n".join(lines) + "\n"


def read(path: Path, units: list[str] | None = None
         ) -> tuple[dict[str, UnitProvenance], list[ProvenanceError]]:
    if not path.exists():
        return {}, []
    return parse(path.read_text(encoding="utf-8"), units)


# --- the one sentence ---------------------------------------------------------------

def describe(record: UnitProvenance | None, pages: tuple[int, int] | None = None,
             source: str = "") -> str:
    """"Transcribed by A on 28 November 2026 from Shi 1993, p. 302; checked by B
    on 30 November 2026." -- or "" when nothing is known."""
    if record is None:
        return ""
    parts: list[str] = []
    span = page_range(pages) or (str(record.page) if record.page else "")
    where = ""
    if span:
        prefix = "pp." if "-" in span else "p."
        where = f" from {source + ', ' if source else ''}{prefix} {span.replace('-', '–')}"
    if record.transcribed_by or record.transcribed:
        who = f" by {record.transcribed_by}" if record.transcribed_by else ""
        when = f" on {format_date(record.transcribed)}" if record.transcribed else ""
        parts.append(f"Transcribed{who}{when}{where}")
    elif where:
        parts.append(f"Transcribed{where}")
    if record.checked_by or record.checked:
        who = f" by {record.checked_by}" if record.checked_by else ""
        when = f" on {format_date(record.checked)}" if record.checked else ""
        parts.append(f"checked{who}{when}")
    elif parts:
        parts.append("not yet checked")
    if not parts:
        return ""
    sentence = "; ".join(parts)
    sentence = sentence[0].upper() + sentence[1:] + "."
    if record.edited:
        sentence += " The text has been edited by hand since it was imported."
    return sentence


# --- the build ----------------------------------------------------------------------

class ProvenanceTransform(SphinxTransform):
    """Read the document's provenance file; keep it in the domain."""

    default_priority = 355  # after the units are recorded (parallel: 350)

    def apply(self, **kwargs: Any) -> None:

        source = self.document.get("source", "")
        if not source:
            return
        path = sidecar(source)
        if not path.exists():
            return
        domain = get_transcription(self.env)
        self.env.note_dependency(str(path))
        units = {u["number"]: u for u in self.document.findall(unit_node) if u["number"]}
        records, problems = read(path, list(units))
        for problem in problems:
            warn(Kind.provenance, "%s", str(problem), location=f"{path}:{problem.line}")
        # a slot whose text differs from what was imported was edited by hand
        try:
            text = Path(source).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            text = ""
        current = {s.number: slots.body(text, s) for s in slots.scan(text) if s.present}
        for number, record in list(records.items()):
            if record.imported and slots.fingerprint(current.get(number, "")) != record.imported:
                records[number] = record._replace(edited=True)
            slot = units[number].slot
            if (slot is None or slot.is_pending) and (record.transcribed_by or
                                                      record.transcribed):
                warn(Kind.provenance, "%s has a transcription entry but its slot is empty: "
                     "remove the entry, or fill the slot", number,
                     location=f"{path}:{record.line}")
        domain.provenance[self.env.docname] = records


class ProvenanceDisplayTransform(SphinxTransform):
    """Put the provenance line under each unit's original."""

    default_priority = 362  # after the pages are known (pagebreak: 358)

    def apply(self, **kwargs: Any) -> None:

        domain = get_transcription(self.env)
        records = domain.provenance.get(self.env.docname)
        if not records:
            return
        pages = domain.pages.get(self.env.docname, {})
        source = domain.sources.get(self.env.docname, "")
        for node in self.document.findall(unit_node):
            sentence = describe(records.get(node["number"]), pages.get(node["number"]), source)
            slot = node.slot
            if not sentence or slot is None:
                continue
            line = provenance_line(classes=["slot-provenance", "editorial"])
            line += nodes.Text(sentence)
            node.insert(node.index(slot) + 1, line)


def visit_line_html(self: Any, node: provenance_line) -> None:
    self.body.append(self.starttag(node, "p", "", **own_words_attributes(self, node)))


def depart_line_html(self: Any, node: provenance_line) -> None:
    self.body.append("</p>\n")


def visit_line_latex(self: Any, node: provenance_line) -> None:
    self.body.append(f"\n\\edprovenance{{{tex_escape(node.astext())}}}\n")
    raise nodes.SkipNode


def visit_line_text(self: Any, node: provenance_line) -> None:
    self.new_state(0)
    self.add_text(f"[{node.astext()}]")
    self.end_state()
    raise nodes.SkipNode


# --- TEI and JSON -----------------------------------------------------------------

def tei_header(header: Any, docname: str, domain: Any, sub: Any, meta: Any) -> None:
    """A ``respStmt`` per person and a ``change`` per transcription and check.

    *sub* is the TEI writer's element maker (``sub(parent, tag, text, **attrs)``);
    *domain* the transcription domain. Each ``change`` points to the unit's
    original (``target="#p3-original"``) and, for a transcription, names the
    pages of the printed source in a ``bibl`` (``biblScope unit="page"``).
    """
    records = domain.provenance.get(docname) or {}
    if not records:
        return
    ns = header.tag.split("}")[0] + "}"
    title_stmt = header.find(f"{ns}fileDesc/{ns}titleStmt")
    people: dict[tuple[str, str], str] = {}
    for role, attribute, resp in (
        ("transcriber", "transcribed_by",
         "Transcription of the original from the printed source"),
        ("checker", "checked_by",
         "Checking of the transcription against the printed source"),
    ):
        names: list[str] = []
        for record in records.values():
            name = getattr(record, attribute)
            if name and name not in names:
                names.append(name)
        for index, name in enumerate(names, start=1):
            people[(role, name)] = f"{role}-{index}"
            statement = sub(title_stmt, "respStmt", xml_id=f"{role}-{index}")
            sub(statement, "resp", resp)
            sub(statement, "name", name)
    pages = domain.pages.get(docname, {})
    source = domain.sources.get(docname, "")
    key = meta.source
    revision = sub(header, "revisionDesc")
    for unit, record in records.items():
        n = unit[1:]
        first, last = pages.get(unit) or ((record.page, record.page) if record.page else (0, 0))
        if record.transcribed_by or record.transcribed:
            change = sub(revision, "change", f"¶ {n} transcribed",
                         when=record.transcribed or None,
                         who=f"#{people[('transcriber', record.transcribed_by)]}"
                         if record.transcribed_by else None,
                         target=f"#{unit}-original", type="transcribed")
            if first:
                tail = sub(change, "bibl")
                change.text += " from "
                if source:
                    sub(tail, "ref", source, target=f"#{key}" if key else None)
                    tail[-1].tail = ", "
                span = page_range((first, last))
                sub(tail, "biblScope", f"p. {span}" if first == last else f"pp. {span}",
                    unit="page", **{"from": str(first), "to": str(last)})
        if record.checked_by or record.checked:
            sub(revision, "change", f"¶ {n} checked against the printed page",
                when=record.checked or None,
                who=f"#{people[('checker', record.checked_by)]}" if record.checked_by else None,
                target=f"#{unit}-original", type="checked")
    if not len(revision):
        header.remove(revision)


def tei_records(root: Any) -> dict[str, dict[str, Any]]:
    """Each unit's provenance and pages, read back from a TEI header (JSON export)."""
    ns = {"tei": "http://www.tei-c.org/ns/1.0"}
    names = {element.get("{http://www.w3.org/XML/1998/namespace}id"):
             "".join(element.xpath("tei:name//text()", namespaces=ns))
             for element in root.xpath("//tei:titleStmt/tei:respStmt[@xml:id]", namespaces=ns)}
    result: dict[str, dict[str, Any]] = {}
    for change in root.xpath("//tei:revisionDesc/tei:change[@target]", namespaces=ns):
        unit = change.get("target").lstrip("#").removesuffix("-original")
        record = result.setdefault(unit, {"transcribed_by": None, "transcribed": None,
                                          "checked_by": None, "checked": None, "pages": None})
        who = names.get((change.get("who") or "").lstrip("#"))
        if change.get("type") == "transcribed":
            record["transcribed_by"], record["transcribed"] = who, change.get("when")
            scope = change.find(".//{http://www.tei-c.org/ns/1.0}biblScope")
            if scope is not None:
                record["pages"] = page_range((int(scope.get("from")), int(scope.get("to"))))
        elif change.get("type") == "checked":
            record["checked_by"], record["checked"] = who, change.get("when")
    return result


def setup(app: Sphinx) -> None:
    app.add_transform(ProvenanceTransform)
    app.add_transform(ProvenanceDisplayTransform)
    app.add_node(provenance_line, html=(visit_line_html, depart_line_html),
                 latex=(visit_line_latex, depart_pass),
                 text=(visit_line_text, depart_pass))
