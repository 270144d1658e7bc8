"""Parallel text: units that hold the translation beside the slot for the original.

Markup (MyST, colon fences)::

    ::::{unit} p7
    :::{translation}
    About the Poland question [^3] It is crystal-clear ...
    :::
    :::{original}
    :lang: zh-Hans
    :::
    ::::

A unit is numbered ``p1``, ``p2``, ... in document order; the number is its
anchor in HTML, its label in LaTeX and its identity in every export. Each
unit has one ``translation`` side and one ``original`` side (the slot); a side
may hold several paragraphs. A slot without content (comments do not count)
is *pending*; with content it is *transcribed*. Alignment is checked when the
document is read; each problem is a warning that names the file and line and
is explained, with its fix, in ``source/editors-guide.md``.

Outputs:

* HTML: the sides sit side by side on wide screens and stack on narrow ones
  (pure CSS, ``static/parallel.css``); ``static/parallel.js`` adds the reading
  modes (side by side, interleaved, English only, original only). A document
  whose slots are all pending reads as English at reading width with a
  compact pending marker beside each paragraph.
* LaTeX: a unit whose slot is transcribed sets as two aligned columns
  (``paracol``, macros in ``latex/parallel.sty``); notes inside it are
  written as ``\\footnote{...}`` because Sphinx's ``footnote`` environment
  breaks inside ``paracol``. Pending slots of a document with no transcribed
  slot are left out (the coverage notice says so): no empty columns.
* text (and EPUB through the HTML visitors): sides stacked, the original
  labelled with its language.
* search: the English search language also cuts runs of Chinese characters
  into words with jieba, so a Chinese word finds its paragraph.
"""

from __future__ import annotations

import re
from html import escape as html_escape
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.search.en import SearchEnglish
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective
from sphinx.util.parsing import nested_parse_to_nodes
from sphinx.util.texescape import escape as tex_escape

from .diagnostics import Kind, logger, warn
from .domain import UnitRecord, get_domain
from .textmarks import angled

UNIT_NUMBER = re.compile(r"p([1-9][0-9]*)")

PENDING_TEXT = "{language} original not yet transcribed"

STATIC_DIR = Path(__file__).parent / "static" / "parallel"
#: where the assets land in the HTML output (the theme loads ``_static/edition*``)
STATIC_TARGET = "edition"


# --- nodes ------------------------------------------------------------------

class unit(nodes.General, nodes.Element):
    """An aligned unit; ``number`` is ``"p7"``, ``n`` is 7 (0 when unnumbered)."""


class side(nodes.General, nodes.Element):
    """One side of a unit: ``role`` is ``translation`` or ``original``.

    An original side (the slot) also has ``status``: ``pending`` or
    ``transcribed``, and ``lang``.
    """


class coverage_notice(nodes.General, nodes.Element):
    """How much of a document's original is transcribed (set by a transform)."""


class unit_note(nodes.footnote):
    """A note inside a two-column LaTeX unit, written as ``\\footnote{...}``."""


# --- directives -------------------------------------------------------------

def parse_content(directive: SphinxDirective) -> list[nodes.Node]:
    """The directive's content as nodes, with the right source lines.

    MyST (5.2) gives a directive that may take an argument but has no option
    block (our ``unit``) a content offset one line too far when its content
    opens with a colon fence, so every warning about
    the text inside a unit would name the line below the one to fix. The
    offset is corrected here for MyST only; ``test_parallel`` checks the lines.
    """
    offset = directive.content_offset
    # MyST takes a first content line that starts with ':' (our nested
    # ':::{translation}') for the start of an option block, and counts it.
    if type(directive.state).__module__.startswith("myst_parser") and \
            directive.optional_arguments and not directive.options and \
            directive.content and directive.content[0].startswith(":"):
        offset -= 1
    return nested_parse_to_nodes(directive.state, directive.content, offset=offset,
                                 allow_section_headings=False)


class UnitDirective(SphinxDirective):
    """``unit``: one aligned passage, numbered by its argument."""

    optional_arguments = 1
    # take everything after the name, so 'p7 extra' is reported in our words
    final_argument_whitespace = True
    has_content = True

    def run(self) -> list[nodes.Node]:
        number = self.arguments[0].strip() if self.arguments else ""
        node = unit(number=number, n=0, classes=["unit"])
        self.set_source_info(node)
        match = UNIT_NUMBER.fullmatch(number)
        if not number:
            warn(Kind.unit, "unit has no number: write its paragraph number after "
                 "the directive name, e.g. '::::{unit} p7'", location=node)
        elif not match:
            warn(Kind.unit, "unit number %r is malformed: write 'p' and the paragraph "
                 "number, e.g. 'p7'", number, location=node)
            node["number"] = ""
        else:
            node["n"] = int(match.group(1))
            node["ids"].append(number)
        node += parse_content(self)
        return [node]


