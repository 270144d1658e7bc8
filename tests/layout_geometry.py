"""The parallel text's geometry, measured in the browser.

``measure(page)`` reads, with ``getBoundingClientRect`` and
``Range.getClientRects``, the page a Playwright ``page`` shows and returns a
dict of what the layout promises (tests/test_layout.py asserts it, and
``make screenshots`` prints it beside the pictures):

* ``overlaps``: every place where a box of the apparatus (a note, a preview,
  a commentary, a reader control, a paragraph number, a slot marker) covers a
  text line of either side; text inside such a box is the box's own;
* ``box_overlaps``: two such boxes over each other (a note over a note),
  unless one holds the other;
* ``outside``: boxes that stand partly outside the window (cut off);
* ``measure``: the most characters on one line of English and of Chinese
  (each paragraph of each side, character by character);
* ``far_notes``: notes not near their reference's unit (they must stand
  within the unit or right under it);
* ``misaligned``: units shown side by side whose two sides do not start
  level, or whose number does not stand level with its first line;
* ``mode``: the reading mode the page shows, and which mode buttons are
  disabled with what reason.
"""

from __future__ import annotations

#: the apparatus and the controls: none may cover a word of the text
BOXES = ("aside.footnote, .note-preview, .note-inplace, aside.commentary, .reader-controls, "
         ".reader-controls button, .unit-number, .slot-status, .sidenote-more")

