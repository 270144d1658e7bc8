"""The parallel text's layout at full size, measured in a browser (issue 12).

On the full-size FIXTURE (tests/roots/test-fullsize/full.md: every slot
filled with placeholder Chinese of realistic length), at five window widths,
in light and dark colours, in each of the four reading modes, with and
without a note opened in place:

* no note, sidenote, preview, commentary, control, paragraph number or slot
  marker covers a word of either side, nor another such box, nor stands
  outside the window;
* each column keeps its measure: English at most 75 characters a line,
  Chinese at most 40;
* every note stands near its paragraph (within its unit or right under it);
* side by side is offered only where both columns keep a measure (and is
  then what the page shows); two sides of a pair start level, and the
  paragraph number stands level with the pair's first line;
* a mode that cannot apply is shown disabled with its reason.

One page load per width and colour scheme; the modes are switched in the
page, as a reader does. ``make screenshots`` runs this module with
``EDITION_SCREENSHOTS=_build/screenshots``: a PNG of each combination.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from layout_geometry import measure, settle

WIDTHS = (390, 768, 1024, 1280, 1600)
SCHEMES = ("light", "dark")
MODES = ("side-by-side", "interleaved", "translation", "original")
EN_MAX, ZH_MAX = 75, 40
#: below this window width two columns would be too narrow (parallel.css)
SIDE_BY_SIDE_FROM = 880

SCREENSHOTS = os.environ.get("EDITION_SCREENSHOTS")


def problems(result: dict) -> dict:
    """The counts of what breaks the layout's promises (empty when none)."""
    found = {
        "overlaps": len(result["overlaps"]),
        "box_overlaps": len(result["box_overlaps"]),
        "outside": len(result["outside"]),
        "far_notes": len(result["far_notes"]),
        "misaligned": len(result["misaligned"]),
        "en_measure": result["measure"]["en"] if result["measure"]["en"] > EN_MAX else 0,
        "zh_measure": result["measure"]["zh"] if result["measure"]["zh"] > ZH_MAX else 0,
    }
    return {k: v for k, v in found.items() if v}


def open_note(page, mode: str) -> str | None:
    """Open a note as a reader does (a tap on its reference); its id, or None."""
    for ref in ("#note-ref-2", "#note-ref-7"):
        locator = page.locator(ref)
        if locator.count() and locator.is_visible():
            locator.scroll_into_view_if_needed()
            try:
                locator.click(timeout=2000)
            except Exception:  # something covers the reference: the tap lands on it
                locator.focus()
                locator.dispatch_event("click")
            settle(page)
            return ref
    return None


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
def test_layout_holds_at_full_size(browser, fullsize_html, width, scheme, artifacts):
    context = browser.new_context(viewport={"width": width, "height": 900},
                                  color_scheme=scheme)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto((fullsize_html / "full.html").as_uri())
    page.wait_for_function("document.fonts.status === 'loaded'")
    report: dict[str, dict] = {}
    try:
        for mode in MODES:
            button = page.locator(f".parallel-modes button[data-mode='{mode}']")
            if button.get_attribute("aria-disabled") != "true" and not button.is_disabled():
                button.click()
            result = measure(page)
            if SCREENSHOTS:
                folder = Path(SCREENSHOTS)
                folder.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(folder / f"fullsize-{width}-{scheme}-{mode}.png"),
                                full_page=True)
            ref = open_note(page, mode)
            opened = measure(page) if ref else None
            if SCREENSHOTS and ref:
                page.screenshot(path=str(Path(SCREENSHOTS) /
                                         f"fullsize-{width}-{scheme}-{mode}-note.png"))
            page.keyboard.press("Escape")
            page.mouse.move(0, 0)
            report[mode] = {"result": result, "problems": problems(result),
                            "note_opened": ref,
                            "problems_with_note": problems(opened) if opened else {}}
    finally:
        context.close()
    (artifacts / f"layout-{width}-{scheme}.json").write_text(json.dumps(report, indent=1))
    summary = {mode: {"problems": r["problems"], "with note": r["problems_with_note"],
                      "shown": r["result"]["mode"], "measure": r["result"]["measure"]}
               for mode, r in report.items()}
    print(f"\n{width} {scheme}: {json.dumps(summary)}")
    assert errors == []
    assert {m: r["problems"] for m, r in report.items() if r["problems"]} == {}
    assert {m: r["problems_with_note"] for m, r in report.items()
            if r["problems_with_note"]} == {}
    wide = width >= SIDE_BY_SIDE_FROM
    for mode, r in report.items():
        result = r["result"]
        # side by side is shown exactly where it is offered
        assert result["side_by_side"] == (mode == "side-by-side" and wide), mode
        if mode == "side-by-side" and not wide:
            assert "side-by-side" in result["disabled"]
            assert "narrow" in result["disabled"]["side-by-side"]
        else:
            assert mode not in result["disabled"], mode
            assert result["pressed"] == mode
        # measure: not only short lines
        assert result["measure"]["en"] >= 35 or mode == "original"