def has_content(node: nodes.Element) -> bool:
    """Whether a side holds anything but comments (an editor's remark is not text)."""
    return any(not isinstance(child, nodes.comment) for child in node.children)


class SideDirective(SphinxDirective):
    has_content = True
    role: ClassVar[str] = ""

    def make_side(self, lang: str) -> side:
        node = side(role=self.role, lang=lang, classes=["side", f"side-{self.role}"])
        self.set_source_info(node)
        node += parse_content(self)
        return node


class TranslationDirective(SideDirective):
    """``translation``: the English side of a unit."""

    role = "translation"

    def run(self) -> list[nodes.Node]:
        node = self.make_side("en")
        if not has_content(node):
            warn(Kind.side, "the translation side of this unit is empty: write the "
                 "English text of the paragraph between ':::{translation}' and ':::'",
                 location=node)
        return [node]


class OriginalDirective(SideDirective):
    """``original``: the slot for the original; empty while not transcribed."""

    role = "original"
    option_spec: ClassVar[dict[str, Any]] = {"lang": lambda value: (value or "").strip()}

    def run(self) -> list[nodes.Node]:
        lang = self.options.get("lang") or self.config.edition_original_language
        node = self.make_side(lang)
        node["status"] = "transcribed" if has_content(node) else "pending"
        node["classes"].append(f"slot-{node['status']}")
        if lang not in self.config.edition_slot_languages:
            warn(Kind.slot_language, "slot declares language %r, which the edition does "
                 "not know: write ':lang:' with one of %s (edition_slot_languages in "
                 "conf.py), or leave ':lang:' out for %s", lang,
                 ", ".join(self.config.edition_slot_languages),
                 self.config.edition_original_language, location=node)
        return [node]


# --- checks, records, coverage ----------------------------------------------

#: body text: block elements that hold words of a document
BODY_TEXT = (nodes.paragraph, nodes.block_quote, nodes.bullet_list,
             nodes.enumerated_list, nodes.definition_list, nodes.line_block,
             nodes.table, nodes.literal_block)


def is_stray(node: nodes.Node) -> bool:
    """Body text standing outside any unit (or inside a unit but outside its sides)."""
    return isinstance(node, BODY_TEXT)


def slot_of(node: unit) -> side | None:
    return next((s for s in node.children if isinstance(s, side)
                 and s["role"] == "original"), None)


