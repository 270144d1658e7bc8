"""TEI P5 and data exports: schema-valid, faithful, complete.

The real edition's TEI validates against TEI P5 ``tei_all`` with jing (the
reference RELAX NG validator); its English ``div`` is the witness word for
word; every interpolation, note, commentary, mark, mention and paragraph
link of the HTML edition has its element; the JSON export has one record per
paragraph. A fixture project (``tests/roots/test-tei``, FIXTURE TEXT only)
covers what the real edition does not have yet: a transcribed slot, places
and organisations, a node the mapping does not know.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree
from lxml import html as lxml_html

import edition_source
import tei_text
from conftest import ROOT, require_tool
from witness import check, witness_text, words

DOCUMENT = "117033"
SCHEMA = ROOT / "tests" / "data" / "tei" / "tei_all.rng"
SCHEMA_SHA256 = "facc222ce0c2d3647f772bc9e8b584722bf2d71e65a4f73b26d41a7ed869d4a1"
NS = {"tei": "http://www.tei-c.org/ns/1.0"}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
#: FIXTURE TEXT: "this is example text for testing, not an original"
FIXTURE_CHINESE = "这是测试用的示例文字，不是原文。"


def jing(path: Path) -> list[str]:
    """Errors of jing against tei_all (an empty list when the file is valid)."""
    require_tool("jing")
    result = subprocess.run(["jing", str(SCHEMA), str(path)], capture_output=True,
                            text=True, timeout=120)
    errors = [line for line in result.stdout.splitlines() if line.strip()]
    assert result.returncode == 0 or errors, result.stderr
    return errors


def xpath(tree, expression: str):
    return tree.xpath(expression, namespaces=NS)


@pytest.fixture(scope="module")
def tei_build(edition_build):
    build = edition_build("tei")
    return build, etree.parse(str(build.outdir / f"{DOCUMENT}.xml"))


# --- the real edition --------------------------------------------------------

def test_schema_is_the_tei_consortiums_unchanged():
    assert hashlib.sha256(SCHEMA.read_bytes()).hexdigest() == SCHEMA_SHA256


def test_tei_build_writes_three_files_without_warnings(tei_build):
    build, _ = tei_build
    assert build.warnings == ""
    names = sorted(p.name for p in build.outdir.iterdir() if not p.name.startswith("."))
    assert names == [f"{DOCUMENT}.json", f"{DOCUMENT}.txt", f"{DOCUMENT}.xml"]


def test_every_node_of_the_document_has_a_tei_mapping(tei_build):
    """No node of the edited document falls back to its bare text.

    The fallback keeps the words of a node the mapping does not know; this
    test says when one appears (a module added markup), so that its line in
    TEI_MAPPING (extensions/edition/outputs/tei/mapping.py) is written.
    """
    build, _ = tei_build
    assert "has no TEI mapping" not in build.app._status.getvalue()


def test_tei_is_valid_tei_all(tei_build):
    build, _ = tei_build
    assert jing(build.outdir / f"{DOCUMENT}.xml") == []


def test_english_div_is_the_witness(tei_build):
    build, _ = tei_build
    text = tei_text.document_text(build.outdir / f"{DOCUMENT}.xml")
    assert len(text.notes) == len(edition_source.notes())
    assert check(text) == []


@pytest.mark.parametrize("old, new", [
    ("erroneous thinking", "erroneus thinking"),       # a word of the body
    ("five formal meetings", "formal meetings"),       # a word of a note
    ("<sic>zhuoyeu</sic>", "<sic>zhuoyue</sic>"),      # the witness's reading
])
def test_tei_fidelity_check_catches(tei_build, tmp_path, old, new):
    build, _ = tei_build
    source = (build.outdir / f"{DOCUMENT}.xml").read_text(encoding="utf-8")
    assert source.count(old) == 1
    mutated = tmp_path / "mutated.xml"
    mutated.write_text(source.replace(old, new), encoding="utf-8")
    assert check(tei_text.document_text(mutated))


def test_every_mark_of_the_html_has_its_element(tei_build, edition_build):
    _, tree = tei_build
    page = lxml_html.parse(str(edition_build("html").outdir / f"{DOCUMENT}.html"))
    main = page.find(".//main")

    def html_count(cls: str, tag: str = "*") -> int:
        return len(main.xpath(f".//{tag}[contains(concat(' ', @class, ' '), ' {cls} ')]"))

    text = xpath(tree, "//tei:text")[0]
    # words in square brackets in the record (31 in the body, 1 in note 3):
    # their source is the record, which does not say who supplied them
    supplied = xpath(text, ".//tei:supplied")
    assert len(supplied) == html_count("interpolation", "span") == \
        edition_source.interpolations()
    assert {s.get("source") for s in supplied} == {"#wilson117033"}
    assert not xpath(text, ".//tei:supplied[@resp]")
    # the notes as given in the record, numbered as in the witness
    notes = xpath(text, ".//tei:note[@type='record']")
    assert {n.get("source") for n in notes} == {"#wilson117033"}
    assert not xpath(text, ".//tei:note[@type='record'][@resp]")
    assert [n.get("n") for n in notes] == edition_source.notes()
    assert len(notes) == html_count("footnote", "aside")
    # this edition's commentary, lettered, each pointing at what it explains
    comments = xpath(text, ".//tei:note[@type='editorial'][@resp='#edition']")
    assert sorted(c.get("n") for c in comments) == \
        edition_source.commentary_letters()
    assert len(comments) == html_count("commentary", "aside")
    ids = set(xpath(tree, "//@xml:id"))
    for comment in comments:
        assert comment.get("target", "").lstrip("#") in ids
    # the marks
    choice = xpath(text, ".//tei:choice[@xml:id='sic-zhuoyeu']")[0]
    assert xpath(choice, "string(tei:sic)") == "zhuoyeu"
    assert xpath(choice, "string(tei:corr)") == "zhuoyue"
    assert xpath(choice, "tei:corr/@resp") == ["#edition"]
    points = xpath(text, ".//tei:metamark[@function='omission']")
    assert [p.text for p in points] == [". . ."]
    assert etree.QName(points[0].getnext()).localname == "gap"
    assert points[0].getnext().get("reason") == "omission"
    rejoined = xpath(text, ".//tei:seg[@type='rejoin']")
    assert [s.text for s in rejoined] == ["trusting relationship", "no longer exists"]
    assert html_count("mark") == 4
    # mentions, each pointing at an entry of a list in standOff
    names = xpath(text, ".//tei:persName | .//tei:placeName | .//tei:orgName"
                        " | .//tei:title[@ref]")
    # mentions in the text and the notes (the header block is the teiHeader's)
    in_text = main.xpath(".//*[contains(concat(' ', @class, ' '), ' mention ')]"
                         "[not(ancestor::header)]")
    assert len(names) == len(in_text) > 0
    entries = {e.get(XML_ID): e for e in xpath(tree, "//tei:standOff/*/*[@xml:id]")}
    for name in names:
        entry = entries[name.get("ref", "").lstrip("#")]
        assert "".join(name.itertext()) in ["".join(n.itertext()) for n in entry]
    # paragraphs: one per unit and side, linked both ways
    english = xpath(tree, "//tei:div[@xml:lang='en']/tei:p")
    original = xpath(tree, "//tei:div[@xml:lang='zh-Hans']/tei:p")
    assert [p.get(XML_ID) for p in english] == edition_source.units()
    assert len(english) == len(original) == html_count("unit", "div") == len(edition_source.units())
    for en, zh in zip(english, original, strict=True):
        assert en.get("corresp") == f"#{zh.get(XML_ID)}"
        assert zh.get("corresp") == f"#{en.get(XML_ID)}"
        assert en.get("n") == zh.get("n")
        # the real slot is empty: marked as not transcribed, no words
        assert xpath(zh, "tei:gap/@reason") == ["not-transcribed"]
        assert "".join(zh.itertext()).strip() == ""


def test_header_comes_from_metadata_and_bib(tei_build, edition_build):
    _, tree = tei_build
    config = edition_build("tei").app.config

    def text(expression: str) -> str:
        return " ".join(xpath(tree, f"normalize-space({expression})").split())

    header = "//tei:teiHeader"
    assert text(f"{header}//tei:titleStmt/tei:title[@type='main']").startswith(
        "Report, 'My Observations on the Soviet Union,'")
    assert text(f"{header}//tei:titleStmt/tei:author") == "Zhou Enlai"
    assert xpath(tree, f"{header}//tei:respStmt[@xml:id='translators']/tei:persName/text()") \
        == ["Zhang Shu Guang", "Chen Jian"]
    assert xpath(tree, f"{header}//tei:correspAction[@type='received']/tei:name/text()") \
        == ["Mao Zedong", "the Central Leadership"]
    assert xpath(tree, f"{header}//tei:creation/tei:date/@when") == ["1957-01-24"]
    assert xpath(tree, f"{header}//tei:editionStmt/tei:edition/@n") == [config.edition_version]
    for resp in ("translators", "edition"):
        assert len(xpath(tree, f"{header}//tei:respStmt[@xml:id='{resp}']")) == 1
    # the record names no author of its notes and no one who supplied the
    # bracketed words: no respStmt claims them (issue 13)
    assert not xpath(tree, f"{header}//tei:respStmt[@xml:id='archive-editors']")
    assert "interpolation" not in text(f"{header}//tei:respStmt[@xml:id='translators']")
    witness = xpath(tree, f"{header}//tei:sourceDesc/tei:bibl[@type='witness']")[0]
    assert xpath(witness, "tei:idno[@type='record']/text()") == ["117033"]
    assert xpath(witness, "tei:ref/@target") == [
        "https://digitalarchive.wilsoncenter.org/document/117033"]
    book = xpath(tree, f"{header}//tei:sourceDesc/tei:bibl[@type='source']")[0]
    assert xpath(book, "normalize-space(tei:author/tei:persName[1])") == "Shi Zhongquan"
    assert xpath(book, "tei:title[@xml:lang='zh-Latn-pinyin']/text()") \
        == ["Zhou Enlai de zhuoyue fengxian"]
    scope = xpath(book, "tei:biblScope")[0]
    assert (scope.get("unit"), scope.get("from"), scope.get("to")) == ("page", "302", "305")
    assert xpath(tree, f"{header}//tei:langUsage/tei:language/@ident") == ["en", "zh-Hans"]
    # the note on the text, item by item
    decl = xpath(tree, f"{header}//tei:editorialDecl/tei:p")
    source = (ROOT / "source" / "note-on-the-text.md").read_text(encoding="utf-8")
    items = [line for line in source.splitlines() if re.match(r"(?:- |\d+\. )\*\*", line)]
    assert len(decl) == len(items)
    assert "Page breaks." in "".join(decl[1].itertext())


def test_json_export_has_one_record_per_paragraph(tei_build):
    build, _ = tei_build
    data = json.loads((build.outdir / f"{DOCUMENT}.json").read_text(encoding="utf-8"))
    units = data["units"]
    assert len(units) == len(edition_source.units())
    assert [u["n"] for u in units] == list(range(1, len(units) + 1))
    assert [u["id"] for u in units] == edition_source.units()
    assert all(u["original"] is None and u["status"] == "pending" for u in units)
    assert all(u["original_lang"] == "zh-Hans" for u in units)
    witness = witness_text()
    assert words(" ".join(u["en"] for u in units)) == witness.body
    notes = [note for u in units for note in u["notes"]]
    assert [n["n"] for n in notes] == edition_source.notes()
    assert [words(n["text"]) for n in notes] == witness.notes
    assert sorted(c["letter"] for u in units for c in u["commentary"]) == \
        edition_source.commentary_letters()
    assert data["record"] == "117033" and data["edition_version"]


def test_text_export_has_one_block_per_paragraph(tei_build):
    build, _ = tei_build
    text = (build.outdir / f"{DOCUMENT}.txt").read_text(encoding="utf-8")
    blocks = [b for b in text.split("\n\n") if not b.startswith("#")]
    assert [b.splitlines()[0] for b in blocks] == edition_source.units()
    for block in blocks:
        fields = dict(line.split("\t", 1) for line in block.splitlines()[1:])
        assert fields["status"] == "pending" and fields["original"] == ""
        assert fields["en"]
    assert "note 3\tOn 11-16 January 1957" in text


def test_document_page_links_the_exports(edition_build, tei_build):
    build = edition_build("html")
    page = lxml_html.parse(str(build.outdir / f"{DOCUMENT}.html"))
    blocks = page.xpath("//main//*[contains(concat(' ', @class, ' '), ' data-exports ')]")
    assert len(blocks) == 1
    assert "editorial" in blocks[0].get("class").split()
    links = blocks[0].xpath(".//a/@href")
    assert [Path(link).suffix for link in links] == [".xml", ".json", ".txt"]
    for link in links:
        assert (build.outdir / link).is_file()
    tei_dir = tei_build[0].outdir
    assert (build.outdir / links[1]).read_text(encoding="utf-8") == \
        (tei_dir / f"{DOCUMENT}.json").read_text(encoding="utf-8")
    assert jing(build.outdir / links[0]) == []


def test_other_pages_have_no_exports(edition_build):
    build = edition_build("html")
    for name in ("index.html", "note-on-the-text.html"):
        assert "data-exports" not in (build.outdir / name).read_text(encoding="utf-8")


# --- the fixture: a transcribed slot, places, an unknown node --------------------

@pytest.mark.sphinx("tei", testroot="tei")
def test_fixture_transcribed_slot(app):
    app.build()
    assert app.warning.getvalue() == ""
    path = Path(app.outdir) / "doc.xml"
    assert jing(path) == []
    tree = etree.parse(str(path))
    pending, filled = xpath(tree, "//tei:div[@type='original']/tei:p")
    assert xpath(pending, "tei:gap/@reason") == ["not-transcribed"]
    # the transcribed unit's original is one sentence (<s>, paired with the
    # English by text/sentences.py) holding the text and nothing else
    (sentence,) = filled
    assert sentence.tag == f"{{{NS['tei']}}}s" and sentence.get("corresp") == "#p2-en-s1"
    assert sentence.text == FIXTURE_CHINESE and not len(sentence) and not filled.text
    assert filled.get("corresp") == "#p2"
    data = json.loads((Path(app.outdir) / "doc.json").read_text(encoding="utf-8"))
    assert [u["original"] for u in data["units"]] == [None, FIXTURE_CHINESE]
    assert [u["status"] for u in data["units"]] == ["pending", "transcribed"]
    text = (Path(app.outdir) / "doc.txt").read_text(encoding="utf-8")
    assert f"original\t{FIXTURE_CHINESE}" in text
    # the book from the fixture's bib entry, names in both scripts
    assert xpath(tree, "//tei:bibl[@type='source']/tei:title[@xml:lang='zh-Hans']/text()") \
        == ["测试书"]


@pytest.mark.sphinx("tei", testroot="tei")
def test_fixture_entities_marks_and_unknown_nodes(app):
    app.build()
    tree = etree.parse(str(Path(app.outdir) / "doc.xml"))
    assert xpath(tree, "//tei:placeName/@ref") == ["#place-beijing"]
    assert xpath(tree, "//tei:listPlace/tei:place/@xml:id") == ["place-beijing"]
    assert xpath(tree, "//tei:orgName/@ref") == ["#organisation-fixture-office"]
    assert "the Fixture Office" in xpath(tree, "//tei:listOrg/tei:org/tei:orgName/text()")
    assert xpath(tree, "//tei:listPerson/tei:person/@xml:id") == ["person-fixture-person"]
    assert xpath(tree, "string(//tei:choice/tei:corr)") == "mistake"
    # a node the mapping does not know keeps its words, and the build says so
    first = xpath(tree, "//tei:p[@xml:id='p1']")[0]
    assert "It has an unmapped phrase and a" in "".join(first.itertext())
    assert "tei_fixture_ext.unknown_phrase has no TEI mapping" in app.status.getvalue()


@pytest.mark.sphinx("tei", testroot="tei")
def test_fixture_citations_point_to_their_works(app):
    app.build()
    tree = etree.parse(str(Path(app.outdir) / "doc.xml"))
    refs = xpath(tree, "//tei:text//tei:ref[@type='citation']")
    assert [r.get("target") for r in refs] == ["#fixturearticle"]
    # a work cited in the text gets its bibl from bib/; the source is in sourceDesc
    work = xpath(tree, "//tei:standOff/tei:listBibl[@type='cited']/tei:bibl")
    assert [w.get(XML_ID) for w in work] == ["fixturearticle"]
    assert xpath(work[0], "tei:title[not(@level)]/text()") == ["A Fixture Article"]
    assert xpath(work[0], "tei:title[@level='j']/text()") == ["Journal of Fixtures"]
    assert xpath(work[0], "tei:ref/@target") == ["https://example.org/fixture-article"]
    assert xpath(tree, "//tei:sourceDesc/tei:bibl[@type='source']/@xml:id") == ["fixturebook"]


@pytest.mark.sphinx("dirhtml", testroot="tei")
def test_fixture_page_links_resolve_in_dirhtml(app):
    app.build()
    assert app.warning.getvalue() == ""
    page_dir = Path(app.outdir) / "doc"
    page = lxml_html.parse(str(page_dir / "index.html"))
    links = page.xpath("//*[contains(@class, 'data-exports')]//a/@href")
    assert links == ["../_exports/doc.xml", "../_exports/doc.json", "../_exports/doc.txt"]
    for link in links:
        assert (page_dir / link).resolve().is_file()


def test_correction_outside_a_sic_is_reported(make_app, rootdir, tmp_path):
    srcdir = tmp_path / "tei-corr"
    shutil.copytree(rootdir / "test-tei", srcdir)
    doc = srcdir / "doc.md"
    text = doc.read_text(encoding="utf-8")
    doc.write_text(text.replace(":::{commentary} rejoin-fixture\n",
                                ":::{commentary} rejoin-fixture\n:corr: words\n"),
                   encoding="utf-8")
    app = make_app("tei", srcdir=srcdir)
    app.build()
    warnings = app.warning.getvalue()
    assert "doc.md" in warnings and "does not explain a sic mark" in warnings


@pytest.mark.sphinx("tei", testroot="tei")
def test_fixture_editorial_additions_stay_apart(app):
    app.build()
    tree = etree.parse(str(Path(app.outdir) / "doc.xml"))
    # (inside the sentence of the transcribed unit that holds it)
    added = xpath(tree, "//tei:p[@xml:id='p2']//tei:note[@type='addition']")
    assert len(added) == 1 and added[0].get("resp") == "#edition"
    assert "".join(added[0].itertext()) == " [an addition of the edition]"
    data = json.loads((Path(app.outdir) / "doc.json").read_text(encoding="utf-8"))
    second = data["units"][1]
    assert "two words rejoined, as Li and Doe" in second["en"]
    assert "addition" not in second["en"]
    assert second["notes"] == [] and [c["letter"] for c in second["commentary"]] == ["b"]


def test_list_entries_take_names_in_every_script_from_the_registers(tmp_path):
    """With the registers' data (read by attribute), entries carry all names."""
    from types import SimpleNamespace

    from docutils.utils import new_document
    from edition.nodes import mention
    from edition.outputs.tei.builder import register_lookup
    from edition.model.metadata import DocumentMeta
    from edition.outputs.tei.writer import Context, TeiWriter

    entity = SimpleNamespace(standard="Gomułka, Władysław",
                             spelled=("Gomulka", "Wladyslaw Gomulka"),
                             original=(("pl", "Władysław Gomułka"),),
                             identification="was the leader of the Polish Communist regime")
    env = SimpleNamespace(domains={"entity": SimpleNamespace(entities={"gomulka": entity})})
    lookup = register_lookup(env)
    assert register_lookup(SimpleNamespace(domains={})) is None
    doctree = new_document("fixture")
    writer = TeiWriter(doctree, Context(docname="fixture", meta=DocumentMeta(), project="Fixture",
                                        version="1", original_lang="zh-Hans",
                                        original_name="Chinese", register=lookup))
    parent = etree.Element("{http://www.tei-c.org/ns/1.0}p")
    writer.inline(mention("", "Gomulka", kind="person", key="gomulka"), parent)
    root = writer.write()
    entry = xpath(root, "//tei:listPerson/tei:person[@xml:id='person-gomulka']")[0]
    names = [(n.get("type"), n.get("{http://www.w3.org/XML/1998/namespace}lang"), n.text)
             for n in xpath(entry, "tei:persName")]
    assert names == [("standard", None, "Gomułka, Władysław"),
                     ("spelled", None, "Gomulka"), ("spelled", None, "Wladyslaw Gomulka"),
                     ("original", "pl", "Władysław Gomułka")]
    assert xpath(entry, "string(tei:note)") == entity.identification
    path = tmp_path / "registers.xml"
    etree.ElementTree(root).write(str(path), encoding="utf-8", xml_declaration=True)
    assert jing(path) == []


