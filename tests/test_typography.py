"""Typographic quotation marks and apostrophes in the reading outputs, the
witness's straight ones in the data exports (extensions/edition/text/typography.py).

The PDF's side is in test_pdf.py (it shares that module's build) and the
EPUB's in test_epub.py.
"""

from __future__ import annotations

import json

from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser
from docutils.utils import new_document

import tei_text
from edition.text.typography import educate_doctree, typographic, typographic_html
from html_text import document_text
from witness import QUOTE_SHAPES as QUOTES
from witness import check, witness_text

DOCUMENT = "117033"
STRAIGHT = "'\""
TYPOGRAPHIC = "“”‘’"


def test_the_rule_sets_quotes_and_apostrophes_only():
    assert typographic('Zhou\'s "following the Soviet leadership." and \'this\'') == \
        "Zhou’s “following the Soviet leadership.” and ‘this’"
    # dashes, the witness's spaced points and ranges are not the rule's
    untouched = "self-criticism -- 17-19 January . . . (Excerpt)"
    assert typographic(untouched) == untouched
    # a nested quotation, as the record's title has it
    assert typographic("\"Report, 'My Observations on the Soviet Union,' Zhou Enlai\"") == \
        "“Report, ‘My Observations on the Soviet Union,’ Zhou Enlai”"


def test_the_rule_changes_no_other_character():
    """smartquotes reads backslashes as escapes and writes its escapes back as
    characters: the rule keeps every backslash, and text that looks like an
    escape, as it is."""
    text = r'C:\\dir \ "quoted" &#92; &#34; \" x\'s'
    educated = typographic(text)
    assert educated == r'C:\\dir \ “quoted” &#92; &#34; \” x\’s'
    assert educated.translate(QUOTES) == text


def parse(text: str) -> nodes.document:
    document = new_document("<test>", get_default_settings(Parser))
    Parser().parse(text, document)
    return document


def test_a_block_is_one_run_across_its_inline_nodes_and_code_keeps_its_marks():
    document = parse('The "``code \'here\'``" and "*Stalin*\'s" mistakes.\n')
    educate_doctree(document)
    para = document[0]
    assert para.astext() == "The “code 'here'” and “Stalin’s” mistakes."
    # the literal's own text is untouched
    assert next(iter(para.findall(nodes.literal))).astext() == "code 'here'"


def test_titles_rendered_as_html_keep_their_tags():
    assert typographic_html('Report, &#x27;My <em>Observations</em>,&#x27; &quot;x&quot;') \
        == "Report, ‘My <em>Observations</em>,’ “x”"


def test_html_reading_text_is_typographic_and_the_witness(edition_build):
    build = edition_build("html")
    text = document_text(build.outdir / f"{DOCUMENT}.html")
    everything = text.body + text.all_notes
    assert not [w for w in everything if any(c in w for c in STRAIGHT)]
    assert "Zhou’s" in text.all_notes and "“following" in text.body
    assert check(text) == []
    # the page's title and its pager (Sphinx renders them from the
    # environment), and a citation's tooltip (an attribute)
    page = (build.outdir / "note-on-the-text.html").read_text(encoding="utf-8")
    assert "Report, ‘My Observations on the Soviet Union,’ Zhou Enlai" in page
    assert "Report, 'My Observations" not in page


def test_data_exports_keep_the_witness_characters(edition_build):
    """The exports the HTML build writes from the same doctree are data:
    word for word and character for character the witness."""
    exports = edition_build("html").outdir / "_exports"
    assert tei_text.document_text(exports / f"{DOCUMENT}.xml") == witness_text()
    data = json.loads((exports / f"{DOCUMENT}.json").read_text(encoding="utf-8"))
    english = " ".join(unit["en"] for unit in data["units"])
    assert "“" not in english and "’" not in english
    assert "\"following the Soviet leadership.\"" in english
    plain = (exports / f"{DOCUMENT}.txt").read_text(encoding="utf-8")
    assert "Chinese Party's" in plain and "Party’s" not in plain
