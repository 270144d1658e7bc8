"""The chronology's timeline figure, laid out once and drawn as SVG or TikZ.

:func:`layout` turns the events (already in date order) into a few plain
shapes; :func:`to_svg` writes them for HTML and EPUB, :func:`to_tikz` for
the PDF, so the two drawings cannot disagree. One row per event: its label
and date at the left, its mark on a time axis at the right. Periods are
bars, single days diamonds, a date whose year is inferred has a dashed
outline, and a period running beyond the axis ends in arrows: the kinds
differ in shape and in words, never in colour only.

The axis covers the months of the events shorter than a year; a longer one
(Liu Xiao's seven years as ambassador) would squash all the others into a
few pixels, so it is drawn clipped, with arrows, and its dates in words.

A broken axis for a crowded month. Where one month holds most of the events
(January 1957: six of the ten, from 7 to 24 January), a scale of months
would set them within a few millimetres of each other. The axis is then
broken (:func:`segments`): the months before and after that month keep a
scale of months, and the month itself gets most of the width on a scale of
days, its days numbered; a pair of slanted strokes marks each break. A
broken axis was chosen over an inset of that month because every event keeps
its one row, its label beside its mark, and the reader's eye moves along one
row from words to mark; an inset would draw the crowded events twice or
leave rows without marks. The description (for screen readers, and the
EPUB's alternative text) says where the axis is broken and what each part's
scale is.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from collections import Counter
from collections.abc import Callable
from typing import Protocol

from sphinx.util.texescape import escape as tex_escape

#: geometry of the drawing (user units; the figure scales to its column)
WIDTH, LABELS, LEFT, RIGHT, TOP, ROW = 560, 6, 222, 546, 40, 38
#: colour names, with their values for SVG (LaTeX defines them in chronology.sty)
COLOURS = {"mark": "#7a2e1c", "text": "#1d1d1b", "muted": "#5c5a55",
           "rule": "#b9b3a5", "band": "#f4efe1", "paper": "#fdfcf8"}


class Dated(Protocol):
    start: str
    end: str
    year_inferred: str
    label: str
    text: str


@dataclass
class Shape:
    """One thing to draw: ``kind`` is line, rect, polygon or text."""

    kind: str
    #: x1, y1, x2, y2 (line); x, y, width, height (rect); x, y (text); points (polygon)
    coords: tuple[float, ...]
    colour: str = "mark"
    text: str = ""
    size: float = 13
    dashed: bool = False
    filled: bool = True
    #: where a text stands: its start (``start``) or its middle (``middle``) at x
    anchor: str = "start"


@dataclass
class Row:
    """The shapes of one event, with the sentence a screen reader or tooltip gives."""

    title: str
    shapes: list[Shape] = field(default_factory=list)


@dataclass
class Drawing:
    width: float
    height: float
    description: str
    axis: list[Shape]
    rows: list[Row]


def months(begin: dt.date, end: dt.date):
    month = begin
    while month <= end:
        yield month
        month = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def window(events: list[Dated]) -> tuple[dt.date, dt.date]:
    """First day of the first month and of the month after the last, of the short events."""
    def days(e: Dated) -> int:
        return (dt.date.fromisoformat(e.end) - dt.date.fromisoformat(e.start)).days

    short = [e for e in events if days(e) < 366] or events
    first = min(dt.date.fromisoformat(e.start) for e in short)
    last = max(dt.date.fromisoformat(e.end) for e in short)
    return first.replace(day=1), list(months(last.replace(day=1), last + dt.timedelta(31)))[1]


#: the break between two parts of a broken axis, and the share of the axis
#: the crowded month gets
GAP, DETAIL = 12, 0.62
#: a month is crowded when it holds at least this many events, and this share
CROWDED, CROWDED_SHARE = 3, 0.4


@dataclass
class Segment:
    """A stretch of the axis, ``begin`` to ``end`` (exclusive), drawn from
    ``x0`` to ``x1`` on a scale of months or of days (``unit``)."""

    begin: dt.date
    end: dt.date
    x0: float
    x1: float
    unit: str = "month"

    def x(self, day: dt.date) -> float:
        return self.x0 + (self.x1 - self.x0) * (day - self.begin).days / \
            (self.end - self.begin).days


def next_month(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def segments(events: list[Dated]) -> list[Segment]:
    """The parts of the axis: one scale of months, or, where one month is
    crowded, that month on a scale of days between the months around it."""
    begin, end = window(events)
    whole = [Segment(begin, end, LEFT, RIGHT)]
    short = [e for e in events if e.start[:7] == e.end[:7]
             and begin <= dt.date.fromisoformat(e.start) < end]
    if not short or (end - begin).days <= 62:
        return whole
    month, count = Counter(e.start[:7] for e in short).most_common(1)[0]
    if count < CROWDED or count < CROWDED_SHARE * len(short):
        return whole
    first = dt.date.fromisoformat(month + "-01")
    parts = [(begin, first, "month"), (first, next_month(first), "day"),
             (next_month(first), end, "month")]
    parts = [p for p in parts if p[0] < p[1]]
    usable = RIGHT - LEFT - GAP * (len(parts) - 1)
    rest = sum((b - a).days for a, b, unit in parts if unit == "month")
    found, x0 = [], float(LEFT)
    for a, b, unit in parts:
        width = usable * DETAIL if unit == "day" else \
            usable * (1 - DETAIL) * (b - a).days / rest
        found.append(Segment(a, b, x0, x0 + width, unit))
        x0 += width + GAP
    return found


def axis_shapes(parts: list[Segment], height: float) -> list[Shape]:
    """Two lines of heading over the axis: above, the period (a year, or the
    month drawn by days); below, its units (months, or days numbered every
    week); a line at each unit, and a pair of strokes at each break."""
    shapes: list[Shape] = []
    top, bottom = TOP - 26, height - 8
    upper, lower = TOP - 22, TOP - 8
    for number, part in enumerate(parts):
        if part.unit == "month":
            year = None
            for month in months(part.begin, part.end):
                shapes.append(Shape("line", (part.x(month), top, part.x(month), bottom),
                                    "rule"))
                if month == part.end:
                    continue
                middle = (part.x(month) + part.x(next_month(month))) / 2
                shapes.append(Shape("text", (middle, lower), "muted", f"{month:%b}", 10.5,
                                    anchor="middle"))
                if month.year != year:
                    year = month.year
                    shapes.append(Shape("text", (part.x(month) + 3, upper), "muted",
                                        str(year), 11.5))
        else:
            for edge in (part.begin, part.end):
                shapes.append(Shape("line", (part.x(edge), top, part.x(edge), bottom),
                                    "rule"))
            shapes.append(Shape("text", (part.x0 + 3, upper), "muted",
                                f"{part.begin:%B} {part.begin.year}", 11.5))
            days = (part.end - part.begin).days
            for day in range(1, days + 1, 7):
                at = part.x(part.begin.replace(day=day))
                if day > 1:
                    shapes.append(Shape("line", (at, TOP - 4, at, bottom), "rule"))
                shapes.append(Shape("text", (at + 3 if day == 1 else at, lower), "muted",
                                    str(day), 10.5, anchor="start" if day == 1 else "middle"))
        if number:
            gap = (parts[number - 1].x1 + part.x0) / 2
            for y in (top + 6, bottom - 6):
                for dx in (-3, 2):
                    shapes.append(Shape("line", (gap + dx - 2, y + 5, gap + dx + 2, y - 5),
                                        "muted"))
    return shapes


def layout(events: list[Dated], when: Callable[[Dated], str],
           text: Callable[[str], str] = str) -> Drawing:
    """Shapes for *events*; ``when(event)`` gives the date in words, ``text``
    sets a text for reading (the edition's quotation marks, text/typography.py)."""
    begin, end = window(events)
    parts = segments(events)

    def x(day: dt.date, closing: bool = False) -> float:
        """Where *day* starts; a closing day (the day after a period) belongs
        to the part it closes, not to the one after a break."""
        for part in parts:
            if part.begin <= day < part.end or (closing and part.begin < day <= part.end):
                return part.x(day)
        return parts[0].x0 if day < parts[0].begin else parts[-1].x1

    height = TOP + ROW * len(events) + 12
    axis = axis_shapes(parts, height)
    rows: list[Row] = []
    outside: list[str] = []
    for index, event in enumerate(events):
        y = TOP + ROW * index
        row = Row(text(f"{when(event)}: {event.text}"))
        if index % 2 == 0:
            row.shapes.append(Shape("rect", (0, y - 4, WIDTH, ROW), "band"))
        row.shapes.append(Shape("text", (LABELS, y + 12), "text", text(event.label), 13))
        row.shapes.append(Shape("text", (LABELS, y + 27), "muted", when(event), 11.5))
        start, last = dt.date.fromisoformat(event.start), dt.date.fromisoformat(event.end)
        middle = y + 15
        if start == last:
            cx = x(start)
            row.shapes.append(Shape(
                "polygon", (cx, middle - 7, cx + 7, middle, cx, middle + 7, cx - 7, middle),
                dashed=bool(event.year_inferred), filled=not event.year_inferred))
        else:
            left = x(max(start, begin))
            right = x(min(last + dt.timedelta(days=1), end), closing=True)
            row.shapes.append(Shape("rect", (left, middle - 5, max(right - left, 2), 10)))
            if start < begin:
                row.shapes.append(Shape("polygon", (left - 8, middle, left, middle - 8,
                                                    left, middle + 8)))
            if last + dt.timedelta(days=1) > end:
                row.shapes.append(Shape("polygon", (right + 8, middle, right, middle - 8,
                                                    right, middle + 8)))
            if start < begin or last + dt.timedelta(days=1) > end:
                outside.append(f"{event.label} ({when(event)}) runs beyond the axis, "
                               "shown by arrows")
        rows.append(row)
    description = (
        f"Timeline from {begin.day} {begin:%B} {begin.year} to {end.day} {end:%B} "
        f"{end.year} of the {len(events)} events of the chronology, one row each in date "
        "order. Periods are drawn as bars, single days as diamonds; a dashed outline "
        "marks a date whose year the source does not state.")
    detail = [p for p in parts if p.unit == "day"]
    if detail:
        month = f"{detail[0].begin:%B} {detail[0].begin.year}"
        description += (f" The axis is broken around {month}, which holds most of the "
                        f"events: {month} is drawn by days and takes most of the width, "
                        "the months around it by months.")
    if outside:
        description += " " + "; ".join(outside) + "."
    return Drawing(WIDTH, height, description, axis, rows)


# --- SVG ---------------------------------------------------------------------

def to_svg(drawing: Drawing, ident: str = "timeline") -> str:
    """Inline SVG: titled and described for screen readers, no script, no link.

    Built with ElementTree so that every text is escaped.
    """
    svg = ET.Element("svg", {
        "xmlns": "http://www.w3.org/2000/svg",
        "viewBox": f"0 0 {drawing.width:g} {drawing.height:g}", "width": "100%",
        "role": "img", "aria-labelledby": f"{ident}-title {ident}-desc",
        "class": "timeline", "font-family": "system-ui, sans-serif", "font-size": "13"})
    ET.SubElement(svg, "title", id=f"{ident}-title").text = "Timeline of the chronology"
    ET.SubElement(svg, "desc", id=f"{ident}-desc").text = drawing.description
    axis = ET.SubElement(svg, "g", {"class": "timeline-axis"})
    for shape in drawing.axis:
        svg_shape(axis, shape)
    for row in drawing.rows:
        group = ET.SubElement(svg, "g", {"class": "timeline-event"})
        ET.SubElement(group, "title").text = row.title
        for shape in row.shapes:
            svg_shape(group, shape)
    return ET.tostring(svg, encoding="unicode")


def svg_shape(parent: ET.Element, shape: Shape) -> None:
    colour = COLOURS[shape.colour]
    c = [f"{v:.1f}" for v in shape.coords]
    if shape.kind == "line":
        ET.SubElement(parent, "line", x1=c[0], y1=c[1], x2=c[2], y2=c[3], stroke=colour)
    elif shape.kind == "rect":
        attrs = {"x": c[0], "y": c[1], "width": c[2], "height": c[3], "fill": colour}
        if shape.colour == "band":
            attrs["opacity"] = "0.6"
        ET.SubElement(parent, "rect", attrs)
    elif shape.kind == "polygon":
        points = " ".join(f"{c[i]},{c[i + 1]}" for i in range(0, len(c), 2))
        attrs = {"points": points, "fill": colour if shape.filled else COLOURS["paper"]}
        if shape.dashed or not shape.filled:
            attrs.update({"stroke": colour, "stroke-width": "2"})
        if shape.dashed:
            attrs["stroke-dasharray"] = "3 2"
        ET.SubElement(parent, "polygon", attrs)
    elif shape.kind == "text":
        attrs = {"x": c[0], "y": c[1], "fill": colour}
        if shape.size != 13:
            attrs["font-size"] = f"{shape.size:g}"
        if shape.anchor != "start":
            attrs["text-anchor"] = shape.anchor
        ET.SubElement(parent, "text", attrs).text = shape.text


# --- TikZ --------------------------------------------------------------------

def to_tikz(drawing: Drawing) -> str:
    """The same drawing for the PDF: a tikzpicture as wide as the text block.

    Colours are named ``edtl<name>`` and defined in chronology.sty.
    """
    out = [r"\begin{edtimeline}{%g}{%g}" % (drawing.width, drawing.height)]
    for shape in drawing.axis + [s for row in drawing.rows for s in row.shapes]:
        out.append(tikz_shape(shape))
    out.append(r"\end{edtimeline}")
    return "\n".join(out) + "\n"


def tikz_shape(shape: Shape) -> str:
    colour = f"edtl{shape.colour}"
    c = [f"{v:.1f}" for v in shape.coords]
    if shape.kind == "line":
        return rf"\draw[{colour}] ({c[0]},{c[1]}) -- ({c[2]},{c[3]});"
    if shape.kind == "rect":
        x, y, w, h = shape.coords
        return rf"\fill[{colour}] ({x:.1f},{y:.1f}) rectangle ({x + w:.1f},{y + h:.1f});"
    if shape.kind == "polygon":
        path = " -- ".join(f"({c[i]},{c[i + 1]})" for i in range(0, len(c), 2))
        style = colour if shape.filled else f"draw={colour}, fill=edtlpaper, line width=1pt"
        if shape.dashed:
            style += ", dashed"
        command = r"\filldraw" if not shape.filled else r"\fill"
        return rf"{command}[{style}] {path} -- cycle;"
    size = r"\edtlsmall" if shape.size < 13 else r"\edtlnormal"
    anchor = "base" if shape.anchor == "middle" else "base west"
    return (rf"\node[{colour}, anchor={anchor}, inner sep=0pt, font={size}] "
            rf"at ({c[0]},{c[1]}) {{{tex_escape(shape.text)}}};")
