"""The document page: paragraph numbers, notes, metadata header, text output."""

from __future__ import annotations


from lxml import html as lxml_html

import edition_source
import plain_text
from witness import Text, check, witness_text

DOCUMENT = "117033"


def page(edition_build):
    return lxml_html.parse(str(edition_build("html").outdir / f"{DOCUMENT}.html"))


def test_every_paragraph_has_an_anchor_with_a_permalink(edition_build):
    tree = page(edition_build)
    units = tree.xpath("//div[contains(@class, 'unit ')]")
    assert [u.get("id") for u in units] == edition_source.units()
    for n, unit in enumerate(units, 1):
        link = unit.xpath("./a[contains(@class, 'unit-number')]")[0]
        assert link.get("href") == f"#p{n}"
        assert link.text_content().strip() == str(n)


def test_every_note_is_linked_both_ways(edition_build):
    tree = page(edition_build)
    refs = tree.xpath("//a[contains(@class, 'footnote-reference')]")
    assert [r.get("href") for r in refs] == [f"#note-{n}" for n in edition_source.notes()]
    for n, ref in enumerate(refs, 1):
        note = tree.xpath(f"//*[@id='note-{n}']")
        assert len(note) == 1, f"note {n} is missing"
        assert ref.text_content().strip("[] ") == str(n)
        backlinks = note[0].xpath(
            ".//a[@role='doc-backlink'][not(ancestor::aside[contains(@class, 'commentary')])]")
        assert [b.get("href") for b in backlinks] == [f"#{ref.get('id')}"]
        assert ref.get("id") == f"note-ref-{n}"


def test_notes_reference_the_paragraphs_the_witness_gives(edition_build):
    tree = page(edition_build)
    where = {r.get("href"): r.xpath("ancestor::div[contains(@class,'unit ')]/@id")[0]
             for r in tree.xpath("//a[contains(@class, 'footnote-reference')]")}
    assert where == {"#note-1": "p1", "#note-2": "p5", "#note-3": "p7",
                     "#note-4": "p7", "#note-5": "p8", "#note-6": "p9"}


def test_header_block_renders_the_metadata(edition_build):
    tree = page(edition_build)
    assert tree.findtext(".//h1").startswith(
        "Report, ‘My Observations on the Soviet Union,’ Zhou Enlai to Mao Zedong")
    header = tree.xpath("//header[contains(@class, 'document-header')]")[0]
    fields = {dt.text_content().rstrip(":").strip(): dd.text_content().strip()
              for dt, dd in zip(header.iter("dt"), header.iter("dd"))}
    assert fields["Date"] == "24 January 1957"
    assert fields["From"] == "Zhou Enlai"
    assert fields["To"] == "Mao Zedong and the Central Leadership"
    assert fields["Translated by"] == "Zhang Shu Guang and Chen Jian"
    assert fields["Original language"] == "Chinese"
    assert fields["Archive"] == "Wilson Center Digital Archive, record 117033"
    link = header.xpath(".//a[text()='117033']")[0]
    # the archive's public permalink, not the address the capture was taken from
    assert link.get("href") == "https://digitalarchive.wilsoncenter.org/document/117033"


def test_metadata_is_kept_for_later_features(edition_build):
    app = edition_build("html").app
    meta = app.env.get_domain("edition").documents[DOCUMENT]
    assert meta.date == "1957-01-24"
    assert meta.record == "117033"
    assert meta.translators == ("Zhang Shu Guang", "Chen Jian")
    assert meta.pages == "302-305"


def test_coverage_reported_on_the_page(edition_build):
    tree = page(edition_build)
    notice = tree.xpath("//*[contains(@class, 'coverage-notice')]")[0]
    assert (f"Chinese original: 0 of {len(edition_source.units())} paragraphs transcribed"
            in notice.text_content())
    slots = tree.xpath("//div[contains(@class, 'side-original')]")
    assert len(slots) == len(edition_source.units())
    assert all(s.get("lang") == "zh-Hans" for s in slots)
    assert all("not yet transcribed" in s.text_content() for s in slots)


def text_output(path) -> Text:
    """The text builder's document, less the edition's marks (plain_text.py
    finds them by their signs, never by their words)."""
    paragraphs, notes = plain_text.units(path)
    return Text(body=[w for n in sorted(paragraphs) for w in paragraphs[n]],
                notes=[notes[n] for n in sorted(notes)])


def test_text_output_is_the_witness(edition_build):
    build = edition_build("text")
    assert build.warnings == ""
    assert check(text_output(build.outdir / f"{DOCUMENT}.txt"), witness_text()) == []
