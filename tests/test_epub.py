"""The EPUB: valid by epubcheck, every page in a declared language, the witness's text."""

from __future__ import annotations

import re
from zipfile import ZipFile

import pytest
from lxml import etree

from epub_text import document_text, epub_file, page
from validators import epubcheck_report
from witness import check

DOCUMENT = "117033.xhtml"
XHTML = "{http://www.w3.org/1999/xhtml}"
OPF = "{http://www.idpf.org/2007/opf}"
DC = "{http://purl.org/dc/elements/1.1/}"


@pytest.fixture(scope="module")
def epub(edition_build):
    build = edition_build("epub")
    assert build.warnings == ""
    return epub_file(build.outdir)


def pages(epub):
    with ZipFile(epub) as archive:
        return [name for name in archive.namelist() if name.endswith(".xhtml")]


def package(epub):
    return etree.fromstring(page(epub, "content.opf"))


def readable(message: dict) -> str:
    """``ERROR RSC-005 content.opf:13: ...`` from one message of epubcheck's JSON."""
    where = " ".join(f"{at['path']}:{at['line']}" for at in message["locations"][:1])
    return f"{message['severity']} {message['ID']} {where}: {message['message']}"


def test_epubcheck_finds_nothing(epub):
    report = epubcheck_report(epub)
    counts = {key: report["checker"][key] for key in ("nFatal", "nError", "nWarning")}
    messages = [readable(message) for message in report["messages"]]
    assert counts == {"nFatal": 0, "nError": 0, "nWarning": 0}, messages


def test_every_page_declares_its_language(epub):
    assert DOCUMENT in pages(epub)
    for name in pages(epub):
        root = etree.fromstring(page(epub, name))
        assert root.tag == f"{XHTML}html", name
        assert root.get("lang") == "en", name
        assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "en", name


def test_epub_document_is_the_witness(epub):
    assert check(document_text(epub, DOCUMENT)) == []


def test_notes_link_back_to_their_marks(epub):
    root = etree.fromstring(page(epub, DOCUMENT))
    ids = set(root.xpath("//@id"))
    notes = root.xpath("//x:aside[contains(@class, 'footnote') and not(contains(@class, 'footnote-list'))]",
                       namespaces={"x": XHTML[1:-1]})
    assert len(notes) == 6
    for note in notes:
        backlinks = note.xpath(".//x:a[@role='doc-backlink']/@href", namespaces={"x": XHTML[1:-1]})
        assert backlinks, f"note {note.get('id')} has no back-link"
        assert all(href.lstrip("#") in ids for href in backlinks)


def test_contents_hold_the_edition_and_no_generated_junk(epub):
    opf = package(epub)
    hrefs = [item.get("href") for item in opf.iter(f"{OPF}item")]
    assert {DOCUMENT, "note-on-the-text.xhtml", "bibliography.xhtml"} <= set(hrefs)
    assert not [h for h in hrefs if re.match(r"(genindex|search|py-modindex)", h)]
    assert not [h for h in hrefs if h.endswith(".js")]
    spine = [ref.get("idref") for ref in opf.iter(f"{OPF}itemref")]
    ids = {item.get("id"): item.get("href") for item in opf.iter(f"{OPF}item")}
    assert ids[spine[0]] == "index.xhtml"
    assert ids[spine[1]] == DOCUMENT


def test_package_metadata_comes_from_the_document(epub):
    metadata = package(epub).find(f"{OPF}metadata")
    assert metadata.findtext(f"{DC}creator") == "Zhou Enlai"
    assert metadata.findtext(f"{DC}contributor") == "Zhang Shu Guang and Chen Jian"
    assert metadata.findtext(f"{DC}description").startswith("Zhou Enlai comments on the weaknesses")
    assert metadata.findtext(f"{DC}language") == "en"
    assert metadata.findtext(f"{DC}identifier").startswith("urn:uuid:")


def test_epub_document_is_the_witness_exactly(epub):
    """Paragraph by paragraph and note by note (html_text.units, marks by class)."""
    from epub_text import page_units
    from witness import check_exact

    assert check_exact(*page_units(epub, DOCUMENT)) == []


def test_epub_responsibility_fields_say_what_is_unset(epub, edition_build):
    """dc:publisher and dc:rights come from conf.py's edition values, never a
    made-up sentence; while unset, they say so (citation/responsibility.py)."""
    from edition.citation import responsibility

    config = edition_build("epub").app.config
    metadata = package(epub).find(f"{OPF}metadata")
    assert metadata.findtext(f"{DC}publisher") == responsibility.statement(
        config, "edition_publisher")
    assert metadata.findtext(f"{DC}rights") == responsibility.statement(config, "edition_licence")
    assert metadata.findtext(f"{DC}identifier") == "urn:uuid:cd515536-cdc3-5533-930c-af4e4423f1f9"


def test_reading_text_has_typographic_quotes(epub):
    """The EPUB reads as the web pages do (typography.py); the fidelity check
    above takes the quote shapes as equal."""
    text = document_text(epub, DOCUMENT)
    words = text.body + text.all_notes
    assert not [w for w in words if "'" in w or '"' in w]
    assert "“following" in text.body and "Zhou’s" in text.all_notes