def test_a_label_used_twice_is_reported_and_the_file_stays_valid(make_app, rootdir, tmp_path):
    srcdir = tmp_path / "tei-ids"
    shutil.copytree(rootdir / "test-tei", srcdir)
    doc = srcdir / "doc.md"
    text = doc.read_text(encoding="utf-8").replace("rejoin-fixture", "p1")
    doc.write_text(text, encoding="utf-8")
    app = make_app("tei", srcdir=srcdir)
    app.build()
    assert "the label 'p1' names two things" in app.warning.getvalue()
    path = Path(app.outdir) / "doc.xml"
    assert jing(path) == []
    tree = etree.parse(str(path))
    assert xpath(tree, "//tei:seg[@type='rejoin']/text()") == ["two words"]


@pytest.mark.sphinx("html", testroot="tei", parallel=2)
def test_fixture_exports_in_a_parallel_html_build(app):
    app.build()
    assert app.warning.getvalue() == ""
    outdir = Path(app.outdir)
    page = lxml_html.parse(str(outdir / "doc.html"))
    links = page.xpath("//*[contains(@class, 'data-exports')]//a/@href")
    assert links == ["_exports/doc.xml", "_exports/doc.json", "_exports/doc.txt"]
    data = json.loads((outdir / "_exports" / "doc.json").read_text(encoding="utf-8"))
    assert len(data["units"]) == 2
    assert "data-exports" not in (outdir / "note.html").read_text(encoding="utf-8")
