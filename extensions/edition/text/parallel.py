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

* HTML: the sides sit side by side where two columns keep a comfortable
  measure (from 55rem) and stack elsewhere (pure CSS,
  ``static/parallel/edition/parallel.css``, whose head states the layout's
  rules); ``parallel.js`` adds the reading modes (side by side, interleaved,
  English only, original only), shows a mode that cannot apply disabled with
  its reason, and ``edition-apparatus.js`` sets the notes near their
  paragraph (see :mod:`edition.outputs.html`). A document whose slots are all
  pending reads as English at reading width with a compact pending marker
  beside each paragraph. ``tests/test_layout.py`` measures the layout on the
  full-size fixture; ``make screenshots`` shows it.
* LaTeX: a unit sets as two aligned columns (``paracol``, macros in
  ``latex/parallel.sty``) when ``unit.in_columns`` says so (:mod:`edition.nodes`);
  notes inside it are written as ``\\footnote{...}`` because Sphinx's
  ``footnote`` environment breaks inside ``paracol``. Pending slots of a
  document with no transcribed slot are left out (the coverage notice says
  so): no empty columns.
* text (and EPUB through the HTML visitors): sides stacked, the original
  labelled with its language; in text, lines of Chinese break as Chinese is
  set (:func:`keep_punctuation_in_line`).

