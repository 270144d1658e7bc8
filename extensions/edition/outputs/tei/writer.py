"""TEI: the text of an edited document, unit by unit, with every hand marked.

The body has one ``div`` per language, one ``p`` per unit and side (a side
of several paragraphs is a ``div`` of ``p``), linked both ways by
``corresp``; an empty slot is a ``gap``. Running text follows
:data:`~edition.outputs.tei.mapping.TEI_MAPPING`: interpolations are
``supplied``, marks ``sic``/``choice``/``metamark``/``seg``, the archive's
notes and this edition's commentary ``note`` elements where they are
referenced, mentions ``persName``/``placeName``/``orgName`` pointing to
entries in ``standOff``. Nothing of the text is lost: text outside any unit
is kept as an unaligned ``ab``, and notes never referenced go to ``back``.
"""

from __future__ import annotations

from collections.abc import Iterator

from docutils import nodes
from lxml import etree
from sphinx import addnodes

from ...diagnostics import Kind, warn
from ...nodes import (BODY_TEXT, commentary, commentary_ref, interpolation, mark, mention,
                      note_label, side, unit)
from ...util import ancestors
from .header import Context, HeaderWriter
from .mapping import (EDITION, ENTITY_ELEMENTS, NOT_TRANSCRIBED, RECORD_NOTE, SKIP, TEI_NS,
                      XML_ID, XML_LANG, append_text, entity_id, last_paragraph, list_order,
                      mapping_for, ncname, qualified_name, sub, tei)

__all__ = ["Context", "TeiWriter"]