MEASURE_JS = r"""
(BOXES) => {
  const main = document.querySelector("main");
  const shown = el => {
    const style = getComputedStyle(el);
    if (style.visibility === "hidden") return false;
    return el.getClientRects().length > 0;
  };
  // what is seen of an element: its boxes, cut by the ancestors that clip
  // (a shortened note hides the rest of its text and of a commentary in it)
  const rects = el => {
    const out = [];
    for (const r of el.getClientRects()) {
      let box = {left: r.left, right: r.right, top: r.top, bottom: r.bottom};
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        const style = getComputedStyle(a);
        if (style.overflow === "visible" && style.overflowY === "visible") continue;
        const c = a.getBoundingClientRect();
        box = {left: Math.max(box.left, c.left), right: Math.min(box.right, c.right),
               top: Math.max(box.top, c.top), bottom: Math.min(box.bottom, c.bottom)};
      }
      if (box.right - box.left > 0.5 && box.bottom - box.top > 0.5) out.push(box);
    }
    return out;
  };
  const boxes = Array.from(document.querySelectorAll(BOXES)).filter(shown);
  const insideBox = node => boxes.some(b => b.contains(node));
  const clipped = (node, r) => {
    // text hidden by an ancestor that clips it (a shortened note) is not seen
    for (let el = node.parentElement; el && el !== main; el = el.parentElement) {
      const style = getComputedStyle(el);
      if (style.overflow !== "visible" || style.overflowY !== "visible") {
        const c = el.getBoundingClientRect();
        if (r.bottom <= c.top || r.top >= c.bottom) return true;
      }
    }
    return false;
  };
  const describe = el => {
    let name = el.tagName.toLowerCase();
    if (el.id) name += "#" + el.id;
    else if (el.className && typeof el.className === "string")
      name += "." + el.className.trim().split(/\s+/).join(".");
    const unit = el.closest(".unit");
    return unit && !el.id ? name + " in #" + unit.id : name;
  };
  // text lines of either side
  const lines = [];
  const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.data.trim()) continue;
    const parent = node.parentElement;
    if (!parent.closest(".side") || insideBox(node)) continue;
    range.selectNodeContents(node);
    for (const r of range.getClientRects()) {
      if (r.width < 0.5 || r.height < 0.5 || clipped(node, r)) continue;
      lines.push({r, node});
    }
  }
  const hit = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 &&
                        Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
  const overlaps = [];
  for (const box of boxes) {
    for (const b of rects(box)) {
      for (const {r, node} of lines) {
        if (box.contains(node)) continue;
        if (hit(b, r)) overlaps.push(describe(box) + " covers '" +
          node.data.trim().slice(0, 24) + "' in " + describe(node.parentElement.closest(".side")));
      }
    }
  }
  const boxOverlaps = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i], b = boxes[j];
      if (a.contains(b) || b.contains(a)) continue;
      if (rects(a).some(ra => rects(b).some(rb => hit(ra, rb))))
        boxOverlaps.push(describe(a) + " / " + describe(b));
    }
  }
  const width = document.documentElement.clientWidth;
  const outside = boxes.filter(b => rects(b).some(r => r.left < -0.5 || r.right > width + 0.5))
    .map(describe);
  if (document.documentElement.scrollWidth > width + 1) outside.push("page wider than the window");

  // characters per line, paragraph by paragraph
  const measure = {en: 0, zh: 0};
  const widest = {en: "", zh: ""};
  const charRange = document.createRange();
  for (const p of main.querySelectorAll(".side p")) {
    if (!shown(p) || p.closest(BOXES)) continue;
    const lang = (p.closest("[lang]").getAttribute("lang") || "en").startsWith("zh") ? "zh" : "en";
    let count = 0, lastTop = null, lastLeft = null, text = "";
    const flush = () => {
      if (count > measure[lang]) { measure[lang] = count; widest[lang] = text; }
      count = 0; text = "";
    };
    const tw = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
    for (let t = tw.nextNode(); t; t = tw.nextNode()) {
      if (insideBox(t)) continue;
      for (let i = 0; i < t.data.length; i++) {
        charRange.setStart(t, i); charRange.setEnd(t, i + 1);
        const r = charRange.getClientRects()[0];
        if (!r || r.width === 0) continue;  // a collapsed space at a line end
        // a new line: the character stands left of the last and lower
        if (lastLeft !== null && r.left < lastLeft - 1 && r.top > lastTop + 2) flush();
        count += 1; text += t.data[i];
        lastTop = r.top; lastLeft = r.left;
      }
    }
    flush();
  }

  // notes near their reference's unit
  const farNotes = [];
  for (const note of main.querySelectorAll("aside.footnote[id^='note-']")) {
    if (!shown(note)) continue;
    const ref = Array.from(main.querySelectorAll("a.footnote-reference[href='#" + note.id + "']"))
      .find(shown);
    const unit = ref && ref.closest(".unit");
    if (!unit) continue;  // a note of a page without units
    const n = note.getBoundingClientRect(), u = unit.getBoundingClientRect();
    if (n.top < u.top - 2 || n.top > u.bottom + 24) farNotes.push(note.id + " of #" + unit.id);
  }

  // side by side: sides level; the number level with the first line
  const misaligned = [];
  for (const unit of main.querySelectorAll(".unit")) {
    const t = unit.querySelector(":scope > .side-translation");
    const o = unit.querySelector(":scope > .side-original");
    const number = unit.querySelector(":scope > .unit-number");
    if (!t || !o || !shown(t) || !shown(o)) continue;
    const tr = t.getBoundingClientRect(), or = o.getBoundingClientRect();
    const beside = or.left >= tr.right - 1;
    if (beside && Math.abs(or.top - tr.top) > 1) misaligned.push("#" + unit.id + " sides");
    if (number && shown(number)) {
      const first = t.querySelector("p");
      range.selectNodeContents(first || t);
      const line = range.getClientRects()[0];
      const nr = number.getBoundingClientRect();
      if (line && (nr.bottom <= line.top || nr.top >= line.bottom || nr.right > tr.left + 1))
        misaligned.push("#" + unit.id + " number");
    }
  }
  const sideBySide = Array.from(main.querySelectorAll(".unit")).some(unit => {
    const t = unit.querySelector(":scope > .side-translation");
    const o = unit.querySelector(":scope > .side-original");
    return t && o && shown(t) && shown(o) &&
      o.getBoundingClientRect().left >= t.getBoundingClientRect().right - 1;
  });
  const buttons = Array.from(document.querySelectorAll(".parallel-modes button[data-mode]"));
  const disabled = {};
  for (const b of buttons) {
    if (b.disabled || b.getAttribute("aria-disabled") === "true") {
      const ids = (b.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
      disabled[b.dataset.mode] = ids.map(id => {
        const el = document.getElementById(id);
        return el && shown(el) ? el.textContent.trim() : "";
      }).join(" ");
    }
  }
  return {
    overlaps, box_overlaps: boxOverlaps, outside, measure, widest,
    far_notes: farNotes, misaligned, side_by_side: sideBySide,
    mode: document.documentElement.getAttribute("data-parallel-mode"),
    pressed: (buttons.find(b => b.getAttribute("aria-pressed") === "true") || {dataset: {}}).dataset.mode || null,
    disabled, lines: lines.length,
  };
}
"""


def settle(page) -> None:
    """Wait until the scripts have set the notes again (two animation frames)."""
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def measure(page) -> dict:
    settle(page)
    return page.evaluate(MEASURE_JS, BOXES)
