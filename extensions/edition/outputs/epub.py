"""The edition as an accessible EPUB 3: epubcheck-clean, EPUB Accessibility 1.1.

``make epub`` (``sphinx-build -M epub``) uses the builder below, which is
Sphinx's own EPUB 3 builder with what an edition needs on top. This module is
the EPUB's one owner: everything the EPUB says that the web pages do not is
decided here.

* **Language.** Every page declares it (``lang`` and ``xml:lang`` on
  ``<html>``), which Sphinx's EPUB pages lack, so reading systems pick the
  right voice and hyphenation.
* **Package metadata** comes from the document's front matter where
  ``conf.py`` leaves a field at Sphinx's default ``"unknown"``: the summary is
  ``dc:description``, the translators are ``dc:contributor``. The publisher
  and the rights are the edition's own (``edition_publisher``,
  ``edition_licence``); while they are unset the package leaves
  ``dc:publisher`` and ``dc:rights`` out rather than invent them.
* **Accessibility metadata** (EPUB Accessibility 1.1, schema.org):
  ``accessMode``, ``accessModeSufficient``, ``accessibilityFeature`` and the
  summary are derived from the pages as written (:class:`ContentFacts`), so
  they stay true when the content changes; ``accessibilityHazard`` and the
  conformance claim are ``conf.py`` values (declared in
  :data:`edition.config.CONFIG_VALUES`), checked by
  the test suite with DAISY Ace.
* **Semantics for reading systems** (:data:`SEMANTICS`): every ``epub:type``
  with its matching ARIA role, applied to each page's body: the archive's
  notes are endnotes under a "Notes" heading, their references noterefs
  (numbers without brackets, so a pop-up shows "1", not "[1]"); the
  edition's commentary is a footnote, its letter a noteref.
* **Navigation document** (:meth:`EditionEpubBuilder.build_navigation_doc`):
  every page and section of the edition, the notes, landmarks, and a page
  list when the pages carry page breaks of a printed source.
* **Stylesheets.** The EPUB pages link only the EPUB theme's stylesheets
  (``theme/edition-epub``), written for reading systems and their night
  modes; the web's stylesheets, which lean on custom properties and grid,
  stay out of the package.
* **Reproducible file.** The zip entries carry the time of
  ``SOURCE_DATE_EPOCH`` (when set) and fixed permissions, so two builds of
  the same sources are byte-identical.

Page references: the EPUB is reflowable and the PDF's pages move with every
change of the print design, so a page list mapped to the PDF would be wrong
after the next edit. The stable locators are the unit numbers (¶ 7 is
``117033.xhtml#p7`` here, ``#p7`` on the web, the same number in the PDF's
margin and ``xml:id`` in TEI). A page list is written from the page breaks of
the printed source (``{pb}`` of :mod:`edition.text.pagebreak`, elements with
``role="doc-pagebreak"``) once a transcribed original carries them, with the
source named as ``pageBreakSource``.

The pages themselves are written by the ``html`` visitors of every node:
Sphinx falls back to them for EPUB while no node registers an ``epub=``
visitor, so none of the edition's modules may register one. That is why the
EPUB's markup is applied here, to each page's body, instead of in visitors.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zipfile import ZIP_DEFLATED, ZIP_STORED, ZipFile, ZipInfo

from lxml import etree
from sphinx.application import Sphinx
from sphinx.builders.epub3 import Epub3Builder
from sphinx.config import Config

from ..citation import responsibility
from ..model.domain import get_domain
from ..model.metadata import DocumentMeta, join_names
from ..text.pagebreak import source_label
from ..util import PACKAGE_DIR, build_time

THEME_DIR = PACKAGE_DIR / "theme" / "edition-epub"

#: Sphinx's default for the EPUB fields it cannot know
UNSET = "unknown"

#: what the package says of a field the edition does not state (removed from
#: the package: see :meth:`EditionEpubBuilder.amend_package`)
NOT_STATED = "not stated"

#: the files of the EPUB container that precede the content, in this order
CONTAINER_FILES = ("META-INF/container.xml", "content.opf", "toc.ncx")

XHTML_NS = "http://www.w3.org/1999/xhtml"
OPS_NS = "http://www.idpf.org/2007/ops"
OPF_NS = "http://www.idpf.org/2007/opf"
DC_NS = "http://purl.org/dc/elements/1.1/"
EPUB_TYPE = f"{{{OPS_NS}}}type"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
X = f"{{{XHTML_NS}}}"

#: stylesheets an EPUB page links: Sphinx's own and the EPUB theme's
EPUB_STYLESHEETS = frozenset({"pygments.css", "epub.css", "edition-epub.css"})
#: files of ``_static`` that stay in the package besides those stylesheets
#: (``epub.css`` uses file.png)
EPUB_STATIC_FILES = frozenset({"file.png"})

# --- configuration ------------------------------------------------------------
# The EPUB's settings (epub_access_modes ... epub_accessibility_certifier) are
# declared with the edition's others in edition.config's one table.

def take_responsibility_values(app: Sphinx, config: Config) -> None:
    """The EPUB's publisher and rights are the edition's, never made up.

    Sphinx fills ``dc:publisher`` with the author (here Zhou Enlai, who
    published nothing of this edition) and warns when either field is empty;
    while the edition states none, they carry a marker that the package step
    removes. (A sentence such as :func:`responsibility.statement` gives would
    be imported by reference managers as the publisher's name.)
    """
    config.epub_publisher = responsibility.value(config, "edition_publisher") or NOT_STATED
    config.epub_copyright = responsibility.value(config, "edition_licence") or NOT_STATED


# --- semantics of the pages -----------------------------------------------------

@dataclass(frozen=True)
class Semantic:
    """One kind of element of the pages and what it is to a reading system."""

    tag: str
    css_class: str
    epub_type: str
    role: str | None  # None: the role that matches is deprecated; none is set


#: every epub:type the EPUB uses, with its ARIA role (DPUB-ARIA), applied to
#: the elements the html visitors write. Ace fails an epub:type without its
#: role; reading systems show noterefs' targets as pop-ups.
SEMANTICS: tuple[Semantic, ...] = (
    # the archive's notes: a reference, and the note in the list at the end
    Semantic("a", "footnote-reference", "noteref", "doc-noteref"),
    Semantic("li", "footnote", "endnote", None),  # doc-endnote is deprecated
    # the edition's commentary: a letter, and the note where it stands
    Semantic("a", "commentary-ref", "noteref", "doc-noteref"),
    Semantic("aside", "commentary", "footnote", "doc-footnote"),
)

#: the heading of the list of the archive's notes, and its anchor
NOTES_HEADING = "Notes"
NOTES_ID = "notes"


def classes(element: etree._Element) -> set[str]:
    return set((element.get("class") or "").split())


def parse_body(body: str) -> etree._Element:
    """A page's body (XHTML from the html visitors) as an element tree."""
    return etree.fromstring(
        f'<div xmlns="{XHTML_NS}" xmlns:epub="{OPS_NS}">{body}</div>'.encode())


def serialise_body(root: etree._Element) -> str:
    text = etree.tostring(root, encoding="unicode")
    # drop the wrapper parse_body added: its start tag and its end tag
    return text[text.index(">") + 1:text.rindex("</div>")]


def endnotes(root: etree._Element) -> None:
    """The docutils list of the archive's notes as an EPUB endnotes section.

    ``<aside class="footnote-list"><aside class="footnote">`` becomes
    ``<section epub:type="endnotes" role="doc-endnotes">`` with a "Notes"
    heading and an ordered list of notes. Asides would be complementary
    landmarks nested in the main one (axe), and readers hide an aside typed
    as a footnote, which would leave the list empty.
    """
    for notes in root.iter(f"{X}aside"):
        if "footnote-list" not in classes(notes):
            continue
        notes.tag = f"{X}section"
        # a page whose own section is called "Notes" has the id already
        taken = set(root.xpath("//@id"))
        anchor = NOTES_ID if NOTES_ID not in taken else f"{NOTES_ID}-archive"
        notes.set("id", anchor)
        notes.set(EPUB_TYPE, "endnotes")
        notes.set("role", "doc-endnotes")
        notes.set("aria-labelledby", f"{anchor}-heading")
        heading = etree.Element(f"{X}h2", {"id": f"{anchor}-heading", "class": "editorial"})
        heading.text = NOTES_HEADING
        listing = etree.Element(f"{X}ol", {"class": "notes"})
        listing.text = "\n"
        for note in list(notes):
            if note.tag == f"{X}aside" and "footnote" in classes(note):
                note.tag = f"{X}li"
                note.tail = "\n"
                listing.append(note)
                if lang := reference_language(root, note.get("id")):
                    note.set("lang", lang)
                    note.set(XML_LANG, lang)
        notes.text = "\n"
        notes.insert(0, heading)
        heading.tail = "\n"
        notes.insert(1, listing)
        listing.tail = "\n"
        # the docutils rule before the list: the heading now opens it (its
        # tail is a line break; anything else would be kept)
        previous = notes.getprevious()
        if previous is not None and previous.tag == f"{X}hr" and "footnotes" in classes(previous):
            parent = previous.getparent()
            before = previous.getprevious()
            if previous.tail and previous.tail.strip():
                if before is not None:
                    before.tail = (before.tail or "") + previous.tail
                else:
                    parent.text = (parent.text or "") + previous.tail
            parent.remove(previous)
        return


def reference_language(root: etree._Element, note_id: str | None) -> str | None:
    """The language of the side a note is referenced from, when it has one.

    A note referenced in the original's slot is in the original's language;
    in the list at the end it has left its side, so it says so itself.
    """
    if not note_id:
        return None
    for ref in root.iter(f"{X}a"):
        if ref.get("href") == f"#{note_id}":
            for ancestor in ref.iterancestors():
                if ancestor.get("lang"):
                    return ancestor.get("lang")
            return None
    return None


def unbracket(root: etree._Element) -> None:
    """Note numbers without brackets, and references as superscripts.

    Docutils writes ``[1]`` with the brackets in spans a stylesheet hides; a
    reading system that ignores the stylesheet, and every note pop-up, would
    show them. The reference number becomes ``<sup>`` as the commentary's
    letters are.
    """
    for bracket in list(root.iter(f"{X}span")):
        if "fn-bracket" in classes(bracket):
            parent = bracket.getparent()
            if bracket.tail:
                previous = bracket.getprevious()
                if previous is not None:
                    previous.tail = (previous.tail or "") + bracket.tail
                else:
                    parent.text = (parent.text or "") + bracket.tail
            parent.remove(bracket)
    for element in root.iter(f"{X}*"):
        # docutils' class for the bracket style, which Sphinx's stylesheets
        # answer with generated "[" and "]"
        if "brackets" in classes(element):
            element.set("class", " ".join(c for c in element.get("class").split()
                                          if c != "brackets"))
    for ref in root.iter(f"{X}a"):
        if "footnote-reference" in classes(ref) and len(ref) == 0 and ref.text:
            sup = etree.SubElement(ref, f"{X}sup")
            sup.text, ref.text = ref.text, None


#: a run of Han characters (with the CJK punctuation inside it)
HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+"
                     r"(?:[\u3000-\u303f\uff00-\uffef]*[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+)*")


