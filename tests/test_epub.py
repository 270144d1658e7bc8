"""The EPUB: valid by epubcheck, accessible by DAISY Ace (EPUB Accessibility
1.1), every page in a declared language, the witness's text, true package
metadata, a full navigation document and semantics reading systems use."""

from __future__ import annotations

import re
from zipfile import ZipFile

import pytest
from lxml import etree

from epub_text import document_text, epub_file, page
from validators import ace_report, epubcheck_report
from witness import check

import edition_source
from conftest import ARTIFACTS, ROOT, build_project

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


NS = {"x": XHTML[1:-1], "epub": "http://www.idpf.org/2007/ops"}
XML = "{http://www.w3.org/XML/1998/namespace}lang"
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"


def test_notes_link_back_to_their_marks(epub):
    root = etree.fromstring(page(epub, DOCUMENT))
    ids = set(root.xpath("//@id"))
    notes = root.xpath("//x:section[@epub:type='endnotes' and @role='doc-endnotes']"
                       "/x:ol/x:li[@epub:type='endnote']", namespaces=NS)
    assert [note.get("id") for note in notes] == [f"note-{n}" for n in edition_source.notes()]
    for note in notes:
        backlinks = note.xpath(".//x:a[@role='doc-backlink']/@href", namespaces=NS)
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
    # the edition states no publisher and no licence (conf.py): nothing is
    # made up, and Sphinx's default (the author as publisher) is not used
    assert metadata.find(f"{DC}publisher") is None
    assert metadata.find(f"{DC}rights") is None
    assert package(epub).find(f"{OPF}guide") is None
    assert metadata.findtext(f"{DC}creator") == "Zhou Enlai"
    assert metadata.findtext(f"{DC}contributor") == "Zhang Shu Guang and Chen Jian"
    assert metadata.findtext(f"{DC}description").startswith("Zhou Enlai comments on the weaknesses")
    assert metadata.findtext(f"{DC}language") == "en"
    assert metadata.findtext(f"{DC}identifier").startswith("urn:uuid:")


# --- accessibility ---------------------------------------------------------------

#: DPUB-ARIA role of each epub:type the EPUB uses (None: its role is
#: deprecated, so none is set), as Ace's epub-type-has-matching-role wants
MATCHING_ROLE = {"noteref": "doc-noteref", "footnote": "doc-footnote", "endnote": None,
                 "endnotes": "doc-endnotes", "toc": "doc-toc", "page-list": "doc-pagelist",
                 "pagebreak": "doc-pagebreak", "landmarks": None}


def metadata_values(epub) -> dict[str, list[str]]:
    values: dict[str, list[str]] = {}
    for meta in package(epub).find(f"{OPF}metadata").iter(f"{OPF}meta"):
        values.setdefault(meta.get("property"), []).append(meta.text)
    return values


@pytest.mark.browser
def test_ace_finds_no_violation_and_no_missing_metadata(epub):
    """DAISY Ace, as a library or a publisher runs it before accepting a book."""
    report = ace_report(epub, ARTIFACTS / "ace")
    violations = [
        f"{assertion['earl:testSubject']['url']}: {test['earl:test']['earl:impact']} "
        f"{test['earl:test']['dct:title']}: {test['earl:result']['dct:description']}"
        for assertion in report["assertions"] for test in assertion["assertions"]]
    assert violations == []
    assert report["earl:result"]["earl:outcome"] == "pass"
    # The certifier fields name who evaluated the EPUB and with which
    # credential; no one has certified this edition, so they stay empty
    # (epub_accessibility_certifier in conf.py) rather than carry a name
    # that did not evaluate it.
    assert set(report["a11y-metadata"]["missing"]) <= {
        "a11y:certifiedBy", "a11y:certifierCredential", "a11y:certifierReport"}
    assert report["a11y-metadata"]["empty"] == []