class AlignmentTransform(SphinxTransform):
    """Check a document's units and record them; add the coverage notice."""

    default_priority = 350  # after the metadata transform has titled the page

    def apply(self, **kwargs: Any) -> None:
        self.check_loose_sides()
        units = list(self.document.findall(unit))
        if not units:
            return
        records: list[UnitRecord] = []
        seen: dict[int, unit] = {}
        expected = 1
        for node in units:
            if any(isinstance(a, unit) for a in iter_ancestors(node)):
                warn(Kind.unit, "unit %s stands inside another unit: close the outer "
                     "unit ('::::') before opening the next", node["number"] or "",
                     location=node)
            self.check_sides(node)
            self.put_sides_first(node)
            n = node["n"]
            if n:
                if n in seen:
                    warn(Kind.unit, "unit number %s is used twice (first at line %s): "
                         "give each unit its own number", node["number"],
                         seen[n].line, location=node)
                    node["ids"].remove(node["number"])  # one anchor per number
                elif n < expected:
                    warn(Kind.unit, "unit %s is out of order: it comes after p%s; "
                         "units must follow the paragraph order p1, p2, p3, ...",
                         node["number"], expected - 1, location=node)
                elif n > expected:
                    missing = ", ".join(f"p{i}" for i in range(expected, n))
                    after = f"follows p{expected - 1}" if expected > 1 else "is the first unit"
                    warn(Kind.unit, "unit %s %s: %s missing from the series; "
                         "add the missing unit or renumber", node["number"], after,
                         missing, location=node)
                seen.setdefault(n, node)
                expected = max(expected, n + 1)
            slot = slot_of(node)
            records.append(UnitRecord(
                node["number"], node.line or 0,
                slot["status"] if slot is not None else "pending",
                slot["lang"] if slot is not None else self.config.edition_original_language,
            ))
        containers: list[nodes.Element] = []
        for node in units:
            if node.parent not in containers and not isinstance(node.parent, unit):
                containers.append(node.parent)
        for container in containers:
            self.check_stray_text(container)
        get_domain(self.env).units[self.env.docname] = records
        transcribed = sum(r.status == "transcribed" for r in records)
        self.document["edition_coverage"] = (transcribed, len(records))
        for node in units:
            node["pending_document"] = transcribed == 0
            if transcribed == 0:
                node["classes"].append("unit-pending-document")
        self.insert_notice(units[0], transcribed, len(records))

    def check_loose_sides(self) -> None:
        for node in self.document.findall(side):
            if not isinstance(node.parent, unit):
                warn(Kind.side, "a '{%s}' side stands outside any unit: put it inside "
                     "'::::{unit} pN' ... '::::' with the other side of its paragraph",
                     node["role"], location=node)

    def check_sides(self, node: unit) -> None:
        roles = [c["role"] for c in node.children if isinstance(c, side)]
        label = node["number"] or "without a number"
        for role in ("translation", "original"):
            count = roles.count(role)
            if count == 0:
                what = "translation side (':::{translation}')" if role == "translation" \
                    else "slot for the original (':::{original}' ... ':::', left " \
                         "empty while not transcribed)"
                warn(Kind.side, "unit %s has no %s: add it inside the unit",
                     label, what, location=node)
            elif count > 1:
                warn(Kind.side, "unit %s has %d %s sides: put all its paragraphs in one "
                     "':::{%s}' (a side may hold several paragraphs)",
                     label, count, role, role, location=node)
        for child in node.children:
            if is_stray(child):
                warn(Kind.side, "text in unit %s stands outside its sides: move it into "
                     "':::{translation}' or ':::{original}'", label, location=child)

    @staticmethod
    def put_sides_first(node: unit) -> None:
        """Translation, then slot, then anything else (commentary), order kept.

        Every output sets the translation first (left column) whatever order
        the editor wrote the sides in; no text is dropped or moved across units.
        """
        rank = {"translation": 0, "original": 1}
        children = list(node.children)
        ordered = sorted(children, key=lambda c: rank.get(c.get("role"), 2)
                         if isinstance(c, side) else 2)
        if ordered != children:
            node.children = []
            node.extend(ordered)

    def check_stray_text(self, container: nodes.Element) -> None:
        for child in container.children:
            if is_stray(child):
                warn(Kind.side, "body text stands outside any unit: put it in a "
                     "'::::{unit} pN' with its paragraph number, inside "
                     "':::{translation}'", location=child)

    def insert_notice(self, first: unit, transcribed: int, total: int) -> None:
        notice = coverage_notice(transcribed=transcribed, total=total,
                                 classes=["coverage-notice", "editorial"])
        text = coverage_sentence(self.config.edition_original_name, transcribed, total)
        para = nodes.paragraph("", text + ".")
        if transcribed < total:
            para += nodes.Text(" Paragraphs without it are marked as pending.")
        notice += para
        container = first.parent
        container.insert(container.index(first), notice)


def coverage_sentence(name: str, transcribed: int, total: int) -> str:
    """``Chinese original: 0 of 11 paragraphs transcribed``."""
    noun = "paragraph" if total == 1 else "paragraphs"
    return f"{name} original: {transcribed} of {total} {noun} transcribed"


def iter_ancestors(node: nodes.Node):
    parent = node.parent
    while parent is not None:
        yield parent
        parent = parent.parent


def report_coverage(app: Sphinx, env: Any) -> None:
    """Print each document's coverage once reading is done."""
    domain = get_domain(env)
    name = app.config.edition_original_name
    for docname in sorted(domain.units):
        transcribed, total = domain.coverage(docname)
        logger.info("%s: %s", docname, coverage_sentence(name, transcribed, total))


class UnitNoteTransform(SphinxPostTransform):
    """LaTeX: notes inside a two-column unit become :class:`unit_note`.

    Sphinx writes a note as ``\\begin{footnote}...\\end{footnote}``, which
    breaks inside ``paracol``; the plain ``\\footnote{...}`` works. Runs
    after Sphinx has moved each note to its reference (priority 600).
    """

    default_priority = 610
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(unit)):
            if not sets_in_columns(node):
                continue
            for note in list(node.findall(nodes.footnote)):
                if isinstance(note, unit_note):
                    continue
                replacement = unit_note(note.rawsource, *note.children, **note.attributes)
                note.replace_self(replacement)