def in_cjk_language(element: etree._Element) -> bool:
    for candidate in (element, *element.iterancestors()):
        if lang := candidate.get("lang") or candidate.get(XML_LANG):
            return lang.split("-")[0] in {"zh", "ja", "ko"}
    return False


def tag_han_runs(root: etree._Element, lang: str) -> None:
    """Name the language of Chinese script inside English text (WCAG 3.1.2).

    The bibliography and the citations give authors and titles in original
    script (石仲泉, 周恩来的卓越奉献) within English sentences; without a
    language a screen reader spells them out in its English voice. Each run
    of Han characters outside an element already in a CJK language becomes
    ``<span lang=... xml:lang=...>`` in the original's language.
    """
    def spans(text: str) -> tuple[str, list[etree._Element]]:
        head, made, last = None, [], 0
        for match in HAN_RUN.finditer(text):
            before = text[last:match.start()]
            if head is None:
                head = before
            else:
                made[-1].tail = before
            span = etree.Element(f"{X}span", {"lang": lang, XML_LANG: lang})
            span.text = match.group()
            made.append(span)
            last = match.end()
        if made:
            made[-1].tail = text[last:]
        return (text if head is None else head), made

    for element in list(root.iter(f"{X}*")):
        if element.tag in {f"{X}script", f"{X}style"}:
            continue
        if element.text and not in_cjk_language(element):
            element.text, made = spans(element.text)
            for offset, span in enumerate(made):
                element.insert(offset, span)
        parent = element.getparent()
        if element.tail and parent is not None and not in_cjk_language(parent):
            element.tail, made = spans(element.tail)
            index = parent.index(element)
            for offset, span in enumerate(made, start=1):
                parent.insert(index + offset, span)


