"""Sources as editors type them: not UTF-8, raw HTML."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from witness import QUOTE_SHAPES


@pytest.mark.sphinx("html", testroot="sources", freshenv=True)
def test_non_utf8_source_names_file_line_and_byte(app):
    app.build()
    warnings = app.warning.getvalue()
    assert "latin1.md:4: WARNING: byte 0xB3 at offset 52 (column 14) is not UTF-8" in warnings
    assert "[edition.encoding]" in warnings
    assert "Traceback" not in warnings
    html = (app.outdir / "latin1.html").read_text(encoding="utf-8")
    assert "First line is fine." in html
    assert "Gomu\ufffdka was saved in ISO-8859-2 here." in html


@pytest.mark.sphinx("html", testroot="sources", freshenv=True)
def test_raw_html_is_refused_and_shown_as_text(app):
    app.build()
    warnings = app.warning.getvalue()
    assert "raw.md:3: WARNING: raw HTML is not part of an edition's markup" in warnings
    assert "raw.md:5: WARNING: raw HTML" in warnings
    assert "[edition.raw-markup]" in warnings
    html = (app.outdir / "raw.html").read_text(encoding="utf-8")
    assert '<script>alert("injected")</script>' not in html
    # shown as text, its quotation marks set as the reading text's are (typography.py)
    shown = lxml_html.fromstring(html).text_content().translate(QUOTE_SHAPES)
    assert '<script>alert("injected")</script>' in shown
    assert "inline HTML" in html and "<b>inline HTML</b>" not in html


@pytest.mark.sphinx("html", testroot="sources", freshenv=True,
                    confoverrides={"suppress_warnings": ["edition.raw-markup"]})
def test_a_kind_of_warning_can_be_silenced(app):
    app.build()
    assert "raw HTML" not in app.warning.getvalue()
    assert "not UTF-8" in app.warning.getvalue()
