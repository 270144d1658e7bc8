"""The chronology: the witness's dated events, in order, linked, and drawn."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from lxml import etree
from lxml import html as lxml_html

from conftest import TESTS
from edition.chronology.events import Event, format_when
from edition.chronology.timeline import layout, segments, to_svg, window

SVG = "{http://www.w3.org/2000/svg}"

#: (date as listed, link) for every event, in date order: by hand from the
#: notes and the metadata of the witness
EXPECTED = [
    ("February 1955 – October 1962", "117033.html#note-2"),
    ("30 October 1956", "117033.html#note-5"),
    ("4 December 1956", "117033.html#note-3"),
    ("29 December 1956", "117033.html#note-6"),
    ("7–11 January 1957", "117033.html#note-1"),
    ("11–16 January 1957", "117033.html#note-3"),
    ("11–17 January 1957", "117033.html#note-1"),
    ("17–19 January 1957", "117033.html#note-1"),
    ("20 January [1957]", "117033.html#note-3"),
    ("24 January 1957", "117033.html"),
]


def own_warnings(text: str) -> list[str]:
    """Warnings, without the notices of a second Sphinx in one process and the
    EPUB builder's own complaint about the project's empty copyright."""
    return [line for line in text.splitlines() if line.strip()
            and "is already registered" not in line and "epub_copyright" not in line]


def chronology_page(outdir: Path):
    return lxml_html.parse(str(outdir / "chronology.html"))


def test_events_in_date_order_with_links(edition_build):
    page = chronology_page(edition_build("html").outdir)
    items = page.xpath('//ul[contains(@class, "chronology-list")]/li')
    listed = [(li.xpath('.//time')[0].text, li.xpath('.//a')[-1].get("href")) for li in items]
    assert listed == EXPECTED
    datetimes = [li.xpath('.//time')[0].get("datetime") for li in items]
    # HTML takes one date in datetime: a period gives its start
    assert datetimes[0] == "1955-02" and datetimes[4] == "1957-01-07"
    election = items[8].text_content()
    assert "their congress election is scheduled for 20 January" in election
    assert "The source gives no year; [1957] is the edition’s inference" in election


def test_note_links_reach_the_notes(edition_build):
    outdir = edition_build("html").outdir
    document = lxml_html.parse(str(outdir / "117033.html"))
    for _, href in EXPECTED:
        page, _, anchor = href.partition("#")
        if anchor:
            assert document.xpath(f'//*[@id="{anchor}"]'), href


def test_timeline_is_well_formed_accessible_svg_in_the_html(edition_build):
    html = (edition_build("html").outdir / "chronology.html").read_text(encoding="utf-8")
    match = re.search(r"<svg.*?</svg>", html, re.S)
    assert match, "no inline SVG"
    svg = etree.fromstring(match.group(0).encode())
    assert svg.tag == f"{SVG}svg" and svg.get("role") == "img"
    title_id, desc_id = svg.get("aria-labelledby").split()
    assert svg.find(f"{SVG}title").get("id") == title_id
    desc = svg.find(f"{SVG}desc")
    assert desc.get("id") == desc_id and "bars" in desc.text and "diamonds" in desc.text
    rows = svg.findall(f"{SVG}g[@class='timeline-event']")
    assert len(rows) == len(EXPECTED)
    texts = [t.text for t in svg.iter(f"{SVG}text")]
    assert "Liu Xiao ambassador" in texts and "20 January [1957]" in texts
    # the long period is clipped with arrows and said so in words
    assert "runs beyond the axis" in desc.text
    # no script, no external reference
    assert not svg.xpath("//*[local-name()='script']") and "href" not in match.group(0)
    # beside the list: list and figure share one container
    page = chronology_page(edition_build("html").outdir)
    container = page.xpath('//div[@id="chronology-events"]')[0]
    assert [c.tag for c in container] == ["ul", "figure"]
    css = (edition_build("html").outdir / "_static" / "chronology.css").read_text()
    assert "grid-template-columns" in css


def test_latex_text_and_epub(edition_build):
    latex = edition_build("latex")
    assert own_warnings(latex.warnings) == []
    tex = next(latex.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert tex.count(r"\edeventdate{") == len(EXPECTED)
    assert r"\begin{edtimeline}" in tex and r"{Liu Xiao ambassador}" in tex
    assert (latex.outdir / "chronology.sty").is_file()
    text = edition_build("text")
    chronology = (text.outdir / "chronology.txt").read_text(encoding="utf-8")
    assert chronology.index("30 October 1956") < chronology.index("24 January 1957")
    epub = edition_build("epub")
    assert own_warnings(epub.warnings) == []
    svg = epub.outdir / "_images" / "chronology.svg"
    etree.parse(str(svg))  # well-formed
    assert 'href="_images/chronology.svg"' in (epub.outdir / "content.opf").read_text()
    xhtml = (epub.outdir / "chronology.xhtml").read_text(encoding="utf-8")
    assert '<img src="_images/chronology.svg" alt="Timeline from' in xhtml


# --- units ---------------------------------------------------------------------

def event(start: str, end: str | None = None, precision: str = "day",
          inferred: str = "") -> Event:
    return Event(start, end or start, precision, inferred, "label", "text", "note 1",
                 "", "", 0)


@pytest.mark.parametrize(("args", "expected"), [
    (("1956-12-04",), "4 December 1956"),
    (("1957-01-07", "1957-01-11"), "7–11 January 1957"),
    (("1956-12-29", "1957-01-02"), "29 December 1956 – 2 January 1957"),
    (("1956-11-30", "1956-12-02"), "30 November – 2 December 1956"),
    (("1955-02-01", "1962-10-31", "month"), "February 1955 – October 1962"),
    (("1957-01-20", None, "day", "context"), "20 January [1957]"),
])
def test_dates_in_words(args, expected):
    assert format_when(event(*args)) == expected


def test_window_leaves_out_the_long_period():
    events = [event("1955-02-01", "1962-10-31", "month"), event("1956-10-30"),
              event("1957-01-24")]
    assert window(events) == (dt.date(1956, 10, 1), dt.date(1957, 2, 1))


def test_svg_escapes_text():
    drawing = layout([event("1956-10-30")._replace(label="<b> & \"x\"")], format_when)
    svg = etree.fromstring(to_svg(drawing).encode())
    assert [t.text for t in svg.iter(f"{SVG}text")][-2] == "<b> & \"x\""


# --- fixture ---------------------------------------------------------------------

def build_fixture(make_app, tmp_path: Path, builder: str = "html"):
    srcdir = tmp_path / f"chronology-{builder}"
    shutil.copytree(TESTS / "roots" / "test-chronology", srcdir)
    app = make_app(builder, srcdir=srcdir, freshenv=True)
    app.build()
    return app


def test_fixture_errors_are_reported_with_file_and_line(make_app, tmp_path):
    app = build_fixture(make_app, tmp_path)
    warnings = app.warning.getvalue()
    expected = [
        (r"chronology\.md:10: WARNING: event 1960-03-02 quotes 'held on 3 March 1960', "
         r"which is not in note 1", "misquote"),
        (r"chronology\.md:17: WARNING: event date '1960-13-02' is not a date", "date"),
        (r"chronology\.md:22: WARNING: event 1960-03-05 has no source", "source"),
        (r"chronology\.md:26: WARNING: event '1960-03-09/1960-03-01' ends before it begins",
         "order"),
        (r"chronology\.md:39: WARNING: event 1960-03-07: source 'notes 1' is not a place",
         "pointer"),
    ]
    for pattern, what in expected:
        assert re.search(pattern, warnings), f"no warning for {what}:\n{warnings}"
    assert len(own_warnings(warnings)) == len(expected)
    assert "[edition.chronology]" in warnings
    page = chronology_page(Path(app.outdir))
    dates = [t.text for t in page.xpath('//ul[contains(@class, "chronology-list")]//time')]
    # valid events (and the misquoted one, reported) in date order; the report's date
    assert dates == ["2 March 1960", "2 March 1960", "6 March [1960]", "15 March 1960"]


def test_fixture_renders_in_latex_and_text(make_app, tmp_path):
    for builder in ("latex", "text"):
        app = build_fixture(make_app, tmp_path, builder)
        assert "Traceback" not in app.warning.getvalue()
    text = " ".join((Path(app.outdir) / "chronology.txt").read_text(encoding="utf-8").split())
    assert "6 March [1960] — A quoted paragraph." in text
    assert "inference: a fixture reason." in text


# --- the timeline's broken axis --------------------------------------------------

def real_events() -> list[Event]:
    return [event("1955-02-01", "1962-10-31", "month"), event("1956-10-30"),
            event("1956-12-04"), event("1956-12-29"), event("1957-01-07", "1957-01-11"),
            event("1957-01-11", "1957-01-17"), event("1957-01-11", "1957-01-16"),
            event("1957-01-17", "1957-01-19"), event("1957-01-20", inferred="context"),
            event("1957-01-24")]


def test_a_crowded_month_gets_a_scale_of_days():
    """Six of the ten events fall in January 1957: the axis is broken, the
    months before it by months, January by days over most of the width."""
    parts = segments(real_events())
    assert [(p.begin, p.end, p.unit) for p in parts] == [
        (dt.date(1956, 10, 1), dt.date(1957, 1, 1), "month"),
        (dt.date(1957, 1, 1), dt.date(1957, 2, 1), "day")]
    months_part, january = parts
    assert january.x0 > months_part.x1                       # a gap: the break
    assert (january.x1 - january.x0) > 1.5 * (months_part.x1 - months_part.x0)
    drawing = layout(real_events(), format_when)
    assert "The axis is broken around January 1957" in drawing.description
    # every mark of January is at least a diamond wide from the next day's
    per_day = (january.x1 - january.x0) / 31
    assert per_day >= 6
    # the shortest period (17-19 January) is a bar, not a sliver
    bar = [s for s in drawing.rows[7].shapes if s.kind == "rect" and s.colour == "mark"]
    assert bar and bar[0].coords[2] >= 3 * per_day - 0.1
    # the strokes of the break, in the heading and at the foot
    strokes = [s for s in drawing.axis if s.kind == "line" and s.colour == "muted"]
    assert len(strokes) == 4


def test_an_even_spread_keeps_one_scale():
    events = [event("1956-10-30"), event("1956-11-15"), event("1956-12-04"),
              event("1957-01-07")]
    assert [p.unit for p in segments(events)] == ["month"]
    assert "broken" not in layout(events, format_when).description


def test_the_timeline_texts_read_as_the_edition_sets_them(edition_build):
    html = (edition_build("html").outdir / "chronology.html").read_text(encoding="utf-8")
    assert "Mao Zedong’s telegram to Zhou" in html and "Mao Zedong's" not in html