def apply_semantics(root: etree._Element) -> None:
    for element in root.iter(f"{X}*"):
        names = classes(element)
        for semantic in SEMANTICS:
            if element.tag == f"{X}{semantic.tag}" and semantic.css_class in names:
                element.set(EPUB_TYPE, semantic.epub_type)
                if semantic.role:
                    element.set("role", semantic.role)
                else:  # docutils' role for a footnote, which this is not
                    element.attrib.pop("role", None)
                break
        # a page break of a printed source, marked with its ARIA role by the
        # node that writes it, is a pagebreak to reading systems too
        if element.get("role") == "doc-pagebreak":
            element.set(EPUB_TYPE, "pagebreak")


def epub_body(body: str, han_lang: str = "zh-Hans") -> str:
    """The EPUB's markup on one page's body: see :data:`SEMANTICS`."""
    if not body.strip():
        return body
    root = parse_body(body)
    endnotes(root)
    unbracket(root)
    apply_semantics(root)
    tag_han_runs(root, han_lang)
    return serialise_body(root)


# --- what the pages contain -----------------------------------------------------

@dataclass
class PageBreak:
    href: str
    label: str


@dataclass
class ContentFacts:
    """What the written pages contain, for the metadata and the navigation."""

    images: int = 0
    images_with_alt: int = 0
    images_with_long_description: int = 0
    headings: int = 0
    aria_roles: set[str] = field(default_factory=set)
    notes: dict[str, str] = field(default_factory=dict)  # page -> href of its notes
    page_breaks: list[PageBreak] = field(default_factory=list)
    #: the printed source those page breaks are of, as they cite it ("Shi 1993")
    page_break_source: str = ""

    @classmethod
    def read(cls, outdir: Path, pages: list[str]) -> ContentFacts:
        facts = cls()
        for name in pages:
            root = etree.parse(str(outdir / name)).getroot()
            for image in root.iter(f"{X}img", "{http://www.w3.org/2000/svg}svg"):
                facts.images += 1
                if (image.get("alt") or "").strip() or image.get("aria-labelledby"):
                    facts.images_with_alt += 1
                details = image.get("aria-details") or image.get("aria-describedby")
                if details and all(root.xpath("//*[@id=$i]", i=i) for i in details.split()):
                    facts.images_with_long_description += 1
            for element in root.iter(f"{X}*"):
                if element.tag in {f"{X}h{n}" for n in range(1, 7)}:
                    facts.headings += 1
                if role := element.get("role"):
                    facts.aria_roles.update(role.split())
                if element.get(EPUB_TYPE) == "endnotes" and element.get("id"):
                    facts.notes.setdefault(name, f"{name}#{element.get('id')}")
                if element.get("role") == "doc-pagebreak" and element.get("id"):
                    # the page number ({pb} writes it as the marker's text;
                    # its aria-label is the page's citation, "Shi 1993, 303")
                    label = "".join(element.itertext()).strip() or \
                        element.get("aria-label") or element.get("title")
                    facts.page_breaks.append(PageBreak(f"{name}#{element.get('id')}", label))
        return facts