def test_accessibility_metadata_says_what_the_epub_contains(epub):
    values = metadata_values(epub)
    with ZipFile(epub) as archive:
        files = [n for n in archive.namelist() if n.startswith("_images/")]
    # the images: the chronology's timeline and the editors' guide's
    # screenshots; visual as well as textual, and text alone suffices
    # (every one has a text alternative)
    assert "_images/chronology.svg" in files and len(files) >= 3
    shown = [(name, image) for name in pages(epub)
             for image in etree.fromstring(page(epub, name)).iter(f"{XHTML}img")]
    assert sorted({image.get("src").removeprefix("../") for _, image in shown}) == sorted(files)
    assert all(len(image.get("alt", "")) > 100 for _, image in shown)
    assert values["schema:accessMode"] == ["textual", "visual"]
    assert values["schema:accessModeSufficient"] == ["textual", "textual,visual"]
    # the timeline has a long description too: the list of events
    chronology = etree.fromstring(page(epub, "chronology.xhtml"))
    (image,) = chronology.iter(f"{XHTML}img")
    (events,) = chronology.xpath("//x:ul[@id=$i]", i=image.get("aria-details"), namespaces=NS)
    assert len(events) == edition_source.events()
    # longDescription is claimed only when every image has one; the
    # screenshots have their alt text and caption, no more
    described = all(image.get("aria-details") for _, image in shown)
    assert values["schema:accessibilityFeature"] == [
        "structuralNavigation", "tableOfContents", "readingOrder", "alternativeText",
        *(["longDescription"] if described else []), "ARIA", "displayTransformability"]
    assert values["schema:accessibilityHazard"] == ["none"]
    (summary,) = values["schema:accessibilitySummary"]
    assert "text alternative" in summary and "paragraph number" in summary
    assert values["dcterms:conformsTo"] == ["EPUB Accessibility 1.1 - WCAG 2.1 Level AA"]
    assert "a11y:certifiedBy" not in values


#: CSS that moves: an animation or transition property, or keyframes
MOVING_CSS = re.compile(r"@keyframes|\b(?:animation|transition)[\w-]*\s*:")


def test_nothing_flashes_moves_or_sounds(epub):
    """accessibilityHazard none: no animation, transition, sound or video.

    Markup and styles only: the words may stand in the text (the editors'
    guide's settings table explains the hazards)."""
    with ZipFile(epub) as archive:
        for name in archive.namelist():
            if not name.endswith((".xhtml", ".css", ".svg")):
                continue
            text = archive.read(name).decode("utf-8")
            for hazard in ("<audio", "<video", "<animate", "<marquee", "<blink"):
                assert hazard not in text, f"{hazard} in {name}"
            if name.endswith(".css"):
                styles = [text]
            else:
                root = etree.fromstring(text.encode())
                styles = [*root.xpath("//*[local-name()='style']/text()"),
                          *root.xpath("//@style")]
            for style in styles:
                assert not MOVING_CSS.search(style), f"{MOVING_CSS.search(style)[0]} in {name}"


def test_every_epub_type_has_its_matching_role(epub):
    seen = set()
    for name in [*pages(epub)]:
        root = etree.fromstring(page(epub, name))
        in_landmarks = set(root.xpath("//x:nav[@epub:type='landmarks']//*", namespaces=NS))
        for element in root.iter():
            kind = element.get(EPUB_TYPE)
            if kind is None or element in in_landmarks:
                continue
            assert kind in MATCHING_ROLE, f"{name}: epub:type {kind} has no known role"
            assert element.get("role") == MATCHING_ROLE[kind], (name, kind, element.get("id"))
            seen.add(kind)
    assert {"noteref", "footnote", "endnote", "endnotes", "toc"} <= seen
    document = etree.fromstring(page(epub, DOCUMENT))
    commentary = document.xpath("//x:aside[contains(@class, 'commentary')]", namespaces=NS)
    written = (ROOT / "source" / "117033.md").read_text(encoding="utf-8").count("{commentary}")
    assert len(commentary) == written > 0
    assert {c.get(EPUB_TYPE) for c in commentary} == {"footnote"}
    letters = document.xpath("//x:a[contains(@class, 'commentary-ref')]", namespaces=NS)
    assert {a.get(EPUB_TYPE) for a in letters} == {"noteref"}


