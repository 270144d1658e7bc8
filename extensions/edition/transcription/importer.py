"""The import of a filled packet into a document's slots.

``make import-original FILE=_build/packet/117033.txt`` (``DRY_RUN=1``: report
only). In order:

1. read the packet (DOCX, text, or TEI, :mod:`.packet`) and the project
   (:mod:`.project`);
2. check it (:mod:`.validate`); each problem names the unit and what to fix;
3. plan each unit: *new* (the slot was empty), *corrected* (the slot holds
   exactly what the last import wrote), *unchanged*, *left pending* (empty
   in the packet: listed, never skipped silently), or a *conflict*: the slot
   was edited by hand since the last import (or transcribed by hand) and the
   packet's text differs. A conflict stops the import and shows both
   versions; ``--replace p3`` takes the packet's version for that unit;
4. print a diff per unit and the coverage before and after;
5. only then, and only when no problem or conflict stands and it is not a
   dry run: write the slots' bodies into the source (every other byte kept,
   :func:`.slots.replace`) and the units' provenance
   (``<name>.provenance.yaml``, with the fingerprint of each imported text).

A packet exported by ``make packet`` and imported unchanged writes nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from . import slots, validate
from .domain import UnitProvenance
from .packet import Packet
from .project import DocumentView, write_text
from .provenance import dump as dump_provenance
from .provenance import sidecar
from .validate import Problem, label

NEW, CORRECTED, REPLACED, UNCHANGED, PENDING, CONFLICT, EMPTIED = (
    "new", "corrected", "replaced", "unchanged", "left pending", "conflict",
    "emptied (refused)")
WRITES = (NEW, CORRECTED, REPLACED)


@dataclass
class UnitPlan:
    unit: str
    kind: str
    old: str
    new: str
    page: str = ""


@dataclass
class Plan:
    """What an import would do, and why it may not."""

    view: DocumentView
    packet: Packet
    units: list[UnitPlan] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    #: the source's text after the import (== view.text when nothing changes)
    text: str = ""
    provenance: dict[str, UnitProvenance] = field(default_factory=dict)
    #: the provenance file's new text, or None when it does not change
    provenance_text: str | None = None
    date: str = ""

    @property
    def conflicts(self) -> list[UnitPlan]:
        return [u for u in self.units if u.kind == CONFLICT]

    @property
    def blocked(self) -> bool:
        return bool(self.problems or self.conflicts)

    @property
    def writes(self) -> bool:
        return self.text != self.view.text or self.provenance_text is not None


def make_plan(view: DocumentView, packet: Packet, *, replace: tuple[str, ...] = (),
              today: str | None = None) -> Plan:
    """Check the packet against the document and plan every unit."""
    plan = Plan(view, packet, text=view.text, provenance=dict(view.provenance))
    problems = plan.problems
    problems += [Problem("", message) for message in packet.problems]
    if view.provenance_problems:
        path = sidecar(view.source)
        problems += [Problem("", f"{path}:{p.line}: {p}; fix the provenance file first")
                     for p in view.provenance_problems]
    scanned = view.scanned_units()
    if scanned != view.units:
        problems.append(Problem("", f"the units found in the text of {view.source} "
                                f"({', '.join(scanned) or 'none'}) are not those the build "
                                f"reads ({', '.join(view.units)}): the import cannot place "
                                "the slots safely; write each unit as '::::{unit} pN' at "
                                "the start of a line, its slot as ':::{original}'"))
    problems += validate.check_header(packet.document, view.docname, packet.date)
    problems += validate.check_numbers([u.number for u in packet.units], view.units,
                                       packet.is_partial)
    plan.date = packet.date or today or dt.date.today().isoformat()
    known = [u for u in packet.units if u.number in view.units]
    for unit in known:
        problems += validate.check_english(unit.number, unit.english,
                                           view.english.get(unit.number, ""),
                                           unit.english_changed)
        if unit.misplaced:
            problems.append(Problem(unit.number, f"text stands between the page field and "
                                    f"'Chinese:' (“{unit.misplaced[:40]}”), where it is not "
                                    "read: move it under 'Chinese:'"))
        if unit.number not in view.slots:
            problems.append(Problem(unit.number, f"the unit has no slot in {view.source}: "
                                    "add ':::{original}' and ':::' to it"))
    for unit in known:
        if unit.number not in view.slots:
            continue
        new = slots.normalise(unit.original)
        old = view.current(unit.number)
        page = unit.page.strip()
        problems += validate.check_empty(unit.number, new, old)
        if not new:
            plan.units.append(UnitPlan(unit.number, EMPTIED if old else PENDING, old, new, page))
            continue
        if new == old:
            plan.units.append(UnitPlan(unit.number, UNCHANGED, old, new, page))
            continue
        problems += validate.check_text(unit.number, new, view.english)
        record = view.provenance.get(unit.number)
        if not old:
            kind = NEW
        elif record is not None and record.imported == slots.fingerprint(old):
            kind = CORRECTED
        elif unit.number in replace:
            kind = REPLACED
        else:
            kind = CONFLICT
        plan.units.append(UnitPlan(unit.number, kind, old, new, page))
    # pages: the packet's fields and breaks, the current ones elsewhere
    by_unit = {u.unit: u for u in plan.units}
    series = []
    for number in view.units:
        planned = by_unit.get(number)
        record = view.provenance.get(number)
        page = planned.page if planned and planned.page else \
            (str(record.page) if record and record.page else "")
        text = planned.new if planned and planned.kind in WRITES else view.current(number)
        series.append((number, page, text))
    problems += validate.check_pages(series, view.pages)
    writes = [u for u in plan.units if u.kind in WRITES]
    if writes and not (packet.transcribed_by or packet.checked_by):
        problems.append(Problem("", "the packet names no one: write who transcribed it "
                                "after 'Transcribed by' (or, for corrections made while "
                                "proofreading, who checked it after 'Checked by')"))
    if plan.blocked:
        return plan
    plan.text = slots.replace(view.text, {u.unit: u.new for u in writes}) if writes \
        else view.text
    _plan_provenance(plan)
    return plan


def _plan_provenance(plan: Plan) -> None:
    packet, view = plan.packet, plan.view
    records = plan.provenance
    for unit in plan.units:
        record = records.get(unit.unit) or UnitProvenance(unit.unit)
        page = int(unit.page) if unit.page.isdigit() else record.page
        if unit.kind in WRITES:
            if packet.transcribed_by:
                record = record._replace(transcribed_by=packet.transcribed_by,
                                         transcribed=plan.date, checked_by="", checked="")
            if packet.checked_by:
                record = record._replace(checked_by=packet.checked_by, checked=plan.date)
            record = record._replace(page=page, imported=slots.fingerprint(unit.new),
                                     edited=False)
        elif unit.kind == UNCHANGED and unit.new:
            if packet.checked_by and (record.checked_by, record.checked) != \
                    (packet.checked_by, plan.date):
                record = record._replace(checked_by=packet.checked_by, checked=plan.date)
            if page != record.page:
                record = record._replace(page=page)
        else:
            continue
        if record != records.get(unit.unit, UnitProvenance(unit.unit)):
            records[unit.unit] = record
    clean = {u: r._replace(edited=False) for u, r in records.items()}
    before = {u: r._replace(edited=False) for u, r in view.provenance.items()}
    if clean != before:
        plan.provenance_text = dump_provenance(clean, view.units)


# --- the report -----------------------------------------------------------------------

def report(plan: Plan, dry_run: bool = False) -> str:
    view, packet = plan.view, plan.packet
    lines = [f"Import of {packet.path} into {view.source}"]
    names = [f"transcribed by {packet.transcribed_by or '(nobody named)'}",
             f"checked by {packet.checked_by or '(nobody named)'}",
             f"date {packet.date or plan.date + ' (today: the packet gives none)'}",
             f"partial: {'yes' if packet.is_partial else 'no'}"]
    lines.append("Packet: " + "; ".join(names))
    lines.append("")
    for unit in plan.units:
        page = f" (page {unit.page})" if unit.page else ""
        if unit.kind == UNCHANGED:
            lines.append(f"{label(unit.unit)}: unchanged{page}")
        elif unit.kind == PENDING:
            lines.append(f"{label(unit.unit)}: empty in the packet: the slot stays pending")
        elif unit.kind == EMPTIED:
            lines.append(f"{label(unit.unit)}: empty in the packet, but the slot holds "
                         "text (refused; see the problems below). The slot's text:")
            lines += [f"    {line}" for line in unit.old.split("\n")]
        elif unit.kind == CONFLICT:
            lines.append(f"{label(unit.unit)}: CONFLICT: the slot was edited by hand (or "
                         "transcribed by hand) since the last import, and the packet's "
                         "text differs. Both versions:")
            lines.append(f"  in {view.source}:")
            lines += [f"    {line}" for line in unit.old.split("\n")]
            lines.append("  in the packet:")
            lines += [f"    {line}" for line in unit.new.split("\n")]
            lines.append(f"  To keep the hand edit, copy it into the packet. To take the "
                         f"packet's text, import again with --replace {unit.unit} "
                         f"(make import-original ... REPLACE={unit.unit}).")
        else:
            lines.append(f"{label(unit.unit)}: {unit.kind}{page}")
            lines += [f"  - {line}" for line in unit.old.split("\n") if unit.old]
            lines += [f"  + {line}" for line in unit.new.split("\n")]
    packet_units = {u.number for u in packet.units}
    left_out = [n for n in view.units if n not in packet_units]
    if left_out:
        lines.append(f"Not in the packet (partial): {', '.join(label(n) for n in left_out)}")
    if plan.problems:
        lines.append("")
        lines.append(f"The packet has {len(plan.problems)} "
                     f"problem{'s' if len(plan.problems) != 1 else ''}; nothing was written. "
                     "Fix each in the packet and import it again:")
        lines += [f"  {problem}" for problem in plan.problems]
    lines.append("")
    before = sum(1 for n in view.units if view.current(n))
    filled = {u.unit for u in plan.units if u.kind in WRITES}
    after = sum(1 for n in view.units if view.current(n) or n in filled)
    total = len(view.units)
    lines.append(f"Coverage: {before} of {total} paragraphs transcribed before the import; "
                 f"{after if not plan.blocked else before} of {total} after.")
    counts = {kind: sum(1 for u in plan.units if u.kind == kind)
              for kind in (NEW, CORRECTED, REPLACED, UNCHANGED, PENDING, CONFLICT)}
    lines.append("Units: " + ", ".join(f"{n} {kind}" for kind, n in counts.items() if n))
    if plan.conflicts and not plan.problems:
        lines.append(f"Nothing was written: {len(plan.conflicts)} "
                     f"conflict{'s' if len(plan.conflicts) != 1 else ''} with hand edits "
                     "(see above).")
    elif not plan.blocked:
        targets = []
        if plan.text != view.text:
            targets.append(str(view.source))
        if plan.provenance_text is not None:
            targets.append(str(sidecar(view.source)))
        if not targets:
            lines.append("Nothing to write: the document already holds this packet.")
        elif dry_run:
            lines.append(f"Dry run: nothing written (would write {', '.join(targets)}).")
        else:
            lines.append(f"Written: {', '.join(targets)}.")
    return "\n".join(lines)


def apply(plan: Plan) -> list[Path]:
    """Write what the plan says; nothing when it is blocked."""
    if plan.blocked:
        return []
    written: list[Path] = []
    if plan.text != plan.view.text:
        write_text(plan.view.source, plan.text)
        written.append(plan.view.source)
    if plan.provenance_text is not None:
        path = sidecar(plan.view.source)
        write_text(path, plan.provenance_text)
        written.append(path)
    return written