The checks of the alignment and the coverage are :mod:`edition.text.alignment`'s;
the search for Chinese words is :mod:`edition.search`'s.
"""

from __future__ import annotations

import re
from html import escape as html_escape
from typing import Any, ClassVar

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective
from sphinx.util.parsing import nested_parse_to_nodes
from sphinx.util.texescape import escape as tex_escape

from ..diagnostics import Kind, warn
from ..nodes import side, unit
from ..util import lang_attributes, own_words_attributes
from ..outputs.plain import angled

UNIT_NUMBER = re.compile(r"p([1-9][0-9]*)")

PENDING_TEXT = "{language} original not yet transcribed"


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


# --- HTML -------------------------------------------------------------------

#: how a paragraph number's tooltip begins; edition-copy.js copies what follows
CITE_PREFIX = "Cite this paragraph: "

def visit_unit_html(self: Any, node: unit) -> None:
    self.body.append(self.starttag(node, "div"))
    if node["n"]:
        number = node["n"]
        # the paragraph's own citation (citation/cite_this.py sets it): its tooltip,
        # which the "Copy with citation" control copies after the prefix (once
        # in the page, not again in a data- attribute: page weight)
        cite = node.get("citation", "")
        cite_attrs = f' title="{CITE_PREFIX}{html_escape(cite)}"' if cite else ""
        self.body.append(
            f'<a class="unit-number editorial" href="#{html_escape(node["number"])}" '
            f'aria-label="Paragraph {number}, link to this paragraph"{cite_attrs}>'
            f'{number}</a>\n')


def depart_unit_html(self: Any, node: unit) -> None:
    self.body.append("</div>\n")


def visit_side_html(self: Any, node: side) -> None:
    self.body.append(self.starttag(node, "div", **lang_attributes(self, node["lang"])))
    if node.is_pending:
        text = PENDING_TEXT.format(language=self.config.edition_original_name)
        own = own_words_attributes(self, node)  # the status stands in the side
        own_attrs = "".join(f' {name}="{value}"' for name, value in own.items())
        self.body.append(f'<p class="slot-status editorial"{own_attrs} role="note">'
                         f'{html_escape(text)}</p>\n')


def depart_side_html(self: Any, node: side) -> None:
    self.body.append("</div>\n")


# --- LaTeX ------------------------------------------------------------------

#: languages written in CJK scripts, whose punctuation xeCJK sets full-width
CJK_LANGUAGES = {"zh", "ja", "ko", "lzh", "yue"}


def visit_unit_latex(self: Any, node: unit) -> None:
    self.body.append("\n" + self.hypertarget_to(node))
    if node.in_columns:
        self.body.append("\n\\begin{edparallel}%\n")
    if node["n"]:
        self.body.append(f"\\edunitnumbernext{{{tex_escape(str(node['n']))}}}%\n")


def depart_unit_latex(self: Any, node: unit) -> None:
    self.body.append("\n")


def visit_side_latex(self: Any, node: side) -> None:
    parent = node.parent
    columns = isinstance(parent, unit) and parent.in_columns
    if node.is_original:
        if node.is_pending and not columns:
            # The coverage notice at the top says the original is pending; an
            # empty column or box per paragraph would only waste paper.
            raise nodes.SkipNode
        if columns:
            self.body.append("\n\\switchcolumn\n")
        script = "[cjk]" if node["lang"].split("-")[0].lower() in CJK_LANGUAGES else ""
        self.body.append(f"\n\\begin{{edoriginal}}{script}{{{tex_escape(node['lang'])}}}\n")
        if node.is_pending:
            name = self.config.edition_original_name
            self.body.append(
                f"\\edslotpending{{{tex_escape(PENDING_TEXT.format(language=name))}}}\n")


def depart_side_latex(self: Any, node: side) -> None:
    if not node.is_original:
        return
    self.body.append("\n\\end{edoriginal}\n")
    parent = node.parent
    if isinstance(parent, unit) and parent.in_columns:
        self.body.append("\\end{edparallel}\n")


# --- text -------------------------------------------------------------------

#: Chinese punctuation that may not begin a line, and that may not end one
#: (the first rules of line breaking, kinsoku, for zh-Hans)
NO_LINE_START = "，。、；：？！…）」』》〉】"
NO_LINE_END = "（「『《〈【"


def visit_unit_text(self: Any, node: unit) -> None:
    self.new_state(0)
    if node["n"]:
        self.add_text(f"¶ {node['n']}")


def depart_unit_text(self: Any, node: unit) -> None:
    self.end_state(wrap=False)


def visit_side_text(self: Any, node: side) -> None:
    """The original stacked under its translation, labelled with its language."""
    if not node.is_original:
        return
    name = self.config.edition_original_name
    self.new_state(0)
    if node.is_pending:
        self.add_text(angled(PENDING_TEXT.format(language=name)))
        self.end_state()
        raise nodes.SkipNode
    self.add_text(angled(f"{name} original, {node['lang']}"))
    self.end_state()
    # where the original's wrapped lines begin in the unit's text
    self.edition_original_starts = [*getattr(self, "edition_original_starts", []),
                                    len(self.states[-1])]


def depart_side_text(self: Any, node: side) -> None:
    if not node.is_original or node.is_pending:
        return
    start = self.edition_original_starts.pop()
    if node["lang"].startswith("zh"):
        for item in self.states[-1][start:]:
            if isinstance(item, tuple) and isinstance(item[1], list):
                keep_punctuation_in_line(item[1])


def keep_punctuation_in_line(lines: list[str]) -> None:
    """Chinese lines broken as Chinese is set: no closing punctuation at the
    start of a line (it hangs at the end of the line before, two columns
    over the width, as in print), no opening one at the end of a line.

    Sphinx's text writer breaks lines of Chinese between any two characters;
    the original side is the only place where the edition sets long Chinese
    text, so its lines are mended here rather than in a writer of our own.
    """
    for i in range(1, len(lines)):
        while lines[i] and lines[i][0] in NO_LINE_START and lines[i - 1].strip():
            lines[i - 1] += lines[i][0]
            lines[i] = lines[i][1:]
        while lines[i - 1] and lines[i - 1][-1] in NO_LINE_END and lines[i].strip():
            lines[i] = lines[i - 1][-1] + lines[i]
            lines[i - 1] = lines[i - 1][:-1]


def setup(app: Sphinx) -> None:
    app.add_directive("unit", UnitDirective)
    app.add_directive("translation", TranslationDirective)
    app.add_directive("original", OriginalDirective)
    app.add_node(unit, html=(visit_unit_html, depart_unit_html),
                 latex=(visit_unit_latex, depart_unit_latex),
                 text=(visit_unit_text, depart_unit_text))
    app.add_node(side, html=(visit_side_html, depart_side_html),
                 latex=(visit_side_latex, depart_side_latex),
                 text=(visit_side_text, depart_side_text))