def test_note_numbers_have_no_brackets(epub):
    document = etree.fromstring(page(epub, DOCUMENT))
    refs = document.xpath("//x:a[@epub:type='noteref' and contains(@class, 'footnote-reference')]",
                          namespaces=NS)
    assert ["".join(ref.itertext()) for ref in refs] == edition_source.notes()
    assert all(ref[0].tag == f"{XHTML}sup" for ref in refs)
    labels = document.xpath("//x:li[@epub:type='endnote']/x:span[@class='label']", namespaces=NS)
    assert ["".join(label.itertext()) for label in labels] == edition_source.notes()
    assert not document.xpath("//*[contains(@class, 'brackets') or contains(@class, 'fn-bracket')]")


def nav_entries(epub) -> list[tuple[int, str, str]]:
    """(depth, text, href) of the navigation document's table of contents."""
    nav = etree.fromstring(page(epub, "nav.xhtml"))
    (toc,) = nav.xpath("//x:nav[@epub:type='toc']", namespaces=NS)
    return [(len(a.xpath("ancestor::x:ol", namespaces=NS)), a.text, a.get("href"))
            for a in toc.iter(f"{XHTML}a")]


def test_navigation_lists_every_page_and_the_notes(epub):
    entries = nav_entries(epub)
    hrefs = [href for _, _, href in entries]
    for href in (DOCUMENT, f"{DOCUMENT}#notes", "note-on-the-text.xhtml", "about-the-source.xhtml",
                 "bibliography.xhtml", "registers.xhtml", "persons.xhtml", "places.xhtml",
                 "organisations.xhtml", "chronology.xhtml", "how-to-cite.xhtml"):
        assert href in hrefs
    assert (2, "Notes", f"{DOCUMENT}#notes") in entries
    assert (2, "Persons", "persons.xhtml") in entries
    # every entry leads somewhere
    for _, text, href in entries:
        name, _, anchor = href.partition("#")
        root = etree.fromstring(page(epub, name))
        assert not anchor or root.xpath("//*[@id=$a]", a=anchor), f"{text}: {href}"
    nav = etree.fromstring(page(epub, "nav.xhtml"))
    landmarks = nav.xpath("//x:nav[@epub:type='landmarks']//x:a", namespaces=NS)
    assert [(a.get(EPUB_TYPE), a.get("href")) for a in landmarks] == [("bodymatter", DOCUMENT)]
    # no page list: the edition's locators are paragraph numbers (epub.py)
    assert not nav.xpath("//x:nav[@epub:type='page-list']", namespaces=NS)


def test_units_are_the_locators_a_citation_points_to(epub):
    """"¶ 7" of a citation is 117033.xhtml#p7, as it is #p7 on the web."""
    document = etree.fromstring(page(epub, DOCUMENT))
    units = document.xpath("//x:div[contains(concat(' ', @class, ' '), ' unit ')]/@id",
                           namespaces=NS)
    assert units == edition_source.units()


# --- stylesheets: reading systems and their night modes ------------------------------

def luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_pages_link_only_the_epub_stylesheets(epub):
    allowed = {"_static/pygments.css", "_static/epub.css", "_static/edition-epub.css"}
    with ZipFile(epub) as archive:
        assert {n for n in archive.namelist() if n.endswith(".css")} == allowed
    for name in pages(epub):
        root = etree.fromstring(page(epub, name))
        links = {link.get("href").removeprefix("../")
                 for link in root.iter(f"{XHTML}link") if link.get("rel") == "stylesheet"}
        assert links <= allowed, name


