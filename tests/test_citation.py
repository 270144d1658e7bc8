"""Bibliography and citation: Chicago forms, citations, exports, head metadata.

The expected Chicago strings are written by hand from *The Chicago Manual of
Style*, 18th ed. (notes and bibliography): CMOS 14 for the forms, 11.91 and
14.98 for titles in Chinese (romanised title, characters, English in
brackets), 9.64 for inclusive page numbers, 6.9 for commas and periods
inside quotation marks. Italics are written ``<em>``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import bibtexparser
import pytest
import rispy
import yaml
from lxml import html as lxml_html
from pybtex.database import parse_file
from sphinx.testing.util import _clean_up_global_state

from conftest import BASEURL, ROOT
from html_text import document_text
from witness import QUOTE_SHAPES, check

from edition.citation import chicago

BIB = ROOT / "bib" / "edition.bib"
#: the archive's public permalink for the record (the witness was captured elsewhere)
URL = "https://digitalarchive.wilsoncenter.org/document/117033"
LINK = f'<a href="{URL}">{URL}</a>'
TITLE = ("Report, 'My Observations on the Soviet Union,' Zhou Enlai to Mao Zedong "
         "and the Central Leadership (Excerpt)")
#: the title in a Chicago form: curly quotation marks, single inside double (CMOS 6.11)
CURLY = ("Report, ‘My Observations on the Soviet Union,’ Zhou Enlai to Mao Zedong "
         "and the Central Leadership (Excerpt)")
PROTECTED = '<span class="bibtex-protected">{}</span>'
SHI_NOTE = ("Shi Zhongquan, <em>Zhou Enlai de zhuoyue fengxian</em> [Remarkable achievements "
            "and contributions of " + PROTECTED.format("Zhou Enlai") + "] (Beijing: "
            "Zhonggong zhongyang dangxiao chubanshe, 1993)")

#: key -> (locator, full note, short note, bibliography entry), checked against
#: CMOS 18: 14.6 translators after the title; 11.91 and 14.98 the English
#: rendering of a title in brackets, sentence-style and roman; 6.11 nested
#: quotation marks; 14.89 an unsigned newspaper article under the paper;
#: 14.49 no date of access for a dated source; 9.64 inclusive numbers
EXPECTED = {
    "shi1993": (
        "302-305",
        SHI_NOTE + ", 302–5",
        "Shi, <em>Zhou Enlai de zhuoyue fengxian</em>, 302–5",
        "Shi Zhongquan. <em>Zhou Enlai de zhuoyue fengxian</em> [Remarkable achievements and "
        "contributions of " + PROTECTED.format("Zhou Enlai") + "]. Beijing: Zhonggong "
        "zhongyang dangxiao chubanshe, 1993.",
    ),
    "wilson117033": (
        "",
        f"Zhou Enlai, “{CURLY},” January 24, 1957, trans. Zhang Shu Guang and Chen Jian, "
        f"record 117033, Wilson Center Digital Archive, {LINK}",
        "Zhou, “My Observations on the Soviet Union”",
        f"Zhou Enlai. “{CURLY}.” January 24, 1957. Translated by Zhang Shu Guang and Chen "
        f"Jian. Record 117033. Wilson Center Digital Archive. {LINK}.",
    ),
    "soviet1956declaration": (
        "",
        "Soviet Government, “Declaration on Developing and Further Strengthening the "
        "Friendship and Cooperation between the Soviet Union and Other Socialist "
        "Countries,” October 30, 1956",
        "Soviet Government, “Declaration on Developing and Further Strengthening”",
        "Soviet Government. “Declaration on Developing and Further Strengthening the "
        "Friendship and Cooperation between the Soviet Union and Other Socialist "
        "Countries.” October 30, 1956.",
    ),
    "renmin1956": (
        "",
        "[Another comment on the historical lessons of the proletarian dictatorship], "
        "<em>Renmin ribao</em> [" + PROTECTED.format("People’s Daily") + "], December 29, 1956",
        "[Another comment]",
        "<em>Renmin ribao</em> [" + PROTECTED.format("People’s Daily") + "]. [Another comment "
        "on the historical lessons of the proletarian dictatorship]. December 29, 1956.",
    ),
    "cldr": (
        "",
        "Unicode Consortium, <em>Unicode Common Locale Data Repository (" +
        PROTECTED.format("CLDR") + ")</em>, version 49, "
        '<a href="https://cldr.unicode.org/">https://cldr.unicode.org/</a>',
        "Unicode Consortium, <em>Unicode Common Locale Data Repository (" +
        PROTECTED.format("CLDR") + ")</em>",
        "Unicode Consortium. <em>Unicode Common Locale Data Repository (" +
        PROTECTED.format("CLDR") + ")</em>. Version 49. "
        '<a href="https://cldr.unicode.org/">https://cldr.unicode.org/</a>.',
    ),
}


def entries():
    return parse_file(str(BIB)).entries


def as_html(text) -> str:
    return text.render_as("html").replace("&#x27;", "'")


# --- the Chicago style -----------------------------------------------------------

def test_every_entry_has_expected_forms():
    assert set(entries()) == set(EXPECTED)


@pytest.mark.parametrize("key", EXPECTED)
def test_chicago_forms(key):
    entry = entries()[key]
    locator, full, short, bibliography = EXPECTED[key]
    assert as_html(chicago.note(entry, locator)) == full
    assert as_html(chicago.note(entry, locator, short=True)) == short
    assert as_html(chicago.bibliography(entry)) == bibliography


def test_short_form_with_the_locator_of_note_3():
    entry = entries()["shi1993"]
    assert as_html(chicago.note(entry, "299-300", short=True)) == \
        "Shi, <em>Zhou Enlai de zhuoyue fengxian</em>, 299–300"


@pytest.mark.parametrize("given, expected", [
    ("302-305", "302–5"), ("299-300", "299–300"), ("3-10", "3–10"), ("71-72", "71–72"),
    ("96-117", "96–117"), ("100-104", "100–104"), ("1100-1113", "1100–1113"),
    ("101-108", "101–8"), ("808-833", "808–33"), ("1103-1104", "1103–4"),
    ("321-328", "321–28"), ("498-532", "498–532"), ("1087-1089", "1087–89"),
    ("11564-11615", "11564–615"), ("12991-13001", "12991–3001"),
    ("1496-1504", "1496–1504"), ("2787-2816", "2787–2816"), ("299", "299"), ("¶ 7", "¶ 7"),
])
def test_page_ranges_follow_cmos_9_64(given, expected):
    assert chicago.format_locator(given) == expected


def test_bibliography_is_alphabetical():
    ordered = [e.key for e in chicago.ChicagoStyle().sort(entries().values())]
    assert ordered == ["renmin1956", "shi1993", "soviet1956declaration", "cldr",
                       "wilson117033"]


def test_one_entry_per_work():
    """Record 117033 is one work: one entry, which names its translators."""
    records = [k for k, e in entries().items() if e.fields.get("number") == "117033"]
    assert records == ["wilson117033"]
    assert "Zhang Shu Guang and Chen Jian" in chicago.note(entries()["wilson117033"]).render_as("text")


def test_nested_quotation_marks_are_curly_and_the_witness_keeps_its_own(site):
    note = chicago.note(entries()["wilson117033"]).render_as("text")
    assert "“Report, ‘My Observations on the Soviet Union,’ Zhou Enlai" in note
    assert "'" not in note
    # the witness's own quotation marks: typographic on the page (typography.py),
    # straight, as the capture types them, in the data exports
    p7 = page(site, "117033").xpath("//div[@id='p7']")[0].text_content()
    assert "“following the Soviet leadership.”" in p7
    exported = (site.outdir / "_exports" / "117033.txt").read_text(encoding="utf-8")
    assert '"following the Soviet leadership."' in exported


# --- the real edition, built with an address --------------------------------------------

@pytest.fixture(scope="module")
def site(edition_build):
    build = edition_build("html", html_baseurl=BASEURL)
    assert build.warnings == ""
    return build


def page(site, name):
    return lxml_html.parse(str(site.outdir / f"{name}.html"))


def text_of(element) -> str:
    return re.sub(r"\s+", " ", element.text_content()).strip()


def test_header_gives_the_source_in_chicago_form(site):
    field = page(site, "117033").xpath("//dd[contains(@class, 'field-source')]")[0]
    assert text_of(field) == re.sub(r"<[^>]+>", "", SHI_NOTE) + ", 302–5"
    assert field.xpath(".//em")[0].text == "Zhou Enlai de zhuoyue fengxian"
    assert field.xpath(".//a/@href")[0].startswith("bibliography.html#")


def test_note_3_cites_on_the_records_own_words(site):
    """The record's parenthesis is the citation's anchor: linked, the Chicago
    form its tooltip and in the commentary, and no word added to the note."""
    note = page(site, "117033").xpath("//aside[@id='note-3']")[0]
    [words] = note.xpath("./p//span[contains(@class, 'citation-words')]")
    links = words.xpath("./a[contains(@class, 'citation-link')]")
    # two runs of words: the commentary letter after the sic mark is a link of
    # its own, which no link may enclose
    assert [text_of(a) for a in links] == ["(Shi Zhongquan, Zhou Enlai de zhuoyeu sic",
                                           "fengxian, 299-300)"]
    for link in links:
        assert link.get("href").startswith("bibliography.html#")
        assert link.get("title") == "Shi, Zhou Enlai de zhuoyue fengxian, 299–300"
        assert not link.xpath(".//a")
    # the sic mark survives inside the citation, with its commentary letter
    assert words.xpath(".//*[contains(@class, 'mark-sic')]")[0].text_content().startswith("zhuoyeu")
    assert words.xpath("./a[contains(@class, 'commentary-ref')]")
    # nothing stands between the parenthesis and the note's final period
    assert text_of(note.xpath("./p")[0]).endswith("fengxian, 299-300).")
    # the Chicago form is in the apparatus: the commentary on the note
    commentary = note.xpath(".//aside[contains(@class, 'commentary')]")[0]
    assert "The parenthesis cites Shi, Zhou Enlai de zhuoyue fengxian, 299–300." in \
        text_of(commentary)
    assert check(document_text(site.outdir / "117033.html")) == []


def test_notes_5_6_and_paragraph_9_link_their_works(site):
    tree = page(site, "117033")
    links = {text_of(a): a for a in tree.xpath("//a[contains(@class, 'citation-link')]")}
    declaration = links["Declaration on Developing and Further Strengthening the Friendship "
                        "and Cooperation between the Soviet Union and other Socialist Countries"]
    article = links["Another Comment on the Historical Lessons of the Proletarian Dictatorship"]
    this_article = links["This article"]
    for link in (declaration, article, this_article):
        assert link.get("href").startswith("bibliography.html#")
    assert article.get("href") == this_article.get("href")
    # full form at the first citation (paragraph 9), short after (note 6)
    assert article.get("title").startswith("[Another comment on the historical lessons")
    assert this_article.get("title") == "[Another comment]"


def test_bibliography_lists_every_cited_entry(site):
    listed = text_of(page(site, "bibliography").xpath("//main")[0])
    cited = {target.key for ref in site.app.env.get_domain("cite").citation_refs
             for target in ref.targets}
    assert cited >= {"shi1993", "wilson117033", "renmin1956", "soviet1956declaration"}
    for key in cited | set(EXPECTED):
        expected = re.sub(r"<[^>]+>", "", EXPECTED[key][3])
        # the page sets quotation marks typographically (typography.py)
        assert expected.translate(QUOTE_SHAPES) in listed.translate(QUOTE_SHAPES), key


def test_head_metadata(site):
    tree = page(site, "117033")
    meta: dict[str, list[str]] = {}
    for tag in tree.xpath("//head/meta[@name]"):
        meta.setdefault(tag.get("name"), []).append(tag.get("content"))
    assert meta["citation_title"] == [TITLE]
    assert meta["citation_author"] == ["Zhou, Enlai"]  # Highwire's "Family, Given"
    assert meta["citation_publication_date"] == ["1957/01/24"]
    assert meta["citation_language"] == ["en"]
    assert meta["citation_public_url"] == [BASEURL + "117033.html"]
    assert meta["DC.creator"] == ["Zhou Enlai"]
    assert meta["DC.contributor"] == ["Zhang Shu Guang", "Chen Jian"]
    assert meta["DC.date"] == ["1957-01-24"]
    assert meta["DC.source"][0].startswith("Shi Zhongquan, Zhou Enlai de zhuoyue fengxian")
    assert meta["DC.source"][0].endswith("302–5")
    assert meta["DC.relation"] == [URL]
    scripts = tree.xpath("//head/script[@type='application/ld+json']")
    assert len(scripts) == 1
    data = json.loads(scripts[0].text)
    assert data["@context"] == "https://schema.org"
    assert data["author"] == {"@type": "Person", "name": "Zhou Enlai"}
    assert [r["name"] for r in data["recipient"]] == ["Mao Zedong", "the Central Leadership"]
    assert data["dateCreated"] == "1957-01-24"
    assert [t["name"] for t in data["translator"]] == ["Zhang Shu Guang", "Chen Jian"]
    archive, book = data["isBasedOn"]
    assert archive["url"] == URL and archive["identifier"] == "117033"
    assert book["@type"] == "Book" and book["name"] == "Zhou Enlai de zhuoyue fengxian"
    assert book["author"] == [{"@type": "Person", "name": "Shi Zhongquan"}]
    assert book["pagination"] == "302-305"
    # pages that are not edited documents carry none of it
    assert not page(site, "bibliography").xpath("//head/meta[starts-with(@name, 'citation_')]")


@pytest.mark.parametrize("name", ["117033", "edition"])
def test_exports_parse_and_carry_the_facts(site, name):
    folder = site.outdir / "cite"
    url = BASEURL + ("117033.html" if name == "117033" else "")
    library = bibtexparser.parse_file(str(folder / f"{name}.bib"))
    assert not library.failed_blocks and len(library.entries) == 1
    fields = library.entries[0].fields_dict
    # Chinese names in native order: one unit in braces for BibTeX, no comma
    # in RIS, static-ordering in CSL (issue 13)
    assert fields["author"].value == "{Zhou Enlai}"
    assert fields["translator"].value == "{Zhang Shu Guang} and {Chen Jian}"
    assert fields["url"].value == url
    assert fields["version"].value == "0.1.0"
    [ris] = rispy.loads((folder / f"{name}.ris").read_text(encoding="utf-8"))
    assert ris["authors"] == ["Zhou Enlai"] and ris["urls"] == [url]
    assert ris["subsidiary_authors"] == ["Zhang Shu Guang", "Chen Jian"]
    [csl] = json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))
    assert {"id", "type", "title", "author", "issued", "URL"} <= set(csl)
    assert csl["author"] == [{"family": "Zhou", "given": "Enlai", "static-ordering": True}]
    assert csl["translator"][0] == {"family": "Zhang", "given": "Shu Guang",
                                    "static-ordering": True}
    assert csl["URL"] == url
    if name == "117033":
        assert fields["title"].value == ris["title"] == csl["title"] == TITLE
        assert fields["date"].value == "1957-01-24" and ris["date"] == "1957/01/24"
        assert csl["issued"] == {"date-parts": [[1957, 1, 24]]}
        assert csl["type"] == "document"
    else:
        # the edition's own item: a book titled as its title page, never
        # "Zhou Enlai, Zhou Enlai, ..." (project names the author too)
        assert csl["type"] == "book" and ris["type_of_reference"] == "BOOK"
        assert csl["title"] == site.app.config.html_title == "My Observations on the Soviet Union"
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", fields["date"].value)


def test_how_to_cite_page(site):
    tree = page(site, "how-to-cite")
    block = text_of(tree.xpath("//div[contains(@class, 'cite-this')]")[0])
    block = block.translate(QUOTE_SHAPES)      # typographic on the page (typography.py)
    assert "This edition" in block and "The document: My Observations on the Soviet Union" in block
    assert (f"Zhou Enlai, “{CURLY},” January 24, 1957, trans. Zhang Shu Guang and Chen Jian, "
            f"in My Observations on the Soviet Union, version 0.1.0, "
            f"{BASEURL}117033.html.").translate(QUOTE_SHAPES) in block
    # one paragraph
    assert (f"Note for one paragraph (¶ 7)Zhou Enlai, “{CURLY},” January 24, 1957, trans. "
            f"Zhang Shu Guang and Chen Jian, in My Observations on the Soviet Union, version "
            f"0.1.0, ¶ 7, {BASEURL}117033.html#p7.").translate(QUOTE_SHAPES) in block
    # the edition: its title, not the author twice; dated, so no date of access
    assert ("Zhou Enlai, My Observations on the Soviet Union, trans. Zhang Shu Guang and "
            "Chen Jian, version 0.1.0") in block
    assert "Zhou Enlai, Zhou Enlai" not in block and "accessed" not in block
    assert "Version 0.1.0." in block
    downloads = tree.xpath("//a[contains(@class, 'download')]/@href")
    assert len(downloads) == 6
    for href in downloads:
        assert (site.outdir / href).is_file()
    assert tree.xpath("//nav[@class='site-nav']//a[text()='How to cite']")


def test_document_page_has_a_cite_this_block(site):
    tree = page(site, "117033")
    [block] = tree.xpath("//main//div[contains(concat(' ', @class, ' '), ' cite-this ')]")
    assert "editorial" in block.get("class")
    assert block.get("id") == "cite-this"  # the header block links here
    assert tree.xpath("//header[contains(@class, 'document-header')]//a[@href='#cite-this']")
    assert "How to cite this document" in text_of(block)
    assert len(block.xpath(".//a[contains(@class, 'download')]")) == 3


def test_cite_this_block_shows_each_format_in_a_tab(site):
    """sphinx-design's tab set: one radio input and label per format, the
    first checked, each panel holding the very text of its download."""
    tree = page(site, "117033")
    [tabs] = tree.xpath("//div[@id='cite-this']//div[contains(@class, 'sd-tab-set')]")
    labels = [" ".join(label.text_content().split()) for label in tabs.xpath("./label")]
    assert labels == ["Chicago", "BibTeX", "RIS", "CSL-JSON"]
    inputs = tabs.xpath("./input[@type='radio']")
    assert [i.get("checked") is not None for i in inputs] == [True, False, False, False]
    assert len({i.get("name") for i in inputs}) == 1
    for label in tabs.xpath("./label"):
        assert tabs.xpath(f"./input[@id='{label.get('for')}']")
    panels = tabs.xpath("./div[contains(@class, 'sd-tab-content')]")
    assert "Zhou Enlai, “Report," in text_of(panels[0])
    for panel, suffix in zip(panels[1:], ("bib", "ris", "json"), strict=True):
        [href] = panel.xpath(".//a[contains(@class, 'download')]/@href")
        assert href.endswith(f".{suffix}")
        assert panel.xpath(".//pre")[0].text_content() == \
            (site.outdir / href).read_text(encoding="utf-8")
    # no script: sphinx-design's tab script is not loaded on the page
    assert not tree.xpath("//script[contains(@src, 'design-tabs')]")


def test_citation_cff_names_the_edition_as_conf_does(site):
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["cff-version"] == "1.2.0"
    assert {"message", "title", "authors", "version", "type"} <= set(cff)
    assert cff["title"] == site.app.config.project
    assert str(cff["version"]) == site.app.config.edition_version
    # no invented persons: the editors as conf.py names them, or the plain
    # statement that none is named
    from edition.citation import responsibility

    names = responsibility.editors(site.app.config)
    expected = ([{"name": n} for n in names] if names
                else [{"name": responsibility.VALUES["edition_editors"][1]}])
    assert cff["authors"] == expected
    assert "archive editors" not in (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    work, book = cff["references"]
    assert work["url"] == URL and work["translators"][0] == {
        "family-names": "Zhang", "given-names": "Shu Guang"}
    assert (book["start"], book["end"]) == (302, 305)


# --- escaping ------------------------------------------------------------------------------

ESCAPE_TITLE = "Fixture </script><script>alert(2)</script> & 50% \\ title"


@pytest.mark.sphinx("html", testroot="citation-escape")
def test_escaping_in_html_and_json_ld(app):
    app.build()
    tree = lxml_html.parse(str(app.outdir / "index.html"))
    for script in tree.xpath("//script"):
        assert "alert" not in (script.text or "") or script.get("type") == "application/ld+json"
    [ld] = tree.xpath("//script[@type='application/ld+json']")
    assert "<" not in ld.text and "&" not in ld.text
    data = json.loads(ld.text)
    assert data["name"] == ESCAPE_TITLE
    assert data["isBasedOn"][0]["name"].startswith("Tom & Jerry </script>")
    assert "100% C:\\temp" in data["isBasedOn"][0]["name"]
    assert tree.xpath("//meta[@name='citation_title']/@content") == [ESCAPE_TITLE]
    assert tree.xpath("//meta[@name='citation_publisher']/@content") == ["Fixture <Press> & Co"]
    assert tree.xpath("//meta[@name='DC.publisher']/@content") == ["Fixture <Press> & Co"]
    assert tree.xpath("//meta[@name='citation_pdf_url']/@content") == [
        "https://example.org/fixture/edition.pdf"]
    body = text_of(tree.xpath("//body")[0])
    assert "Tom & Jerry </script><script>alert(1)</script> 100% C:\\temp" in body
    bib = bibtexparser.parse_file(str(app.outdir / "cite" / "index.bib"))
    assert not bib.failed_blocks
    assert bib.entries[0].fields_dict["title"].value == (
        r"Fixture </script><script>alert(2)</script> \& 50\% \textbackslash{} title")
    [ris] = rispy.loads((app.outdir / "cite" / "index.ris").read_text(encoding="utf-8"))
    assert ris["title"] == ESCAPE_TITLE
    [csl] = json.loads((app.outdir / "cite" / "index.json").read_text(encoding="utf-8"))
    assert csl["title"] == ESCAPE_TITLE


@pytest.mark.sphinx("latex", testroot="citation-escape")
def test_escaping_in_latex(app):
    app.build()
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf-8")
    assert r"Tom \& Jerry \textless{}/script\textgreater{}" in tex
    assert r"100\% C:\textbackslash{}temp" in tex
    assert r"\& 50\% \textbackslash{} title" in tex
    assert "100% " not in tex and "50% " not in tex


# --- warnings ----------------------------------------------------------------------------------

@pytest.mark.sphinx("html", testroot="citation-errors")
def test_errors_are_reported_with_file_and_line(app, warning):
    app.build()
    text = re.sub(r"\x1b\[[0-9;]*m", "", warning.getvalue())
    src = Path(app.srcdir)
    assert f"{src / 'refs.bib'}:10: WARNING: bib file uses the key 'good' for two entries" in text
    assert (f"{src / 'refs.bib'}:21: WARNING: bib file cannot be read as written: syntax error "
            "in line 21: premature end of file (in the entry that starts at line 16)") in text
    assert f"{src / 'index.md'}:3: WARNING: citation of 'nosuchkey': no such key in bib/" in text
    assert f"{src / 'index.md'}:5: WARNING: 'good' is cited but no bibliography lists it" in text
    assert (f"{src / 'source-missing.md'}:6: WARNING: citation of 'missingkey': "
            "no such key in bib/") in text
    assert text.count("[edition.citation]") == 5
    # the words of an unresolved citation stay on the page
    assert "nosuchkey, 5" in (Path(app.outdir) / "index.html").read_text(encoding="utf-8")


def test_latex_output(edition_build):
    latex = edition_build("latex")
    assert latex.warnings == ""
    tex = next(latex.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert (r"Shi Zhongquan, \sphinxstyleemphasis{Zhou Enlai de zhuoyue fengxian} {[}Remarkable "
            r"achievements and contributions of Zhou Enlai{]}") in tex
    assert r"\sphinxcrossref{Shi, \sphinxstyleemphasis{Zhou Enlai de zhuoyue fengxian}, 299–300}" in tex
    assert "How to cite this document" in tex
    # every link to the bibliography has its label in the PDF
    links = set(re.findall(r"\\hyperref\[\\detokenize\{(bibliography:id\d+)\}\]", tex))
    labels = set(re.findall(r"\\label\{\\detokenize\{(bibliography:id\d+)\}\}", tex))
    assert links and links <= labels


def test_text_output(edition_build):
    text = edition_build("text")
    assert text.warnings == ""
    document = (text.outdir / "117033.txt").read_text(encoding="utf-8")
    # the record's own citation closes note 3, with nothing added
    assert "fengxian, 299-300)." in document and "How to cite this document" not in document
    assert "Source:" in document
    how = re.sub(r"\s+", " ", (text.outdir / "how-to-cite.txt").read_text(encoding="utf-8"))
    assert "Zhou Enlai, “Report, ‘My Observations on the Soviet Union,’ Zhou Enlai" in how
