"""Filling the slot: the transcriber's packet and the import of a filled one.

Everything here runs on FIXTURE text only. The document is a copy of the
full-size fixture (``tests/roots/test-fullsize``, issue 12: the edition's 11
units and 6 notes, every slot filled with placeholder pseudo-Chinese) with
its slots emptied; the test fills the packet with that fixture's own
placeholder text, as a transcriber would, with FIXTURE names. The real
document's slots are never touched (a test checks that too).

* the packet: both forms hold the instructions, the citation, every unit's
  English, a page field and a Chinese field;
* the import: new units written, every other byte of the source kept (the
  result is the full-size fixture again, byte for byte, plus page breaks);
* a broken packet per validation rule: each ends with a message that names
  the unit and what to fix, and leaves the source unchanged;
* a hand edit the packet would overwrite: the import stops and shows both;
* the round trip: a packet exported and imported unchanged writes nothing.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, TESTS

from edition.transcription import importer, packet, slots, validate
from edition.transcription.__main__ import make_packet
from edition.transcription.project import read_project, read_text, write_text
from edition.transcription.provenance import parse as parse_provenance
from edition.transcription.provenance import sidecar

FULLSIZE = TESTS / "roots" / "test-fullsize"
DOC = "full"
TRANSCRIBER = "FIXTURE Transcriber A"
CHECKER = "FIXTURE Checker B"
DATE = "2026-11-28"
#: the page where each unit starts, and page breaks inside units (FIXTURE
#: pagination of the placeholder text over the source's pages 302-305)
START_PAGES = {"p1": 302, "p2": 302, "p3": 302, "p4": 303, "p5": 303, "p6": 303,
               "p7": 304, "p8": 304, "p9": 304, "p10": 305, "p11": 305}
BREAKS = {"p3": 303, "p6": 304, "p9": 305}


def fixture_texts() -> dict[str, str]:
    """The full-size fixture's placeholder Chinese, per unit (the fill)."""
    text = read_text(FULLSIZE / f"{DOC}.md")
    return {s.number: slots.normalise(slots.body(text, s)) for s in slots.scan(text)
            if s.present}


def with_break(unit: str, text: str) -> str:
    """The unit's text with its FIXTURE page break after its first full stop."""
    if unit not in BREAKS:
        return text
    cut = text.index("。") + 1
    return f"{text[:cut]}{{pb}}`{BREAKS[unit]}`{text[cut:]}"