def sets_in_columns(node: unit) -> bool:
    """LaTeX sets a unit in two columns unless its whole document is pending."""
    if node.get("pending_document"):
        return False
    roles = [c["role"] for c in node.children if isinstance(c, side)]
    # a unit with a missing or doubled side (already reported) stays in one column
    return roles.count("translation") == 1 and roles.count("original") == 1


# --- HTML -------------------------------------------------------------------

def visit_unit_html(self: Any, node: unit) -> None:
    self.body.append(self.starttag(node, "div"))
    if node["n"]:
        number = node["n"]
        # the paragraph's own citation (cite_this.py sets it): its tooltip, and
        # the data the "Copy with citation" control copies
        cite = node.get("citation", "")
        cite_attrs = (f' title="Cite this paragraph: {html_escape(cite)}" '
                      f'data-citation="{html_escape(cite)}"') if cite else ""
        self.body.append(
            f'<a class="unit-number editorial" href="#{html_escape(node["number"])}" '
            f'aria-label="Paragraph {number}, link to this paragraph"{cite_attrs}>'
            f'{number}</a>\n')


def depart_unit_html(self: Any, node: unit) -> None:
    self.body.append("</div>\n")


def visit_side_html(self: Any, node: side) -> None:
    attrs = {"lang": node["lang"]}
    if self.builder.name.startswith("epub"):
        attrs["xml:lang"] = node["lang"]  # XHTML readers look for xml:lang
    self.body.append(self.starttag(node, "div", **attrs))
    if node["role"] == "original" and node["status"] == "pending":
        text = PENDING_TEXT.format(language=self.config.edition_original_name)
        xml_lang = ' xml:lang="en"' if "xml:lang" in attrs else ""
        self.body.append(
            f'<p class="slot-status editorial" lang="en"{xml_lang} role="note">'
            f'{html_escape(text)}</p>\n')


def depart_side_html(self: Any, node: side) -> None:
    self.body.append("</div>\n")


def visit_notice_html(self: Any, node: coverage_notice) -> None:
    self.body.append(self.starttag(node, "div", role="status"))


def depart_notice_html(self: Any, node: coverage_notice) -> None:
    self.body.append("</div>\n")


def add_assets(app: Sphinx) -> None:
    """The reading modes' stylesheet and script, for the HTML page builders.

    EPUB (an HTML-format builder too) gets neither: e-readers stack the sides
    and run no scripts. The folder joins ``html_static_path`` here, so Sphinx
    copies the files before it writes the pages and stamps their links with
    the files' checksums on the first build as on every later one.
    """
    if app.builder.format != "html" or app.builder.name.startswith("epub"):
        return
    if str(STATIC_DIR) not in app.config.html_static_path:
        app.config.html_static_path.append(str(STATIC_DIR))
    app.add_css_file(f"{STATIC_TARGET}/parallel.css")
    app.add_js_file(f"{STATIC_TARGET}/parallel.js")


# --- LaTeX ------------------------------------------------------------------

def visit_unit_latex(self: Any, node: unit) -> None:
    self.body.append("\n" + self.hypertarget_to(node))
    if sets_in_columns(node):
        self.body.append("\n\\begin{edparallel}%\n")
    if node["n"]:
        self.body.append(f"\\edunitnumbernext{{{tex_escape(str(node['n']))}}}%\n")


def depart_unit_latex(self: Any, node: unit) -> None:
    self.body.append("\n")


def visit_side_latex(self: Any, node: side) -> None:
    parent = node.parent
    columns = isinstance(parent, unit) and sets_in_columns(parent)
    if node["role"] == "original":
        if node["status"] == "pending" and not columns:
            # The coverage notice at the top says the original is pending; an
            # empty column or box per paragraph would only waste paper.
            raise nodes.SkipNode
        if columns:
            self.body.append("\n\\switchcolumn\n")
        self.body.append(f"\n\\begin{{edoriginal}}{{{tex_escape(node['lang'])}}}\n")
        if node["status"] == "pending":
            name = self.config.edition_original_name
            self.body.append(
                f"\\edslotpending{{{tex_escape(PENDING_TEXT.format(language=name))}}}\n")


def depart_side_latex(self: Any, node: side) -> None:
    if node["role"] != "original":
        return
    self.body.append("\n\\end{edoriginal}\n")
    parent = node.parent
    if isinstance(parent, unit) and sets_in_columns(parent):
        self.body.append("\\end{edparallel}\n")