def test_colours_survive_night_modes(epub):
    """A reading system's night mode puts its own paper and ink behind the
    text: a colour that marks a hand reads on white and on black (4.5:1),
    shading is translucent, and no rule sets the ink of running text."""
    css = page(epub, "_static/edition-epub.css").decode("utf-8")
    rules = re.findall(r"([^{}]+)\{([^}]*)\}", re.sub(r"/\*.*?\*/", "", css, flags=re.S))
    colours = []
    for selector, body in rules:
        for prop, value in re.findall(r"([\w-]+)\s*:\s*([^;]+)", body):
            if prop == "color" and value.strip() != "inherit":
                colours.append(value.strip())
            if prop.startswith("background"):
                opaque = re.fullmatch(r"#[0-9a-f]{6}", value.strip())
                # the timeline keeps its own light paper: its colours need it
                assert not opaque or selector.strip().endswith("img"), (selector, value)
            for colour in re.findall(r"#[0-9a-f]{6}", value):
                if prop.startswith("border"):
                    assert contrast(colour, "#ffffff") >= 3 or contrast(colour, "#000000") >= 3
    assert colours, "no colour marks a hand"
    for colour in colours:
        assert contrast(colour, "#ffffff") >= 4.5 and contrast(colour, "#000000") >= 4.5, colour


def test_publisher_and_rights_come_from_the_edition(tmp_path):
    """Unset, they are left out (above: the package has neither); set in
    conf.py, they are what the package says."""
    build = build_project(ROOT / "source", ROOT, tmp_path, "epub",
                          edition_publisher="An Example Press",
                          edition_licence="CC BY 4.0")
    assert build.warnings == ""
    metadata = package(epub_file(build.outdir)).find(f"{OPF}metadata")
    assert metadata.findtext(f"{DC}publisher") == "An Example Press"
    assert metadata.findtext(f"{DC}rights") == "CC BY 4.0"


# --- the parallel text at full size (issue 12): the FIXTURE project ------------------

FULLSIZE = ROOT / "tests" / "roots" / "test-fullsize"
#: the EPUB settings of the edition's conf.py that a fixture project lacks
FIXTURE_EPUB = {"epub_theme": "edition-epub", "epub_uid": "fixture-id",
                "epub_identifier": "urn:uuid:00000000-0000-5000-8000-000000000000",
                "epub_show_urls": "no", "epub_use_index": False,
                "epub_tocscope": "includehidden", "version": "0"}


@pytest.fixture(scope="module")
def fullsize_epub(tmp_path_factory):
    build = build_project(FULLSIZE, FULLSIZE, tmp_path_factory.mktemp("fullsize"), "epub",
                          **FIXTURE_EPUB)
    assert build.warnings == ""
    return epub_file(build.outdir)


@pytest.mark.browser
def test_fullsize_epub_passes_epubcheck_and_ace(fullsize_epub):
    report = epubcheck_report(fullsize_epub)
    messages = [readable(message) for message in report["messages"]]
    assert {k: report["checker"][k] for k in ("nFatal", "nError", "nWarning")} == {
        "nFatal": 0, "nError": 0, "nWarning": 0}, messages
    ace = ace_report(fullsize_epub, ARTIFACTS / "ace-fullsize")
    assert [test["earl:test"]["dct:title"] for assertion in ace["assertions"]
            for test in assertion["assertions"]] == []


