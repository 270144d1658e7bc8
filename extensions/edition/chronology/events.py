"""The chronology: the dated events the witness gives, listed and drawn.

Each event is written once, with the pointer to where the witness gives it
and, where it helps, the witness's own words, which the build checks against
that note or paragraph::

    :::{event} 1957-01-11/1957-01-16
    :source: note 3
    :quote: On 11-16 January 1957, Zhou Enlai visited Poland.
    :label: Zhou Enlai in Poland
    Zhou Enlai visits Poland.
    :::

Dates are ISO: a day (``1956-12-04``), a month (``1955-02``) or a range of
either (``1955-02/1962-10``). ``:year-from-context: reason`` marks a date
whose year the source does not state: the year is shown in brackets, as the
edition's inference, with the reason. The date of each edited document comes from its metadata and
needs no directive.

``{chronology}`` draws every event in date order: a list, and beside it a
timeline figure, an SVG made at build time that needs no script (HTML and
EPUB; LaTeX and text get the list).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective
from sphinx.util.texescape import escape as tex_escape

from ..diagnostics import Kind, warn
from ..model import pointers
from ..model.domain import get_domain as get_edition_domain
from ..model.records import Event
from ..nodes import chronology, event_date, side, timeline_figure, unit
from ..text.typography import CLOSE_QUOTE, OPEN_QUOTE, is_reading_builder, typographic
from ..util import PASS, SKIP, DocumentDataDomain
from . import timeline

DATE = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?")


def parse_date(text: str, last: bool = False) -> tuple[dt.date, str] | None:
    """``1955-02`` -> (1 February 1955, "month"); with *last*, the month's last day."""
    match = DATE.fullmatch(text.strip())
    if not match:
        return None
    year, month, day = int(match.group(1)), int(match.group(2)), match.group(3)
    try:
        if day:
            return dt.date(year, month, int(day)), "day"
        days = calendar.monthrange(year, month)[1] if last else 1
        return dt.date(year, month, days), "month"
    except (ValueError, calendar.IllegalMonthError):
        return None


def format_when(event: Event) -> str:
    """``7–11 January 1957``, ``February 1955 – October 1962``, ``20 January [1957]``."""
    start, end = dt.date.fromisoformat(event.start), dt.date.fromisoformat(event.end)
    year = f"[{start.year}]" if event.year_inferred else str(start.year)
    if event.precision == "month":
        first = f"{start:%B} {start.year}"
        last = f"{end:%B} {end.year}"
        return first if (start.year, start.month) == (end.year, end.month) \
            else f"{first} – {last}"
    if start == end:
        return f"{start.day} {start:%B} {year}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {start:%B} {year}"
    if start.year == end.year:
        return f"{start.day} {start:%B} – {end.day} {end:%B} {year}"
    return f"{start.day} {start:%B} {start.year} – {end.day} {end:%B} {end.year}"


class ChronologyDomain(DocumentDataDomain):
    """Events by document."""

    name = "chronology"
    label = "Chronology"
    initial_data: dict[str, Any] = {
        #: docname -> list of Event
        "events": {},
    }
    per_document = ("events",)

    @property
    def events(self) -> dict[str, list[Event]]:
        return self.document_data("events")


def get_domain(env: Any) -> ChronologyDomain:
    return env.get_domain("chronology")  # type: ignore[return-value]