def visit_unit_note_latex(self: Any, node: unit_note) -> None:
    self.in_footnote += 1
    label = node[0].astext() if node.children and isinstance(node[0], nodes.label) else ""
    number = f"[{tex_escape(label)}]" if label.isdigit() else ""
    self.body.append(f"%\n\\footnote{number}{{\\sphinxAtStartFootnote\n")


def depart_unit_note_latex(self: Any, node: unit_note) -> None:
    self.body.append("%\n}")
    self.in_footnote -= 1


def visit_notice_latex(self: Any, node: coverage_notice) -> None:
    self.body.append("\n\\begin{edcoverage}\n")


def depart_notice_latex(self: Any, node: coverage_notice) -> None:
    self.body.append("\\end{edcoverage}\n")


# --- text -------------------------------------------------------------------

def visit_unit_text(self: Any, node: unit) -> None:
    self.new_state(0)
    if node["n"]:
        self.add_text(f"¶ {node['n']} ")


def depart_unit_text(self: Any, node: unit) -> None:
    self.end_state(wrap=False)


def visit_side_text(self: Any, node: side) -> None:
    if node["role"] != "original":
        return
    name = self.config.edition_original_name
    self.new_state(0)
    if node["status"] == "pending":
        self.add_text(angled(PENDING_TEXT.format(language=name)))
        self.end_state()
        raise nodes.SkipNode
    self.add_text(angled(f"{name} original, {node['lang']}"))
    self.end_state()


def depart_side_text(self: Any, node: side) -> None:
    pass


def visit_plain(self: Any, node: nodes.Node) -> None:
    pass


def depart_plain(self: Any, node: nodes.Node) -> None:
    pass


# --- search -----------------------------------------------------------------

#: runs of CJK ideographs (with the punctuation-free extensions A and B)
CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0002a6df]+")


class SearchEnglishWithChinese(SearchEnglish):
    """English search that also indexes the words of the Chinese original.

    Sphinx's English splitter keeps a run of Chinese characters as one
    "word" (a whole clause), so no query would ever match it; Sphinx's own
    Chinese language (``sphinx.search.zh``) cuts with jieba but treats the
    English text as second-class (no stop words of its own, other stemming
    of short words). This keeps English as it is and hands only the Chinese
    runs to jieba (``cut_for_search``: words and their parts). A query is
    split by the browser on spaces and punctuation, so a single Chinese word,
    or words separated by spaces, find their paragraph.
    """

    def split(self, input: str) -> list[str]:
        words: list[str] = []
        for word in super().split(input):
            if CJK_RUN.search(word):
                words.extend(cut_chinese(word))
            else:
                words.append(word)
        return words

    def word_filter(self, word: str) -> bool:
        if CJK_RUN.fullmatch(word):
            return True
        return super().word_filter(word)


def cut_chinese(text: str) -> list[str]:
    import jieba  # imported late: loading its dictionary takes a moment

    jieba.setLogLevel(60)  # its "Building prefix dict" chatter is not a warning
    words: list[str] = []
    for part in re.split(f"({CJK_RUN.pattern})", text):
        if not part:
            continue
        if CJK_RUN.fullmatch(part):
            words.extend(w for w in jieba.cut_for_search(part) if w.strip())
        else:
            words.append(part)
    return words


def setup(app: Sphinx) -> None:
    app.add_directive("unit", UnitDirective)
    app.add_directive("translation", TranslationDirective)
    app.add_directive("original", OriginalDirective)
    app.add_transform(AlignmentTransform)
    app.add_post_transform(UnitNoteTransform)
    app.connect("env-updated", report_coverage)
    app.connect("builder-inited", add_assets)
    app.add_search_language(SearchEnglishWithChinese)
    app.add_node(unit, html=(visit_unit_html, depart_unit_html),
                 latex=(visit_unit_latex, depart_unit_latex),
                 text=(visit_unit_text, depart_unit_text))
    app.add_node(side, html=(visit_side_html, depart_side_html),
                 latex=(visit_side_latex, depart_side_latex),
                 text=(visit_side_text, depart_side_text))
    app.add_node(coverage_notice, html=(visit_notice_html, depart_notice_html),
                 latex=(visit_notice_latex, depart_notice_latex),
                 text=(visit_plain, depart_plain))
    app.add_node(unit_note, latex=(visit_unit_note_latex, depart_unit_note_latex))