def test_fullsize_pairs_are_stacked_with_their_languages(fullsize_epub):
    """Each unit: the translation, then the original below it, each side
    saying its language; a pending slot says that it is pending."""
    for name, filled in (("full.xhtml", 11), ("partial.xhtml", None)):
        root = etree.fromstring(page(fullsize_epub, name))
        units = root.xpath("//x:div[contains(concat(' ', @class, ' '), ' unit ')]", namespaces=NS)
        assert [u.get("id") for u in units] == [f"p{n}" for n in range(1, 12)]
        transcribed = 0
        for unit in units:
            sides = unit.xpath("x:div[contains(@class, 'side ')]", namespaces=NS)
            assert [("side-translation" in s.get("class"), "side-original" in s.get("class"))
                    for s in sides] == [(True, False), (False, True)], unit.get("id")
            translation, original = sides
            assert translation.get("lang") == translation.get(XML) == "en"
            assert original.get("lang") == original.get(XML) == "zh-Hans"
            text = "".join(original.itertext())
            if "slot-pending" in original.get("class"):
                assert "not yet transcribed" in text
            else:
                transcribed += 1
                assert sum("\u4e00" <= ch <= "\u9fff" for ch in text) > 20, unit.get("id")
        if filled is not None:
            assert transcribed == filled
        else:
            assert 0 < transcribed < 11


def test_fullsize_original_notes_are_notes_of_the_one_series(fullsize_epub):
    root = etree.fromstring(page(fullsize_epub, "full.xhtml"))
    (ref,) = root.xpath("//x:div[contains(@class, 'side-original')]"
                        "//x:a[@epub:type='noteref']", namespaces=NS)
    assert ref.get("role") == "doc-noteref" and "".join(ref.itertext()) == "7"
    (note,) = root.xpath("//x:li[@id=$i]", i=ref.get("href")[1:], namespaces=NS)
    assert note.get(EPUB_TYPE) == "endnote"
    assert note.getparent().getparent().get(EPUB_TYPE) == "endnotes"
    # in the list at the end, the note keeps the language of its side
    assert note.get("lang") == note.get(XML) == "zh-Hans"
    assert "FIXTURE note on the original side" in "".join(note.itertext())
    labels = root.xpath("//x:li[@epub:type='endnote']/x:span[@class='label']", namespaces=NS)
    assert ["".join(label.itertext()) for label in labels] == [str(n) for n in range(1, 8)]


def test_page_breaks_of_a_printed_source_make_a_page_list(tmp_path):
    """No page of the edition carries one yet (its original is not
    transcribed): the rule, on a page as the html visitors would write it."""
    from types import SimpleNamespace

    from edition.outputs import epub as epub_module

    body = ('<div class="side side-original" lang="zh-Hans"><p>甲<span role="doc-pagebreak" '
            'id="page-303" aria-label="303"></span>乙</p></div>')
    written = epub_module.epub_body(body)
    assert 'epub:type="pagebreak"' in written
    (tmp_path / "doc.xhtml").write_text(
        f'<html xmlns="{XHTML[1:-1]}" xmlns:epub="http://www.idpf.org/2007/ops"><body>'
        f"{written}</body></html>", encoding="utf-8")
    facts = epub_module.ContentFacts.read(tmp_path, ["doc.xhtml"])
    assert [(b.href, b.label) for b in facts.page_breaks] == [("doc.xhtml#page-303", "303")]
    config = SimpleNamespace(
        epub_access_modes=None, epub_access_modes_sufficient=None,
        epub_accessibility_features=None, epub_accessibility_hazards=("none",),
        epub_accessibility_summary="", epub_accessibility_conformance="",
        epub_accessibility_certifier="", epub_page_break_source="Shi 1993")
    properties = epub_module.accessibility_metadata(config, facts)
    features = [v for p, v in properties if p == "schema:accessibilityFeature"]
    assert {"pageBreakMarkers", "pageNavigation"} <= set(features)
    assert ("pageBreakSource", "Shi 1993") in properties
    assert ("schema:accessMode", "textual") in properties
    assert not [p for p, _ in properties if p == "dcterms:conformsTo"]