#: words of the summary for each feature (derived summaries only)
FEATURE_WORDS = {
    "structuralNavigation": "headings mark every page and section",
    "tableOfContents": "the table of contents lists them all",
    "readingOrder": "the reading order is the order of the text",
    "alternativeText": "every image has a text alternative",
    "longDescription": "and what each image shows is also given in full in the text",
    "pageNavigation": "a page list leads to the pages of the printed source",
}


def accessibility_metadata(config: Config, facts: ContentFacts) -> list[tuple[str, str]]:
    """The schema.org and Dublin Core accessibility properties, in order."""
    modes = config.epub_access_modes
    if modes is None:
        modes = ["textual"] + (["visual"] if facts.images else [])
    sufficient = config.epub_access_modes_sufficient
    if sufficient is None:
        sufficient = [("textual",)] if facts.images_with_alt == facts.images else []
        if "visual" in modes:
            sufficient.append(("textual", "visual"))
    features = config.epub_accessibility_features
    if features is None:
        features = []
        if facts.headings:
            features.append("structuralNavigation")
        features += ["tableOfContents", "readingOrder"]
        if facts.images and facts.images_with_alt == facts.images:
            features.append("alternativeText")
        if facts.images and facts.images_with_long_description == facts.images:
            features.append("longDescription")
        if facts.aria_roles:
            features.append("ARIA")
        if facts.page_breaks:
            features += ["pageBreakMarkers", "pageNavigation"]
        # text, not pictures of text, in the reader's own fonts and colours
        features.append("displayTransformability")
    summary = config.epub_accessibility_summary or derived_summary(features, facts)
    properties = [("schema:accessMode", mode) for mode in modes]
    properties += [("schema:accessModeSufficient", ",".join(modes_)) for modes_ in sufficient]
    properties += [("schema:accessibilityFeature", feature) for feature in features]
    properties += [("schema:accessibilityHazard", hazard)
                   for hazard in config.epub_accessibility_hazards]
    properties.append(("schema:accessibilitySummary", summary))
    source = config.epub_page_break_source or facts.page_break_source
    if facts.page_breaks and source:
        # EPUB 3.3's own vocabulary (no prefix): epubcheck does not know
        # a11y:pageBreakSource, and Ace looks for pageBreakSource or dc:source
        properties.append(("pageBreakSource", source))
    if config.epub_accessibility_conformance:
        properties.append(("dcterms:conformsTo", config.epub_accessibility_conformance))
        if config.epub_accessibility_certifier:
            properties.append(("a11y:certifiedBy", config.epub_accessibility_certifier))
    return properties


