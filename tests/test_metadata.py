"""Front matter: the header block, and a warning for each bad field."""

from __future__ import annotations

import pytest


@pytest.mark.sphinx("html", testroot="metadata", freshenv=True)
def test_good_metadata_makes_title_and_header(app):
    app.build()
    html = (app.outdir / "good.html").read_text(encoding="utf-8")
    assert "<h1>A fixture record" in html
    assert "First Recipient and Second Recipient" in html
    assert '<a class="reference external" href="https://example.org/record/42">42</a>' in html
    assert app.env.get_domain("edition").documents["good"].record == "42"


@pytest.mark.sphinx("html", testroot="metadata", freshenv=True)
def test_bad_fields_are_reported_with_file_and_line(app):
    app.build()
    warnings = app.warning.getvalue()
    expected = [
        ("bad-date.md:4", "'date' must be a date written YYYY-MM-DD, not '24 January 1957'"),
        ("no-title.md:2", "document has no 'title' field"),
        ("wrong-type.md:6", "document field 'recipients' must be a list of names"),
        ("unknown-field.md:6", "unknown document field 'recipent'"),
        ("not-a-mapping.md:2", "front matter 'document' must be a mapping"),
    ]
    for where, message in expected:
        line = next((w for w in warnings.splitlines() if where in w), "")
        assert message in line, f"no warning at {where}: {warnings}"
        assert "[edition.metadata]" in line
    assert "Traceback" not in warnings
    # the rest of each document is still there
    assert "Body text of the bad-date fixture." in (app.outdir / "bad-date.html").read_text()


@pytest.mark.sphinx("html", testroot="metadata", freshenv=True)
def test_metadata_is_escaped(app):
    app.build()
    html = (app.outdir / "escaping.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>Bold</b>" not in html and "&lt;b&gt;Bold&lt;/b&gt; &amp; Co" in html
    assert "שלום" in html and "e\u0301" in html and "📜" in html


@pytest.mark.sphinx("latex", testroot="metadata", freshenv=True)
def test_metadata_is_escaped_in_latex(app):
    app.build()
    tex = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert r"\textless{}script\textgreater{}" in tex
    assert r"\&" in tex and r"\%" in tex and r"\#" in tex and r"\$" in tex