@pytest.mark.browser
def test_page_breaks_of_a_filled_slot_make_a_page_list_checkers_accept(tmp_path):
    """{pb} in a transcribed original (FIXTURE project test-slot): a
    pagebreak marker, a page list whose entries are the page numbers, and
    the printed source named in the package (pageBreakSource, from the
    document's source as its {pb} labels cite it), clean by epubcheck and Ace."""
    slot = ROOT / "tests" / "roots" / "test-slot"
    build = build_project(slot, slot, tmp_path, "epub", **FIXTURE_EPUB)
    assert build.warnings == ""
    epub = epub_file(build.outdir)
    document = etree.fromstring(page(epub, "doc.xhtml"))
    (marker,) = document.xpath("//*[@role='doc-pagebreak']")
    assert marker.get(EPUB_TYPE) == "pagebreak" and marker.get("id") == "page-11"
    nav = etree.fromstring(page(epub, "nav.xhtml"))
    (pagelist,) = nav.xpath("//x:nav[@epub:type='page-list']", namespaces=NS)
    assert pagelist.get("role") == "doc-pagelist"
    assert [(a.text, a.get("href")) for a in pagelist.iter(f"{XHTML}a")] == [
        ("11", "doc.xhtml#page-11")]
    values = metadata_values(epub)
    assert {"pageBreakMarkers", "pageNavigation"} <= set(values["schema:accessibilityFeature"])
    assert values["pageBreakSource"] == ["Fixture 1990"]
    report = epubcheck_report(epub)
    assert {k: report["checker"][k] for k in ("nFatal", "nError", "nWarning")} == {
        "nFatal": 0, "nError": 0, "nWarning": 0}, [readable(m) for m in report["messages"]]
    ace = ace_report(epub, ARTIFACTS / "ace-slot")
    assert [test["earl:test"]["dct:title"] for assertion in ace["assertions"]
            for test in assertion["assertions"]] == []


def test_chinese_script_says_its_language_on_every_page(epub):
    """WCAG 3.1.2: names and titles in Chinese script within English text
    (bibliography, citations, registers) are marked as Chinese."""
    han = re.compile(r"[\u4e00-\u9fff]")
    tagged = 0
    for name in pages(epub):
        root = etree.fromstring(page(epub, name))
        for element in root.iter():
            if not isinstance(element.tag, str):
                continue
            for text, owner in ((element.text, element), (element.tail, element.getparent())):
                if not text or not han.search(text) or owner is None:
                    continue
                lang = next((e.get("lang") for e in (owner, *owner.iterancestors())
                             if e.get("lang")), None)
                assert lang and lang.startswith("zh"), f"{name}: {text.strip()[:30]} is in {lang}"
                tagged += 1
    # the edition's few names in original script (registers, with their basis:
    # source/entities.yaml); the Chinese sides are tried on the FIXTURE projects
    assert tagged >= 1


def test_epub_document_is_the_witness_exactly(epub):
    """Paragraph by paragraph and note by note (html_text.units, marks by class)."""
    from epub_text import page_units
    from witness import check_exact

    assert check_exact(*page_units(epub, DOCUMENT)) == []


def test_epub_responsibility_fields_come_from_the_edition(epub, edition_build):
    """dc:publisher and dc:rights come from conf.py's edition values
    (citation/responsibility.py); while unset, the package leaves them out:
    metadata is a value, not a sentence, and the book's pages say plainly
    that none is named."""
    from edition.citation import responsibility

    config = edition_build("epub").app.config
    metadata = package(epub).find(f"{OPF}metadata")
    for element, name in ((f"{DC}publisher", "edition_publisher"),
                          (f"{DC}rights", "edition_licence")):
        expected = responsibility.value(config, name)
        assert metadata.findtext(element) == (expected or None)
    assert metadata.findtext(f"{DC}identifier") == "urn:uuid:cd515536-cdc3-5533-930c-af4e4423f1f9"


def test_reading_text_has_typographic_quotes(epub):
    """The EPUB reads as the web pages do (typography.py); the fidelity check
    above takes the quote shapes as equal."""
    text = document_text(epub, DOCUMENT)
    words = text.body + text.all_notes
    assert not [w for w in words if "'" in w or '"' in w]
    assert "“following" in text.body and "Zhou’s" in text.all_notes