def digest(*paths: Path) -> str:
    sha = hashlib.sha256()
    for path in paths:
        sha.update(path.read_bytes() if path.exists() else b"<absent>")
    return sha.hexdigest()


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A copy of the full-size fixture whose slots are all empty."""
    root = tmp_path_factory.mktemp("transcription") / "project"
    shutil.copytree(FULLSIZE, root)
    for name in ("full.md", "partial.md"):
        text = read_text(root / name)
        write_text(root / name, slots.replace(text, {s.number: "" for s in slots.scan(text)
                                                    if s.present}))
    return root


@pytest.fixture(scope="module")
def view(project):
    views = read_project(project, project, project / "_build", warning=io.StringIO())
    return views[DOC]


# --- the filled packet, as a transcriber fills it ---------------------------------

def fill_text_packet(exported: str, texts: dict[str, str], pages: dict[str, int],
                     header: dict[str, str]) -> str:
    """Type into an exported text packet: header fields, pages, Chinese."""
    lines = exported.split("\n")
    out: list[str] = []
    unit = ""
    replacing = False
    for line in lines:
        match = packet.UNIT_LINE.fullmatch(line.strip())
        if match:
            unit = f"p{match.group('n')}"
            if replacing:
                out.append("")
            replacing = False
        elif replacing:
            continue  # the field's old text: typed over
        label, sep, value = line.partition(":")
        if not unit and sep and label in header:
            line = f"{label}: {header[label]}"
        elif unit and line.startswith(packet.LABEL_PAGE) and unit in pages:
            line = f"{packet.LABEL_PAGE}: {pages[unit]}"
        out.append(line)
        if unit and line == f"{packet.LABEL_CHINESE}:" and unit in texts:
            if texts[unit]:
                out.append(texts[unit])
            replacing = True
    return "\n".join(out).rstrip("\n") + "\n"


def filled_packet(view, texts=None, pages=None, **header) -> str:
    texts = texts if texts is not None else {u: with_break(u, t)
                                             for u, t in fixture_texts().items()}
    pages = pages if pages is not None else START_PAGES
    fields = {"Transcribed by": TRANSCRIBER, "Date": DATE}
    fields.update({k.replace("_", " ").capitalize(): v for k, v in header.items()})
    return fill_text_packet(packet.write_text(make_packet(view)), texts, pages, fields)


def plan_for(view, text: str, tmp_path: Path, name: str = "packet.txt", **kwargs):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return importer.make_plan(view, packet.read(path), today=DATE, **kwargs)


# --- the slot scanner ------------------------------------------------------------

def test_scanner_finds_every_slot_of_the_real_document_and_the_fixture():
    real = read_text(ROOT / "source" / "117033.md")
    assert [s.number for s in slots.scan(real)] == [f"p{n}" for n in range(1, 12)]
    assert all(s.present and slots.body(real, s) == "" for s in slots.scan(real))
    fixture = read_text(FULLSIZE / f"{DOC}.md")
    found = slots.scan(fixture)
    assert [s.number for s in found] == [f"p{n}" for n in range(1, 12)]
    # the commentary inside the original of p3 is not part of the slot's body
    p3 = slots.body(fixture, found[2])
    assert "commentary" not in p3 and p3.strip().endswith("。")


def test_scanner_replaces_only_slot_bodies_keeping_every_other_byte():
    source = ("\ufeff---\ndocument: {title: t}\n---\r\n\r\n::::{unit} p1\r\n:::{translation}\r\n"
              "English.\r\n:::\r\n:::{original}\r\n:lang: zh-Hant\r\n% page 3, line 2\r\n:::\r\n"
              "::::\r\n\r\n```text\r\n:::{original}\r\n```\r\n")
    found = slots.scan(source)
    assert [(s.number, s.present) for s in found] == [("p1", True)]
    written = slots.replace(source, {"p1": "第一句。\n\n第二段。"})
    # options and comments kept; the file's CRLF line endings and BOM kept
    assert written == source.replace(
        "% page 3, line 2\r\n:::", "% page 3, line 2\r\n第一句。\r\n\r\n第二段。\r\n:::")
    assert slots.replace(written, {"p1": ""}) == source
    # a fence inside a code block is text, not a slot
    assert len(slots.scan(source)) == 1


# --- the packet ---------------------------------------------------------------------

def test_packet_holds_instructions_citation_english_and_fields(view, tmp_path):
    made = make_packet(view)
    text = packet.write_text(made)
    assert "Shi Zhongquan" in text and "1993" in text and "302" in text
    assert "{pb}`303`" in text  # the instructions say how to mark a page break
    assert len(re.findall(r"(?m)^=+ ¶ \d+ =+$", text)) == 11
    assert text.count(f"{packet.LABEL_ENGLISH}:") == 11
    assert text.count(f"{packet.LABEL_PAGE}:") == 11
    assert text.count(f"\n{packet.LABEL_CHINESE}:\n") == 11
    # the English as the JSON export has it: the interpolation's brackets kept
    assert "now let [me] illustrate again the major mistakes it has made:" in text
    docx = tmp_path / "full.docx"
    packet.write_docx(made, docx)
    read = packet.read_docx(docx)
    assert [u.number for u in read.units] == view.units
    assert read.units[0].english == made.units[0].english
    assert read.document == DOC

    from docx import Document

    document = Document(str(docx))
    words = "\n".join(p.text for p in document.paragraphs)
    assert "How to fill it in" in words and "Shi Zhongquan" in words
    english_cell = document.tables[1].rows[1].cells
    assert english_cell[0].text.startswith("English (for reference only")
    # the English is shaded: read-only in spirit, and seen to be
    assert "w:shd" in english_cell[1]._tc.xml


# --- filling, then the round trip ---------------------------------------------------

def test_fill_the_packet_and_import_it(view, project, tmp_path):
    source = project / f"{DOC}.md"
    before = read_text(source)
    plan = plan_for(view, filled_packet(view), tmp_path)
    assert not plan.problems and not plan.conflicts
    output = importer.report(plan)
    assert "¶ 1: new (page 302)" in output
    assert "Coverage: 0 of 11 paragraphs transcribed before the import; 11 of 11 after." in output
    assert importer.apply(plan) == [source, sidecar(source)]
    after = read_text(source)
    # every byte outside the slots is kept: without the FIXTURE page breaks the
    # result is the full-size fixture itself
    assert re.sub(r"\{pb\}`\d+`", "", after) == read_text(FULLSIZE / f"{DOC}.md")
    assert after != before
    records, problems = parse_provenance(read_text(sidecar(source)), view.units)
    assert problems == []
    assert records["p3"].transcribed_by == TRANSCRIBER and records["p3"].page == 302
    assert records["p3"].imported == slots.fingerprint(with_break("p3", fixture_texts()["p3"]))
    view.reload()


@pytest.mark.parametrize("form", ["txt", "docx"])
def test_round_trip_writes_nothing(view, project, tmp_path, form):
    source = project / f"{DOC}.md"
    if not view.current("p1"):
        test_fill_the_packet_and_import_it(view, project, tmp_path)
    before = digest(source, sidecar(source))
    made = make_packet(view)
    path = tmp_path / f"roundtrip.{form}"
    if form == "txt":
        path.write_text(packet.write_text(made), encoding="utf-8")
    else:
        packet.write_docx(made, path)
    plan = importer.make_plan(view, packet.read(path), today=DATE)
    assert not plan.blocked and not plan.writes
    assert "Nothing to write: the document already holds this packet." in importer.report(plan)
    assert importer.apply(plan) == []
    assert digest(source, sidecar(source)) == before


# --- a broken packet per rule ---------------------------------------------------------

def _units_block(text: str) -> tuple[str, list[str]]:
    parts = re.split(r"(?m)^(?====+ ¶ )", text)
    return parts[0], parts[1:]


def swap_units(text: str) -> str:
    head, blocks = _units_block(text)
    blocks[1], blocks[2] = blocks[2], blocks[1]
    return head + "".join(blocks)


def drop_unit(text: str, n: int) -> str:
    head, blocks = _units_block(text)
    return head + "".join(b for b in blocks if not b.startswith(f"==================== ¶ {n} "))


def duplicate_unit(text: str, n: int) -> str:
    head, blocks = _units_block(text)
    block = next(b for b in blocks if b.startswith(f"==================== ¶ {n} "))
    return head + "".join(blocks) + block


def set_chinese(unit: str, value: str):
    def change(view) -> str:
        texts = {u: with_break(u, t) for u, t in fixture_texts().items()}
        texts[unit] = value
        return filled_packet(view, texts=texts)
    return change


def replace_in(old: str, new: str, count: int = 1):
    def change(view) -> str:
        text = filled_packet(view)
        assert old in text, old
        return text.replace(old, new, count)
    return change


P4 = fixture_texts()["p4"]

#: (rule, how the packet is broken, the unit named, words of the message)
BROKEN = [
    ("unit unknown", lambda v: filled_packet(v).replace("¶ 11 ===", "¶ 12 ==="),
     "¶ 12", "the document has no such unit"),
    ("unit twice", lambda v: duplicate_unit(filled_packet(v), 4), "¶ 4", "stands twice"),
    ("units out of order", lambda v: swap_units(filled_packet(v)), "¶ 2",
     "put the units in the order of the document"),
    ("units missing, not partial", lambda v: drop_unit(filled_packet(v), 11), "",
     "the packet lacks ¶ 11: add it, or write 'Partial: yes'"),
    ("not mostly Chinese", set_chinese("p4", "これはテストのためのぶんしょうです。漢字。"), "¶ 4",
     "Chinese characters"),
    ("half-width punctuation", set_chinese("p4", P4.replace("，", ",", 1)), "¶ 4",
     "half-width punctuation in the Chinese text: ',' at line 1"),
    ("not NFC", set_chinese("p4", "\uf900" + P4), "¶ 4", "not in Unicode NFC"),
    ("stray Latin", set_chinese("p4", P4[:6] + "abc" + P4[6:]), "¶ 4",
     "Latin letters in the Chinese text: 'abc'"),
    ("English in the Chinese field", lambda v: set_chinese("p4", v.english["p4"])(v), "¶ 4",
     "holds English text (it is the English of ¶ 4)"),
    ("Chinese in the English field", replace_in("> When we had", "> 当我们 When we had"),
     "¶ 4", "Chinese characters stand in the English field"),
    ("page outside the source", replace_in(f"{packet.LABEL_PAGE}: 305", f"{packet.LABEL_PAGE}: 310"),
     "¶ 10", "page 310 is outside the source's pages 302-305"),
    ("page going backwards", set_chinese("p6", "第一句。{pb}`302`第二句。"), "¶ 6",
     "page 302 comes after page 303"),
    ("page field not a number", replace_in(f"{packet.LABEL_PAGE}: 303", f"{packet.LABEL_PAGE}: 三〇三"),
     "¶ 4", "is not a page number"),
    ("page break without its number", set_chinese("p4", "第一句。{pb}第二句。"), "¶ 4",
     "is not {pb}`number`"),
    ("markup that would end the slot", set_chinese("p4", P4 + "\n:::"), "¶ 4",
     "a fence, which would end the slot"),
    ("text outside the fields", replace_in(f"{packet.LABEL_PAGE}: 303\n",
                                          f"{packet.LABEL_PAGE}: 303\n第一句。\n"),
     "¶ 4", "text stands between the page field and 'Chinese:'"),
    ("wrong document", replace_in(f"Document: {DOC}", "Document: 117033"), "",
     "the packet is for document '117033'"),
    ("date not YYYY-MM-DD", replace_in(f"Date: {DATE}", "Date: 28.11.2026"), "",
     "is not written YYYY-MM-DD"),
    ("nobody named", replace_in(f"Transcribed by: {TRANSCRIBER}", "Transcribed by:"), "",
     "the packet names no one"),
]


@pytest.mark.parametrize("rule, broken, unit, words", BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_packet_is_named_and_writes_nothing(view, project, tmp_path, rule, broken,
                                                   unit, words):
    source = project / f"{DOC}.md"
    view.reload()
    if view.current("p1"):
        # start from empty slots for every case (a test above filled them)
        write_text(source, slots.replace(view.text, {u: "" for u in view.units}))
        sidecar(source).unlink(missing_ok=True)
        view.reload()
    before = digest(source, sidecar(source))
    plan = plan_for(view, broken(view), tmp_path)
    assert plan.blocked, rule
    messages = [str(p) for p in plan.problems]
    assert any(words in m and m.startswith(f"{unit}:" if unit else "") for m in messages), \
        messages
    output = importer.report(plan)
    assert "nothing was written" in output
    assert importer.apply(plan) == []
    assert digest(source, sidecar(source)) == before


def test_an_import_never_empties_a_slot(view, project, tmp_path):
    source = project / f"{DOC}.md"
    view.reload()
    if not view.current("p1"):
        importer.apply(plan_for(view, filled_packet(view), tmp_path))
        view.reload()
    before = digest(source, sidecar(source))
    texts = {u: with_break(u, t) for u, t in fixture_texts().items()}
    texts["p5"] = ""
    plan = plan_for(view, filled_packet(view, texts=texts), tmp_path)
    assert [str(p) for p in plan.problems] == [
        "¶ 5: the Chinese field is empty, but the slot holds text; the import never "
        "empties a slot: copy the slot's text back into the packet (it is shown below), "
        "or remove the unit from the packet and write 'Partial: yes'"]
    output = importer.report(plan)
    assert "¶ 5: empty in the packet, but the slot holds text" in output
    assert fixture_texts()["p5"].split("\n")[0] in output  # the current text, to copy back
    assert importer.apply(plan) == []
    assert digest(source, sidecar(source)) == before


def test_partial_packet_lists_what_stays_pending(view, project, tmp_path):
    source = project / f"{DOC}.md"
    view.reload()
    write_text(source, slots.replace(view.text, {u: "" for u in view.units}))
    sidecar(source).unlink(missing_ok=True)
    view.reload()
    texts = {u: with_break(u, t) for u, t in fixture_texts().items() if u in ("p1", "p2")}
    text = filled_packet(view, texts=texts, pages={"p1": 302, "p2": 302}, partial="yes")
    text = drop_unit(text, 11)
    plan = plan_for(view, text, tmp_path)
    assert not plan.blocked, plan.problems
    output = importer.report(plan)
    assert "¶ 3: empty in the packet: the slot stays pending" in output
    assert "Not in the packet (partial): ¶ 11" in output
    assert "Coverage: 0 of 11 paragraphs transcribed before the import; 2 of 11 after." in output
    importer.apply(plan)
    view.reload()
    assert view.current("p2") and not view.current("p3")


# --- hand edits ------------------------------------------------------------------------

def test_a_hand_edit_is_never_overwritten(view, project, tmp_path):
    source = project / f"{DOC}.md"
    view.reload()
    write_text(source, slots.replace(view.text, {u: "" for u in view.units}))
    sidecar(source).unlink(missing_ok=True)
    view.reload()
    importer.apply(plan_for(view, filled_packet(view), tmp_path))
    view.reload()
    # an editor corrects a character of p2 in the source by hand
    old = view.current("p2")
    hand = old.replace(old[3], "国", 1) if old[3] != "国" else old.replace(old[3], "人", 1)
    write_text(source, slots.replace(view.text, {"p2": hand}))
    view.reload()
    # a later packet (made before the hand edit) brings another reading of p2
    texts = {u: with_break(u, t) for u, t in fixture_texts().items()}
    texts["p2"] = "改过的句子。" + old
    texts["p7"] = "改过的句子。" + texts["p7"]  # p7 was not edited by hand: a correction
    before = digest(source, sidecar(source))
    plan = plan_for(view, filled_packet(view, texts=texts), tmp_path)
    assert [u.unit for u in plan.conflicts] == ["p2"]
    output = importer.report(plan)
    assert "¶ 2: CONFLICT" in output
    assert f"    {hand}" in output and f"    改过的句子。{old}" in output  # both versions
    assert "--replace p2" in output
    assert "Nothing was written: 1 conflict with hand edits" in output
    assert importer.apply(plan) == []
    assert digest(source, sidecar(source)) == before
    # the status of the hand edit is known to the build too
    records, _ = parse_provenance(read_text(sidecar(source)), view.units)
    assert records["p2"].imported != slots.fingerprint(hand)
    # the editor decides: the packet's reading replaces the hand edit
    plan = plan_for(view, filled_packet(view, texts=texts), tmp_path, replace=("p2",))
    assert not plan.blocked
    kinds = {u.unit: u.kind for u in plan.units}
    assert kinds["p2"] == importer.REPLACED and kinds["p7"] == importer.CORRECTED
    importer.apply(plan)
    view.reload()
    assert view.current("p2") == "改过的句子。" + old


def test_a_packet_that_agrees_with_a_hand_edit_changes_nothing(view, project, tmp_path):
    view.reload()
    current = {u: view.current(u) for u in view.units}
    source = project / f"{DOC}.md"
    before = digest(source)
    plan = plan_for(view, filled_packet(view, texts=current), tmp_path)
    assert not plan.conflicts and view.text == plan.text
    assert digest(source) == before


def test_proofreading_records_the_check(view, project, tmp_path):
    view.reload()
    current = {u: view.current(u) for u in view.units}
    exported = packet.write_text(make_packet(view))
    text = fill_text_packet(exported, {}, {}, {"Checked by": CHECKER, "Date": "2026-11-30"})
    plan = plan_for(view, text, tmp_path)
    assert not plan.blocked and plan.text == view.text  # no text changes
    importer.apply(plan)
    view.reload()
    assert all(view.provenance[u].checked_by == CHECKER for u in view.units if current[u])
    assert view.provenance["p4"].checked == "2026-11-30"


# --- TEI as input ----------------------------------------------------------------------

def test_tei_packet_with_page_breaks(view, project, tmp_path):
    view.reload()
    write_text(project / f"{DOC}.md", slots.replace(view.text, {u: "" for u in view.units}))
    sidecar(project / f"{DOC}.md").unlink(missing_ok=True)
    view.reload()
    texts = fixture_texts()
    body = "".join(
        f'<p n="{u[1:]}"><pb n="{START_PAGES[u]}"/>{with_break(u, texts[u]).replace("{pb}`", "<pb n=\"").replace("`", "\"/>")}</p>\n'
        for u in view.units if "[^" not in texts[u])
    tei = (f'<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body>\n{body}</body></text></TEI>')
    path = tmp_path / "transcription.xml"
    path.write_text(tei, encoding="utf-8")
    read = packet.read(path)
    assert read.units[0].page == "302"
    assert "{pb}`303`" in next(u.original for u in read.units if u.number == "p3")
    read.transcribed_by, read.date, read.partial = TRANSCRIBER, DATE, "yes"
    plan = importer.make_plan(view, read, today=DATE)
    assert not plan.blocked, plan.problems
    importer.apply(plan)
    view.reload()
    assert view.current("p3") == with_break("p3", texts["p3"])


# --- the command line --------------------------------------------------------------------

def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "extensions"))
    return subprocess.run([sys.executable, "-m", "edition.transcription", *args], cwd=cwd,
                          env=env, capture_output=True, text=True, timeout=300)


def test_command_line_dry_run_error_and_write(view, project, tmp_path):
    source = project / f"{DOC}.md"
    view.reload()
    write_text(source, slots.replace(view.text, {u: "" for u in view.units}))
    sidecar(source).unlink(missing_ok=True)
    view.reload()
    build = ["--conf", str(project), "--build", str(tmp_path / "_build")]
    result = run(*build, "packet", str(project), "--out", str(tmp_path / "packet"), cwd=project)
    assert result.returncode == 0, result.stderr
    assert f"{DOC}: wrote" in result.stdout
    exported = (tmp_path / "packet" / f"{DOC}.txt").read_text(encoding="utf-8")
    filled = tmp_path / "filled.txt"
    texts = {u: with_break(u, t) for u, t in fixture_texts().items()}
    filled.write_text(fill_text_packet(exported, texts, START_PAGES,
                                       {"Transcribed by": TRANSCRIBER, "Date": DATE}),
                      encoding="utf-8")
    before = digest(source)
    result = run(*build, "import", str(filled), "--source", str(project), "--dry-run", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Dry run: nothing written" in result.stdout and "¶ 11: new" in result.stdout
    assert digest(source) == before
    broken = tmp_path / "broken.txt"
    good = filled.read_text(encoding="utf-8")
    first = good.index("，", good.index("\nChinese:\n"))  # in ¶ 1's Chinese
    broken.write_text(good[:first] + "," + good[first + 1:], encoding="utf-8")
    result = run(*build, "import", str(broken), "--source", str(project), cwd=project)
    assert result.returncode == 1
    assert "¶ 1: half-width punctuation" in result.stdout and "nothing was written" in result.stdout
    assert digest(source) == before
    result = run(*build, "import", str(filled), "--source", str(project), cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Written:" in result.stdout
    assert digest(source) != before
    view.reload()


def test_the_real_document_stays_empty():
    """Nothing of this work puts text into the edition's own slots."""
    real = read_text(ROOT / "source" / "117033.md")
    assert all(slots.body(real, s) == "" for s in slots.scan(real))
    assert not sidecar(ROOT / "source" / "117033.md").exists()


# --- the rules themselves ----------------------------------------------------------------

def test_validation_rules_accept_proper_chinese_and_marked_latin():
    assert validate.check_text("p1", "他说：“北约（{foreign}`NATO`）成立了。”{pb}`303`[^7]",
                               {}) == []
    assert validate.check_text("p1", "一九五六年十月三十日，1956年。", {}) == []