def derived_summary(features: list[str], facts: ContentFacts) -> str:
    parts = [FEATURE_WORDS[f] + (", with the notes" if f == "tableOfContents" and facts.notes
                                 else "") for f in features if f in FEATURE_WORDS]
    text = "Reflowable text that can be read aloud and restyled: " + "; ".join(parts) + "."
    text = text.replace("; and what each image", ", and what each image")
    text += (" Notes and commentary are linked to and from their places in the text."
             " Paragraphs carry the numbers by which the edition is cited.")
    if not facts.page_breaks:
        text += (" There is no page list: the edition is cited by paragraph number, "
                 "which is the same in every format.")
    return text


# --- the builder -----------------------------------------------------------------

def zip_time(moment: dt.datetime) -> tuple[int, int, int, int, int, int]:
    # A zip entry cannot be dated before 1980.
    return max(tuple(moment.timetuple()[:6]), (1980, 1, 1, 0, 0, 0))  # type: ignore[return-value]


@dataclass
class NavEntry:
    text: str
    href: str
    children: list[NavEntry] = field(default_factory=list)


class EditionEpubBuilder(Epub3Builder):
    """Sphinx's EPUB 3 builder, accessible, with language, metadata and reproducibility."""

    facts: ContentFacts

    def prepare_writing(self, docnames: Any) -> None:
        super().prepare_writing(docnames)
        lang = html.escape(self.config.epub_language, quote=True)
        self.globalcontext["html_tag"] = self.html_tag.replace(
            "<html ", f'<html lang="{lang}" xml:lang="{lang}" ', 1)

    # -- pages --

    def add_css_file(self, filename: str, **kwargs: Any) -> None:
        # Only the stylesheets written for reading systems: the web's lean on
        # custom properties a reading system lacks (interpolations lost their
        # colour) and on colours that night modes make illegible.
        if posixpath.basename(filename) in EPUB_STYLESHEETS:
            super().add_css_file(filename, **kwargs)

    def copy_static_files(self) -> None:
        super().copy_static_files()
        static = self.outdir / "_static"
        for path in static.glob("*.css"):
            if path.name not in EPUB_STYLESHEETS:
                path.unlink()
        for path in static.iterdir():
            if path.is_file() and path.suffix != ".css" and path.suffix != ".js" \
                    and path.name not in EPUB_STATIC_FILES:
                path.unlink()

    def get_doc_context(self, docname: str, body: str, metatags: str) -> dict[str, Any]:
        return super().get_doc_context(
            docname, epub_body(body, self.config.edition_original_language), metatags)

    # -- package --

    def document_metadata(self) -> DocumentMeta:
        """Metadata of the edition's document: the root's, else the first one's."""
        documents = get_domain(self.env).documents
        if not documents:
            return DocumentMeta()
        root = self.config.root_doc
        return documents.get(root) or documents[min(documents)]

    def content_metadata(self) -> dict[str, Any]:
        metadata = super().content_metadata()
        meta = self.document_metadata()
        if self.config.epub_description == UNSET and meta.summary:
            metadata["description"] = html.escape(meta.summary)
        if self.config.epub_contributor == UNSET and meta.translators:
            metadata["contributor"] = html.escape(join_names(meta.translators))
        return metadata

    def pages(self) -> list[str]:
        """The content pages written, in the order of the output folder."""
        return sorted(str(path.relative_to(self.outdir)).replace(os.sep, "/")
                      for path in self.outdir.rglob(f"*{self.out_suffix}")
                      if path.name != "nav.xhtml")

    def handle_finish(self) -> None:
        self.facts = ContentFacts.read(self.outdir, self.pages())
        self.facts.page_break_source = self.page_break_source()
        super().handle_finish()

    def page_break_source(self) -> str:
        """The printed source of the pages that carry page breaks: each
        document's ``source``, in the short form its ``{pb}`` labels cite
        (:func:`edition.text.pagebreak.source_label`)."""
        documents = get_domain(self.env).documents
        names = {b.href.split("#")[0].removesuffix(self.out_suffix)
                 for b in self.facts.page_breaks}
        labels = {source_label(self.env, documents.get(name)) for name in names}
        return "; ".join(sorted(label for label in labels if label))

    def build_content(self) -> None:
        # Sphinx lists every file of the output folder in the package; a
        # .epub left by a build under an earlier epub_basename would be
        # reported as an unknown file (a warning, so -W fails): remove it.
        current = f"{self.config.epub_basename}.epub"
        for stale in self.outdir.glob("*.epub"):
            if stale.name != current:
                stale.unlink()
        super().build_content()
        self.amend_package(self.outdir / "content.opf")

    def amend_package(self, path: Path) -> None:
        """Accessibility metadata in, invented or misleading fields out."""
        tree = etree.parse(str(path))
        # Sphinx declares the OPF namespace twice (default and opf:); with
        # the unused prefix gone the new elements are plain <meta>
        etree.cleanup_namespaces(tree)
        metadata = tree.find(f"{{{OPF_NS}}}metadata")
        for name in ("publisher", "rights"):
            for element in metadata.findall(f"{{{DC_NS}}}{name}"):
                if element.text == NOT_STATED:
                    metadata.remove(element)
        # EPUB 2's guide: Sphinx points its "toc" at the title page; the
        # navigation document's landmarks replace it
        for guide in tree.getroot().findall(f"{{{OPF_NS}}}guide"):
            tree.getroot().remove(guide)
        anchor = metadata.find("{%s}meta[@property='dcterms:modified']" % OPF_NS)
        index = list(metadata).index(anchor) + 1
        for offset, (prop, value) in enumerate(
                accessibility_metadata(self.config, self.facts)):
            meta = etree.Element(f"{{{OPF_NS}}}meta", property=prop)
            meta.text = value
            meta.tail = "\n    "
            metadata.insert(index + offset, meta)
        if any(prop.startswith("a11y:") for prop, _ in
               accessibility_metadata(self.config, self.facts)):
            root = tree.getroot()
            root.set("prefix", (root.get("prefix", "") +
                                " a11y: http://www.idpf.org/epub/vocab/package/a11y/#").strip())
        tree.write(str(path), xml_declaration=True, encoding="UTF-8")

    # -- navigation --

    def navigation(self) -> list[NavEntry]:
        """The table of contents: every page and section, and each page's notes."""
        entries: list[NavEntry] = []
        stack: list[tuple[int, list[NavEntry]]] = [(0, entries)]
        for node in self.refnodes:
            if node["level"] > self.config.epub_tocdepth or not node["text"]:
                continue
            if node["refuri"].split("#")[0] in self.ignored_files:
                continue
            while stack[-1][0] >= node["level"]:
                stack.pop()
            # refnodes are escaped for Sphinx's templates
            entry = NavEntry(html.unescape(node["text"]), html.unescape(node["refuri"]))
            stack[-1][1].append(entry)
            stack.append((node["level"], entry.children))
        notes = dict(self.facts.notes)
        for entry in self.walk(entries):
            page = entry.href.split("#")[0]
            if "#" not in entry.href and page in notes:
                entry.children.append(NavEntry(NOTES_HEADING, notes.pop(page)))
        return entries

    @classmethod
    def walk(cls, entries: list[NavEntry]) -> list[NavEntry]:
        return [e for entry in entries for e in (entry, *cls.walk(entry.children))]

    def landmarks(self) -> list[tuple[str, str, str]]:
        """(epub:type, href, text) of the places a reading system offers to go to."""
        # (no "toc" landmark: it would point at nav.xhtml, which is not in the
        # spine; reading systems offer the table of contents themselves)
        marks = []
        documents = sorted(get_domain(self.env).documents)
        if documents:
            first = documents[0] + self.out_suffix
            marks.append(("bodymatter", first, "Start of the text"))
        return marks

    def build_navigation_doc(self) -> None:
        """nav.xhtml: contents, landmarks and (when there are page breaks) pages."""
        lang = html.escape(self.config.epub_language, quote=True)
        esc = html.escape

        def tree(entries: list[NavEntry], depth: int) -> str:
            pad = "  " * depth
            items = []
            for entry in entries:
                item = f'{pad}  <li><a href="{esc(entry.href)}">{esc(entry.text)}</a>'
                if entry.children:
                    item += "\n" + tree(entry.children, depth + 2) + f"\n{pad}  "
                items.append(item + "</li>")
            return f"{pad}<ol>\n" + "\n".join(items) + f"\n{pad}</ol>"

        navs = [
            '<nav epub:type="toc" role="doc-toc" id="toc" aria-labelledby="toc-heading">\n'
            '      <h1 id="toc-heading">Contents</h1>\n'
            + tree(self.navigation(), 3) + "\n    </nav>",
        ]
        landmarks = "\n".join(
            f'        <li><a epub:type="{kind}" href="{esc(href)}">{esc(text)}</a></li>'
            for kind, href, text in self.landmarks())
        navs.append('<nav epub:type="landmarks" id="landmarks" aria-labelledby='
                    '"landmarks-heading" hidden="hidden">\n'
                    '      <h2 id="landmarks-heading">Landmarks</h2>\n'
                    f"      <ol>\n{landmarks}\n      </ol>\n    </nav>")
        if self.facts.page_breaks:
            pages = "\n".join(f'        <li><a href="{esc(b.href)}">{esc(b.label)}</a></li>'
                              for b in self.facts.page_breaks)
            navs.append('<nav epub:type="page-list" role="doc-pagelist" id="page-list" '
                        'aria-labelledby="page-list-heading" hidden="hidden">\n'
                        '      <h2 id="page-list-heading">Pages of the printed source</h2>\n'
                        f"      <ol>\n{pages}\n      </ol>\n    </nav>")
        document = (
            '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n'
            f'<html xmlns="{XHTML_NS}" xmlns:epub="{OPS_NS}" lang="{lang}" xml:lang="{lang}">\n'
            "  <head>\n    <meta charset=\"utf-8\" />\n    <title>Contents</title>\n"
            '    <link rel="stylesheet" type="text/css" href="_static/edition-epub.css" />\n'
            "  </head>\n  <body>\n    " + "\n    ".join(navs) + "\n  </body>\n</html>\n")
        (self.outdir / "nav.xhtml").write_text(document, encoding="utf-8")
        if "nav.xhtml" not in self.files:
            self.files.append("nav.xhtml")

    def toc_metadata(self, level: int, navpoints: list[Any]) -> dict[str, Any]:
        # Sphinx writes epub_uid (the id of the identifier element) as the
        # NCX's dtb:uid, which must be the identifier itself (epubcheck NCX-001).
        metadata = super().toc_metadata(level, navpoints)
        metadata["uid"] = html.escape(self.config.epub_identifier)
        return metadata

    def build_epub(self) -> None:
        # Sphinx's build_epub dates each entry by its file's mtime, which
        # differs from build to build; write the same entries, in the same
        # order (mimetype first and stored), with one date and fixed modes.
        date_time = zip_time(build_time())
        path = self.outdir / f"{self.config.epub_basename}.epub"
        with ZipFile(path, "w", ZIP_DEFLATED) as epub:
            for name in ("mimetype", *CONTAINER_FILES, *self.files):
                info = ZipInfo(name, date_time=date_time)
                info.compress_type = ZIP_STORED if name == "mimetype" else ZIP_DEFLATED
                info.external_attr = 0o100644 << 16
                info.create_system = 3  # Unix, whatever the builder's platform
                epub.writestr(info, (self.outdir / name).read_bytes())


def choose_theme(app: Sphinx, config: Config) -> None:
    """The EPUB wears the edition's EPUB theme unless conf.py names another.

    The navigation document and every page link its stylesheet
    (:data:`EPUB_STYLESHEETS`), so a project that leaves ``epub_theme`` at
    Sphinx's default (``"epub"``) would get a package that references a
    file it lacks (epubcheck RSC-007)."""
    if config.epub_theme == "epub":
        config.epub_theme = "edition-epub"


def setup(app: Sphinx) -> None:
    app.add_builder(EditionEpubBuilder, override=True)
    app.add_html_theme("edition-epub", str(THEME_DIR))
    # after conf.py and the edition's own values are read (config.py)
    app.connect("config-inited", take_responsibility_values, priority=900)
    app.connect("config-inited", choose_theme, priority=900)