class TeiWriter(HeaderWriter):
    """Turn one edited document's doctree into a TEI P5 tree."""

    def __init__(self, doctree: nodes.document, context: Context) -> None:
        self.doctree = doctree
        self.context = context
        self.footnotes = {n["ids"][0]: n for n in doctree.findall(nodes.footnote) if n["ids"]}
        self.commentaries = {n["ids"][0]: n for n in doctree.findall(commentary) if n["ids"]}
        self.by_target = {n["target"]: n for n in self.commentaries.values() if n["target"]}
        self.written: set[str] = set()
        #: the document's title: the teiHeader's, not a heading of the text
        self.title = next(iter(doctree.findall(nodes.title)), None)
        #: (kind, key) -> spellings met in the text, in order
        self.entities: dict[tuple[str, str], list[str]] = {}
        #: bib/ keys cited in the text, in order (listBibl in standOff)
        self.cited: list[str] = []
        #: node classes written as plain text for want of a mapping
        self.unmapped: set[str] = set()

    # -- the whole file ------------------------------------------------------

    def write(self) -> etree._Element:
        root = etree.Element(tei("TEI"), nsmap={None: TEI_NS})
        root.set(XML_LANG, "en")
        header = self.header(root)
        text = sub(root, "text")
        body = sub(text, "body")
        en = sub(body, "div", type="translation", xml_lang="en", xml_id="translation")
        original = sub(body, "div", type="original", xml_lang=self.context.original_lang,
                       xml_id="original")
        for node in self.content():
            if isinstance(node, unit):
                self.write_unit(node, en, original)
            else:
                # a heading or text outside any unit (reported while reading):
                # kept, unaligned, so that no word is lost
                kind = "heading" if isinstance(node, nodes.title) else "unaligned"
                self.inline_children(node, sub(en, "ab", type=kind))
        if not len(original):
            body.remove(original)
        self.write_leftovers(text)
        self.write_lists(root, header)
        drop_duplicate_ids(root, self.context.docname)
        return root

    def content(self, node: nodes.Element | None = None) -> Iterator[nodes.Element]:
        """Units, and any text standing outside them, in document order.

        Notes and commentary are written where they are referenced; the header
        block, the coverage notice and other ``editorial`` blocks are the
        build's (the teiHeader says what they say).
        """
        title = self.title
        for child in (node if node is not None else self.doctree).children:
            if not isinstance(child, nodes.Element) or isinstance(child, SKIP) \
                    or "editorial" in child.get("classes", []) or child is title:
                continue
            if isinstance(child, (unit, nodes.title)) or isinstance(child, BODY_TEXT):
                yield child
            else:
                yield from self.content(child)

    # -- text --------------------------------------------------------------

    def write_unit(self, node: unit, en: etree._Element, original: etree._Element) -> None:
        number = ncname(node["number"]) if node["number"] else None
        n = str(node["n"]) if node["n"] else None
        orig_id = f"{number}-original" if number else None
        translation = [s for s in node.sides if s.is_translation]
        slots = [s for s in node.sides if s.is_original]
        target = None
        # a second side of a kind (reported while reading) goes without an id
        for index, part in enumerate(translation or [None]):
            target = self.side_element(en, part, number if not index else None, n,
                                       corresp=f"#{orig_id}" if orig_id and slots else None)
        for index, slot in enumerate(slots):
            lang = slot["lang"] if slot["lang"] != self.context.original_lang else None
            element = self.side_element(original, slot, orig_id if not index else None, n,
                                        corresp=f"#{number}" if number else None,
                                        lang=lang)
            if slot.is_pending:
                sub(element, "gap", reason=NOT_TRANSCRIBED)
        # commentary of this unit attached to nothing (already reported): keep it
        for child in node.findall(commentary):
            if child["ids"] and child["ids"][0] not in self.written and target is not None:
                self.commentary_note(child, last_paragraph(target))

    def side_element(self, div: etree._Element, part: side | None, xml_id: str | None,
                     n: str | None, corresp: str | None, lang: str | None = None
                     ) -> etree._Element:
        """One ``p`` for a side of one paragraph, a ``div`` of ``p`` for more."""
        blocks = [c for c in part.children if not isinstance(c, SKIP)] if part else []
        if len(blocks) <= 1:
            element = sub(div, "p", xml_id=xml_id, n=n, corresp=corresp, xml_lang=lang)
            for block in blocks:
                self.inline_children(block, element)
            return element
        element = sub(div, "div", type="unit", xml_id=xml_id, n=n, corresp=corresp,
                      xml_lang=lang)
        for block in blocks:
            self.inline_children(block, sub(element, "p"))
        return element

    def write_leftovers(self, text: etree._Element) -> None:
        """Notes never referenced and commentary never placed (both reported)."""
        notes = [n for i, n in self.footnotes.items() if i not in self.written]
        comments = [c for i, c in self.commentaries.items() if i not in self.written]
        if not notes and not comments:
            return
        div = sub(sub(text, "back"), "div", type="notes", xml_lang="en")
        for note in notes:
            self.note_for(note, sub(div, "p"))
        for comment in comments:
            self.commentary_note(comment, sub(div, "p"))

    def write_lists(self, root: etree._Element, header: etree._Element) -> None:
        """standOff: an entry per entity met (listPerson, listPlace, listOrg,
        listBibl), and the works cited in the text that the header does not
        already describe (listBibl type="cited")."""
        described = set(root.xpath("//@xml:id"))
        cited = [key for key in self.cited if key not in described
                 and key in self.context.bib]
        if not self.entities and not cited:
            return
        stand_off = etree.Element(tei("standOff"))
        root.insert(root.index(header) + 1, stand_off)
        if cited:
            works = sub(stand_off, "listBibl", type="cited")
            for key in cited:
                self.bibl_from_entry(works, key, self.context.bib[key])
        lists: dict[str, etree._Element] = {}
        for kind, key in sorted(self.entities, key=lambda k: (list_order(k[0]), k[1])):
            known = ENTITY_ELEMENTS.get(kind)
            if known is None:
                # a kind the table does not know: a name with its forms
                if "listNym" not in lists:
                    lists["listNym"] = sub(stand_off, "listNym")
                listing = lists["listNym"]
                nym = sub(listing, "nym", xml_id=entity_id(kind, key), type=kind)
                for spelling in self.entities[(kind, key)]:
                    sub(nym, "form", spelling)
                continue
            _, list_tag, entry_tag, name_tag = known
            if list_tag not in lists:
                lists[list_tag] = sub(stand_off, list_tag)
            entry = sub(lists[list_tag], entry_tag, xml_id=entity_id(kind, key))
            found = self.context.register(kind, key) if self.context.register else None
            names = found.names if found is not None and found.names else tuple(
                (None, None, spelling) for spelling in self.entities[(kind, key)])
            for name_type, lang, name in names:
                sub(entry, name_tag, name, type=name_type, xml_lang=lang)
            if found is not None and found.note:
                sub(entry, "note", found.note)

    # -- running text --------------------------------------------------------

    def inline_children(self, node: nodes.Node, parent: etree._Element) -> None:
        for child in node.children:
            self.inline(child, parent)

    def inline(self, node: nodes.Node, parent: etree._Element) -> None:
        if isinstance(node, nodes.Text):
            append_text(parent, node.astext())
            return
        how = mapping_for(node)
        if how in (None, "inline_children") and not isinstance(node, SKIP) \
                and "editorial" in node.get("classes", []):
            # words the edition adds to the text flow (the class the HTML
            # fidelity test strips): ours, kept apart from the witness's
            if "citation" in node.get("classes", []):
                note = sub(parent, "note", type="citation", resp=f"#{EDITION}")
                self.inline_children(node, sub(note, "bibl"))
            else:
                self.inline_children(node, sub(parent, "note", type="addition",
                                               resp=f"#{EDITION}"))
        elif how is None:
            if isinstance(node, SKIP):
                return
            # not mapped: its words go on as text, inside whatever is mapped
            self.unmapped.add(qualified_name(type(node)))
            self.inline_children(node, parent)
        elif isinstance(how, str):
            getattr(self, how)(node, parent)
        elif callable(how):
            how(self, node, parent)
        else:
            tag, attrs = how
            self.inline_children(node, sub(parent, tag, **attrs))

    def write_inline_paragraph(self, node: nodes.paragraph, parent: etree._Element) -> None:
        if parent.text or len(parent):
            append_text(parent, " ")
        self.inline_children(node, parent)

    def write_interpolation(self, node: interpolation, parent: etree._Element) -> None:
        # The brackets are the record's own sign for supplied words: they stay
        # in the text, around the element that says where the words come from.
        # The record does not say who supplied them: no resp.
        append_text(parent, "[")
        self.inline_children(node, sub(parent, "supplied", source=self.record_source()))
        append_text(parent, "]")

    def record_source(self) -> str | None:
        """Pointer to the record's ``bibl`` (the source of its notes and
        bracketed words), when ``bib/`` describes the record."""
        key = self.bib_id(self.context.meta)
        return f"#{key}" if key else None

    def write_mark(self, node: mark, parent: etree._Element) -> None:
        label = ncname(node.get("label", ""))
        explained = self.by_target.get(node.get("label", ""))
        kind = node["kind"]
        if kind == "sic":
            corr = explained.get("corr", "") if explained is not None else ""
            if corr:
                choice = sub(parent, "choice", xml_id=label)
                self.inline_children(node, sub(choice, "sic"))
                sub(choice, "corr", corr, resp=f"#{EDITION}")
            else:
                self.inline_children(node, sub(parent, "sic", xml_id=label))
        elif kind == "omission":
            # the points are the witness's text; the gap is what they signal
            self.inline_children(node, sub(parent, "metamark", function="omission",
                                           xml_id=label))
            sub(parent, "gap", reason="omission")
        else:
            # rejoin (words split by a page break of the capture), or a new kind
            self.inline_children(node, sub(parent, "seg", type=kind, xml_id=label))

    def write_mention(self, node: mention, parent: etree._Element) -> None:
        kind, key = node["kind"], node["key"]
        spellings = self.entities.setdefault((kind, key), [])
        if node.astext() not in spellings:
            spellings.append(node.astext())
        tag = ENTITY_ELEMENTS.get(kind, ("name",))[0]
        attrs = {"ref": f"#{entity_id(kind, key)}"}
        if kind not in ENTITY_ELEMENTS:
            attrs["type"] = kind
        self.inline_children(node, sub(parent, tag, **attrs))

    def write_note(self, node: nodes.footnote_reference, parent: etree._Element) -> None:
        refid = node.get("refid", "")
        footnote = self.footnotes.get(refid)
        if footnote is None:
            self.inline_children(node, parent)  # a reference docutils could not link
        elif refid in self.written:
            sub(parent, "ptr", type="note", target=f"#{refid}")
        else:
            self.note_for(footnote, parent)

    def note_for(self, footnote: nodes.footnote, parent: etree._Element) -> None:
        self.written.add(footnote["ids"][0])
        label = note_label(footnote)
        note = sub(parent, "note", n=label, place="foot", type=RECORD_NOTE,
                   source=self.record_source(), xml_id=ncname(footnote["ids"][0]))
        self.note_body(footnote, note)

    def write_commentary(self, node: commentary_ref, parent: etree._Element) -> None:
        comment = self.commentaries.get(node.get("refid", ""))
        if comment is not None and comment["ids"][0] not in self.written:
            self.commentary_note(comment, parent)

    def commentary_note(self, comment: commentary, parent: etree._Element) -> None:
        self.written.add(comment["ids"][0])
        note = sub(parent, "note", type="editorial", n=comment["letter"],
                   resp=f"#{EDITION}", xml_id=ncname(comment["ids"][0]),
                   target=self.commentary_target(comment))
        self.note_body(comment, note)

    def commentary_target(self, comment: commentary) -> str | None:
        if comment["target"]:
            return f"#{comment['target']}" if ncname(comment["target"]) else None
        for ancestor in ancestors(comment):
            if isinstance(ancestor, unit) and ancestor["number"]:
                return f"#{ancestor['number']}"
            if isinstance(ancestor, nodes.footnote) and ancestor["ids"]:
                return f"#{ancestor['ids'][0]}"
        return None

    def note_body(self, node: nodes.Element, note: etree._Element) -> None:
        blocks = [c for c in node.children if not isinstance(c, SKIP)]
        if len(blocks) == 1 and isinstance(blocks[0], nodes.paragraph):
            self.inline_children(blocks[0], note)
        else:
            for block in blocks:
                para = sub(note, "p")
                if isinstance(block, nodes.paragraph):
                    self.inline_children(block, para)
                else:
                    self.inline(block, para)

    def write_reference(self, node: nodes.reference, parent: etree._Element) -> None:
        uri = node.get("refuri", "")
        if node.get("internal") or not uri or "://" not in uri and not uri.startswith("mailto:"):
            key = self.context.citation_keys.get(uri.rpartition("#")[2] or node.get("refid", ""))
            if key and ncname(key):
                # a citation, linked to its entry on the bibliography page: in
                # the TEI, to the entry's bibl (sourceDesc or standOff)
                if key not in self.cited:
                    self.cited.append(key)
                self.inline_children(node, sub(parent, "ref", type="citation",
                                               target=f"#{key}"))
                return
            # a link between the edition's pages (a mention to its register):
            # the TEI file stands alone, and the name's ref says the same
            self.inline_children(node, parent)
            return
        self.inline_children(node, sub(parent, "ref", target=uri))

    def write_pending_xref(self, node: addnodes.pending_xref, parent: etree._Element) -> None:
        if node.get("refdomain") == "cite" and ncname(node.get("reftarget", "")):
            sub(parent, "ptr", type="citation", target=f"#{node['reftarget']}")
        else:
            self.inline_children(node, parent)


def drop_duplicate_ids(root: etree._Element, docname: str) -> None:
    """Keep the first of two equal xml:ids (an editor's label equal to ``p1``):
    the file stays valid and every element stays where it is."""
    seen: set[str] = set()
    for element in root.iter():
        value = element.get(XML_ID)
        if value is None:
            continue
        if value in seen:
            warn(Kind.mark, "TEI export: the label %r names two things (a unit, note, "
                 "commentary or mark); give the mark or commentary a label of its own",
                 value, location=docname)
            del element.attrib[XML_ID]
        seen.add(value)
