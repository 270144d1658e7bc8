"""TEI read back: the aligned units of a TEI file, as JSON and as text.

The exports for corpus and alignment tools (``<docname>.json``,
``<docname>.txt``: one record per paragraph number with the English text,
the original or null, the notes and the commentary) are read from the TEI
file the writer made, not from the doctree: what the exports say is what
the TEI says.
"""

from __future__ import annotations

import json
from copy import deepcopy
from typing import Any

from lxml import etree

from ...model.metadata import DocumentMeta
from .mapping import NOT_TRANSCRIBED, RECORD_NOTE, TEI_NS, XML_ID, XML_LANG, tei

def reading(element: etree._Element) -> str:
    """The words of *element* as the witness has them.

    Notes (the archive's and ours) are left out, and so is the edition's
    correction of a *sic*; whitespace is normalised.
    """
    copy = detached(element)
    for child in copy.xpath(".//tei:note | .//tei:corr", namespaces={"tei": TEI_NS}):
        drop(child)
    return " ".join("".join(copy.itertext()).split())


def detached(element: etree._Element) -> etree._Element:
    """A copy of *element* without the text that follows it."""
    copy = deepcopy(element)
    copy.tail = None
    return copy


def drop(element: etree._Element) -> None:
    """Remove an element but keep the text that follows it."""
    parent = element.getparent()
    previous = element.getprevious()
    if element.tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def unit_records(root: etree._Element) -> list[dict[str, Any]]:
    """One record per paragraph number, read from the TEI tree."""
    ns = {"tei": TEI_NS}
    originals = {el.get(XML_ID): el for el in
                 root.xpath("//tei:div[@type='original']/*[@xml:id]", namespaces=ns)}
    default_lang = next(iter(root.xpath("//tei:div[@type='original']/@xml:lang",
                                        namespaces=ns)), None)
    records = []
    # filling the slot: provenance and sentences, read back from the same tree
    from ...text.sentences import tei_records as sentence_records
    from ...transcription.provenance import tei_records as provenance_records

    provenance = provenance_records(root)
    sentences = sentence_records(root, reading)
    for element in root.xpath("//tei:div[@type='translation']/*[@n]", namespaces=ns):
        slot = originals.get((element.get("corresp") or "").lstrip("#"))
        pending = slot is None or bool(slot.xpath(f".//tei:gap[@reason='{NOT_TRANSCRIBED}']",
                                                  namespaces=ns))
        notes = [
            {"n": note.get("n"), "text": reading_note(note)}
            for note in element.xpath(f".//tei:note[@type='{RECORD_NOTE}']", namespaces=ns)
        ]
        comments = [
            {"letter": note.get("n"), "on": (note.get("target") or "").lstrip("#") or None,
             "text": reading_note(note)}
            for note in element.xpath(".//tei:note[@type='editorial']", namespaces=ns)
        ]
        records.append({
            "n": int(element.get("n")),
            "id": element.get(XML_ID),
            "en": reading_paragraphs(element),
            "original": None if pending else reading_paragraphs(slot),
            "original_lang": (slot.get(XML_LANG) if slot is not None else None) or default_lang,
            "status": "pending" if pending else "transcribed",
            "notes": notes,
            "commentary": comments,
        })
        unit_id = element.get(XML_ID)
        if unit_id in provenance:
            records[-1]["pages"] = provenance[unit_id].pop("pages", None)
            records[-1]["provenance"] = provenance[unit_id]
        if unit_id in sentences:
            records[-1]["sentences"] = sentences[unit_id]
    return records


def reading_paragraphs(element: etree._Element) -> str:
    paragraphs = element.findall(tei("p"))
    if element.tag == tei("div") and paragraphs:
        return "\n".join(reading(p) for p in paragraphs)
    return reading(element)


def reading_note(note: etree._Element) -> str:
    """A note's words without the notes inside it; its paragraphs on lines."""
    copy = detached(note)
    for child in copy.xpath("./tei:p", namespaces={"tei": TEI_NS}):
        child.tail = "\n" + (child.tail or "")
    for nested in copy.xpath(".//tei:note | .//tei:corr", namespaces={"tei": TEI_NS}):
        drop(nested)
    return "\n".join(" ".join(line.split()) for line in
                     "".join(copy.itertext()).split("\n") if line.strip())


def json_export(meta: DocumentMeta, docname: str, version: str,
                records: list[dict[str, Any]]) -> str:
    data = {
        "document": docname,
        "title": meta.title or None,
        "date": meta.date or None,
        "author": meta.author or None,
        "record": meta.record or None,
        "url": meta.url or None,
        "edition_version": version,
        "fields": {
            "n": "paragraph number, the unit's identity (p1 ... in every output)",
            "en": "the English translation; [brackets] are words in square brackets "
                  "in the record",
            "original": "the original text, or null while the slot is not transcribed",
            "notes": "the notes as given in the record (the record does not name their "
                     "author) referenced in the paragraph",
            "commentary": "this edition's commentary, lettered, with the mark it explains",
            "pages": "pages of the printed source the original spans (\"302-303\"), "
                     "when the provenance file gives them",
            "provenance": "who transcribed and checked the original, and when",
            "sentences": "the sentences of each side (numbered from 1) and their pairs "
                         "(English numbers with original numbers; an empty side: no counterpart)",
        },
        "units": records,
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def text_export(meta: DocumentMeta, docname: str, version: str,
                records: list[dict[str, Any]]) -> str:
    lines = [
        f"# {(meta.title or docname)}",
        f"# {meta.author}, {meta.date}; edition {version}".rstrip(),
        "# Aligned units: one block per paragraph number, one field per line,",
        "# name TAB value. 'original' is empty while the slot is not transcribed",
        "# ('status pending'). Brackets in 'en' are words in square brackets in the record.",
        "",
    ]
    for record in records:
        lines.append(record["id"] or str(record["n"]))
        lines.append(f"en\t{one_line(record['en'])}")
        lines.append(f"original\t{one_line(record['original'] or '')}")
        lines.append(f"original_lang\t{record['original_lang'] or ''}")
        lines.append(f"status\t{record['status']}")
        for note in record["notes"]:
            lines.append(f"note {note['n']}\t{one_line(note['text'])}")
        for comment in record["commentary"]:
            lines.append(f"commentary {comment['letter']}\t{one_line(comment['text'])}")
        lines.append("")
    return "\n".join(lines)


def one_line(text: str) -> str:
    return " / ".join(part for part in text.split("\n") if part)