class EventDirective(SphinxDirective):
    """``event``: one dated event and where the witness gives it."""

    required_arguments = 1
    has_content = True
    option_spec = {
        "source": directives.unchanged_required,
        "quote": directives.unchanged,
        "label": directives.unchanged_required,
        "year-from-context": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        node = nodes.target()
        self.set_source_info(node)
        first, _, last = self.arguments[0].partition("/")
        start, end = parse_date(first), parse_date(last or first, last=True)
        if start is None or end is None:
            warn(Kind.chronology, "event date %r is not a date: write 1956-12-04, "
                 "1955-02, or a range 1957-01-07/1957-01-11", self.arguments[0],
                 location=node)
            return []
        if end[0] < start[0]:
            warn(Kind.chronology, "event %r ends before it begins", self.arguments[0],
                 location=node)
            return []
        source = self.options.get("source", "")
        if not source:
            warn(Kind.chronology, "event %s has no source: add ':source: note 3' (or "
                 "'¶ 5', 'date') saying where the witness gives it", self.arguments[0],
                 location=node)
            return []
        if pointers.parse(source) is None:
            warn(Kind.chronology, "event %s: source %r is not a place in the witness; "
                 "write 'note 3', '¶ 5' or a metadata field such as 'date'",
                 self.arguments[0], source, location=node)
            return []
        text = " ".join(self.content).strip()
        if not text:
            warn(Kind.chronology, "event %s says nothing: write what happened, in the "
                 "witness's terms", self.arguments[0], location=node)
            return []
        events = get_domain(self.env).events.setdefault(self.env.docname, [])
        anchor = f"event-{len(events) + 1}"
        events.append(Event(
            start=start[0].isoformat(), end=end[0].isoformat(), precision=start[1],
            year_inferred=(self.options.get("year-from-context") or "from the context")
            if "year-from-context" in self.options else "",
            label=self.options.get("label") or text, text=text, source=source,
            quote=" ".join(self.options.get("quote", "").split()), id=anchor,
            line=self.lineno))
        return []


class ChronologyDirective(SphinxDirective):
    """``chronology``: the list of every event and the timeline beside it."""

    def run(self) -> list[nodes.Node]:
        node = chronology(ids=["chronology-events"], classes=["chronology"])
        self.set_source_info(node)
        return [node]


def passages_of(doctree: nodes.document) -> dict[str, str]:
    """The text of each unit (its translation) and note of an edited document,
    by anchor (``p5``, ``note-3``), for the quote checks."""
    passages: dict[str, str] = {}
    for node in doctree.findall(unit):
        if node.get("number"):
            passages[node["number"]] = " ".join(
                s.astext() for s in node.findall(side) if s.is_translation)
    for note in doctree.findall(nodes.footnote):
        for anchor in note["ids"]:
            passages[anchor] = note.astext()
    return {k: " ".join(v.split()) for k, v in passages.items()}


def metadata_events(env: Any) -> list[tuple[str, Event]]:
    """The date of each edited document, from its metadata."""
    result = []
    for docname, meta in sorted(get_edition_domain(env).documents.items()):
        if not meta.date:
            continue
        title = meta.short or docname
        result.append((docname, Event(
            start=meta.date, end=meta.date, precision="day", year_inferred="",
            label="Date of the report",
            text=f"Date of the report, {OPEN_QUOTE}{title}{CLOSE_QUOTE}",
            source=f"{docname}: date", quote="", id="", line=0)))
    return result


def all_events(env: Any) -> list[tuple[str, Event]]:
    found = [(doc, e) for doc, events in get_domain(env).events.items() for e in events]
    found += metadata_events(env)
    # the document name breaks ties, so parallel reads cannot change the order
    return sorted(found, key=lambda de: (de[1].start, de[1].end, de[1].label, de[0], de[1].line))


def check_quotes(app: Sphinx, env: Any) -> None:
    """Each quoted event's words must stand in the passage it points to."""
    domain = get_domain(env)
    # the passages of the documents quoted, read from their doctrees here
    # rather than kept in the environment for every document (which every -j
    # worker would pickle back, and every build load again)
    read: dict[str, dict[str, str]] = {}

    def passages(docname: str) -> dict[str, str]:
        if docname not in read:
            read[docname] = passages_of(env.get_doctree(docname)) \
                if docname in get_edition_domain(env).documents else {}
        return read[docname]

    for docname, events in sorted(domain.events.items()):
        for event in events:
            if not event.quote:
                continue
            pointer = pointers.parse(event.source)
            target = pointer.doc or pointers.edited_document(env) if pointer else ""
            passage = passages(target).get(pointer.anchor if pointer else "") \
                if target else None
            if passage is None:
                warn(Kind.chronology, "event %s: its source %r is not a paragraph or note "
                     "of an edited document", event.start, event.source,
                     location=(docname, event.line))
            elif event.quote not in passage:
                warn(Kind.chronology, "event %s quotes %r, which is not in %s: quote the "
                     "witness's words exactly", event.start, event.quote, event.source,
                     location=(docname, event.line))


# --- drawing the chronology -------------------------------------------------------

def event_item(app: Sphinx, fromdoc: str, event: Event) -> nodes.list_item:
    item = nodes.list_item(classes=["event"])
    para = nodes.paragraph()
    # HTML's datetime takes one date, not an interval: a period gives its
    # start, the visible text its whole extent
    para += event_date(format_when(event), format_when(event), datetime=(
        event.start if event.precision == "day" else event.start[:7]))
    para += nodes.Text(" — " + event.text.rstrip(".") + ".")
    if event.quote:
        para += nodes.Text(" " + OPEN_QUOTE)
        para += nodes.emphasis("", event.quote, classes=["event-quote"])
        para += nodes.Text(CLOSE_QUOTE)
    pointer = pointers.parse(event.source)
    if pointer is not None:
        para += nodes.Text(" (")
        para += pointers.reference(app.builder, fromdoc, pointer, app.env)
        para += nodes.Text(")")
    if event.year_inferred:
        para += nodes.Text(f" The source gives no year; [{event.start[:4]}] is the "
                           f"edition's inference: {event.year_inferred.rstrip('.')}.")
    item += para
    return item


def draw_chronology(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    events = all_events(app.env)
    for node in list(doctree.findall(chronology)):
        # the list is the timeline's long description (aria-details)
        list_id = f"{node['ids'][0]}-list" if node["ids"] else "chronology-list"
        listing = nodes.bullet_list(classes=["chronology-list"], ids=[list_id])
        for _, event in events:
            listing += event_item(app, docname, event)
        content: list[nodes.Node] = [listing]
        if events:
            drawing = timeline.layout([e for _, e in events], format_when,
                                      typographic if is_reading_builder(app) else str)
            content.append(timeline_figure(
                svg=timeline.to_svg(drawing, "chronology-timeline"),
                tikz=timeline.to_tikz(drawing), description=drawing.description,
                details=list_id, classes=["chronology-figure"]))
        else:
            content = [nodes.paragraph("", "No dated events yet.")]
        container = nodes.container("", *content, ids=node["ids"], classes=node["classes"])
        node.replace_self(container)


# --- visitors ---------------------------------------------------------------

def visit_date_html(self: Any, node: event_date) -> None:
    self.body.append(self.starttag(node, "time", "", datetime=node["datetime"],
                                   CLASS="event-date"))


def depart_date_html(self: Any, node: event_date) -> None:
    self.body.append("</time>")


def visit_timeline_html(self: Any, node: timeline_figure) -> None:
    # the list of events before the figure says in words all it shows
    details = {"aria-details": node["details"]} if node.get("details") else {}
    self.body.append(self.starttag(node, "figure", **details))
    if self.builder.name.startswith("epub"):
        # An EPUB page with inline SVG must say so in the manifest, which
        # Sphinx does not; an image file needs nothing of the kind.
        images = Path(self.builder.outdir) / "_images"
        images.mkdir(parents=True, exist_ok=True)
        (images / "chronology.svg").write_text(
            '<?xml version="1.0" encoding="UTF-8"?>\n' + node["svg"], encoding="utf-8")
        alt = self.attval(node["description"])
        more = f' aria-details="{self.attval(node["details"])}"' if node.get("details") else ""
        self.body.append(f'<img src="_images/chronology.svg" alt="{alt}"{more} />')
    else:
        self.body.append(node["svg"])
    self.body.append('<figcaption>The events of the list on a time axis: bars are '
                     'periods, diamonds single days.</figcaption></figure>\n')
    raise nodes.SkipNode


def visit_date_latex(self: Any, node: event_date) -> None:
    self.body.append(rf"\edeventdate{{{tex_escape(node.astext())}}}")
    raise nodes.SkipNode


def visit_timeline_latex(self: Any, node: timeline_figure) -> None:
    self.body.append("\n" + node["tikz"])
    raise nodes.SkipNode


def setup(app: Sphinx) -> None:
    app.add_domain(ChronologyDomain)
    app.add_directive("event", EventDirective)
    app.add_directive("chronology", ChronologyDirective)
    app.connect("env-check-consistency", check_quotes)
    app.connect("doctree-resolved", draw_chronology)
    plain, skip = PASS, SKIP
    app.add_node(event_date, html=(visit_date_html, depart_date_html),
                 latex=(visit_date_latex, None), text=plain)
    # text (and man, texinfo: outputs/generic.py): the list holds every event; the
    # drawing needs a picture
    app.add_node(timeline_figure, html=(visit_timeline_html, None),
                 latex=(visit_timeline_latex, None), text=skip)
    app.add_node(chronology, html=skip, latex=skip, text=skip)