def load(browser, path: Path, width: int, scheme: str = "light"):
    context = browser.new_context(viewport={"width": width, "height": 900},
                                  color_scheme=scheme)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(path.as_uri())
    page.wait_for_function("document.fonts.status === 'loaded'")
    return context, page, errors


@pytest.mark.parametrize("width", (390, 1280))
def test_partial_document_holds_in_every_mode(browser, fullsize_html, width):
    """Filled and pending slots side by side: the layout holds, each pending
    slot says so in every mode that shows the original."""
    context, page, errors = load(browser, fullsize_html / "partial.html", width)
    try:
        for mode in MODES:
            button = page.locator(f".parallel-modes button[data-mode='{mode}']")
            if button.get_attribute("aria-disabled") != "true":
                button.click()
            result = measure(page)
            assert problems(result) == {}, (mode, result["overlaps"][:3], result["far_notes"])
            markers = page.locator(".slot-pending .slot-status")
            if mode in ("side-by-side", "interleaved", "original") and \
                    result["mode"] == mode:
                assert markers.count() == 6
                assert all(markers.nth(i).is_visible() for i in range(6))
                filled = page.locator(".side-original.slot-transcribed")
                assert all(filled.nth(i).is_visible() for i in range(5))
        assert errors == []
    finally:
        context.close()


@pytest.mark.parametrize("width", (390, 820, 1280))
def test_real_edition_reads_as_before_and_disables_original_only(browser, edition_build, width):
    """The edition (no slot filled) opens in English only, the original-only
    mode disabled with its reason; no mode lays anything over the text."""
    context, page, errors = load(browser, edition_build("html").outdir / "117033.html", width)
    try:
        result = measure(page)
        assert result["mode"] == "translation" and result["pressed"] == "translation"
        assert result["disabled"].get("original") == "Original only: nothing transcribed yet."
        original = page.locator(".parallel-modes button[data-mode='original']")
        original.click(force=True)  # does nothing: the mode cannot apply
        assert measure(page)["mode"] == "translation"
        for mode in ("translation", "interleaved", "side-by-side"):
            button = page.locator(f".parallel-modes button[data-mode='{mode}']")
            if button.get_attribute("aria-disabled") != "true":
                button.click()
            result = measure(page)
            assert problems(result) == {}, (mode, result["overlaps"][:3], result["box_overlaps"])
        assert errors == []
    finally:
        context.close()


def test_side_by_side_follows_the_window(browser, fullsize_html):
    """A reader's choice of side by side is kept: the page falls back to
    interleaved while the window is too narrow, and returns to it."""
    context, page, errors = load(browser, fullsize_html / "full.html", 1280)
    try:
        page.click(".parallel-modes button[data-mode='interleaved']")
        page.click(".parallel-modes button[data-mode='side-by-side']")
        assert measure(page)["side_by_side"]
        page.set_viewport_size({"width": 768, "height": 900})
        result = measure(page)
        assert not result["side_by_side"] and result["mode"] == "interleaved"
        assert "side-by-side" in result["disabled"]
        assert problems(result) == {}
        page.set_viewport_size({"width": 1024, "height": 900})
        result = measure(page)
        assert result["side_by_side"] and result["disabled"] == {}
        assert errors == []
    finally:
        context.close()


@pytest.mark.parametrize("scheme", SCHEMES)
def test_axe_on_the_full_size_pages(browser, fullsize_html, scheme):
    """axe-core finds nothing on the full-size pages, in every reading mode,
    with a note opened in place, and with a mode disabled."""
    from a11y import axe_violations

    found = {}
    for name, width in (("full", 1280), ("partial", 1280), ("full", 390)):
        context, page, errors = load(browser, fullsize_html / f"{name}.html", width, scheme)
        try:
            for mode in MODES:
                button = page.locator(f".parallel-modes button[data-mode='{mode}']")
                if button.get_attribute("aria-disabled") != "true":
                    button.click()
                settle(page)
                if (violations := axe_violations(page, scheme=scheme)):
                    found[f"{name} {width} {mode}"] = violations
            if open_note(page, "interleaved") and (violations := axe_violations(page,
                                                                              scheme=scheme)):
                found[f"{name} {width} note opened"] = violations
            assert errors == []
        finally:
            context.close()
    assert found == {}
