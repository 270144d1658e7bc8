/* Parallel text: the reading modes (progressive enhancement).

   Without this script the page reads in its default layout (parallel.css):
   side by side where two columns keep a comfortable measure, stacked
   elsewhere; a document with no slot filled reads as English with a pending
   marker. The script adds four buttons to the shared reader controls (side
   by side, interleaved, English only, original only), sets
   data-parallel-mode on <html> to the mode the page shows and remembers the
   reader's choice in localStorage. No inline script is needed (CSP
   default-src 'self').

   A mode that cannot apply is shown disabled (aria-disabled, still
   focusable, so a screen reader hears it) with its reason beside it:
   - side by side, where the window is too narrow for two columns: the
     stylesheet decides where that is (--parallel-two-columns), so the rule
     lives in one place;
   - original only, while no paragraph of the original is transcribed.
   The page then shows the default mode; the reader's choice is kept and
   applies again when the window is wide enough. */
(function () {
  "use strict";

  var KEY = "edition.parallel-mode";
  var MODES = [
    ["side-by-side", "Side by side"],
    ["interleaved", "Interleaved"],
    ["translation", "English only"],
    ["original", "Original only"]
  ];
  var REASONS = {
    "side-by-side": "Side by side: the window is too narrow.",
    "original": "Original only: nothing transcribed yet."
  };
  var root = document.documentElement;

  function stored() {
    try {
      var value = window.localStorage.getItem(KEY);
      return MODES.some(function (m) { return m[0] === value; }) ? value : null;
    } catch (e) {
      return null;  // storage may be disabled: the default layout stays
    }
  }

  function remember(mode) {
    try { window.localStorage.setItem(KEY, mode); } catch (e) { /* not kept */ }
  }

  function pendingDocument() {
    return !!document.querySelector(".unit-pending-document");
  }

  /* Two columns keep their measure at this width (parallel.css says). */
  function twoColumnsFit() {
    return getComputedStyle(root).getPropertyValue("--parallel-two-columns").trim() === "1";
  }

  function applies(mode) {
    if (mode === "side-by-side") return twoColumnsFit();
    if (mode === "original") return !pendingDocument();
    return true;
  }

  /* The mode the page shows when the reader has chosen none. */
  function defaultMode() {
    if (pendingDocument()) return "translation";
    return twoColumnsFit() ? "side-by-side" : "interleaved";
  }

  function effectiveMode() {
    var chosen = stored();
    return chosen && applies(chosen) ? chosen : defaultMode();
  }

  function setMode(mode) {
    if (root.getAttribute("data-parallel-mode") === mode) return;
    root.setAttribute("data-parallel-mode", mode);
    // the notes are set again for the new columns (edition-apparatus.js)
    document.dispatchEvent(new Event("edition:layout"));
  }

  // A remembered mode is set before the body is drawn, to avoid a jump (the
  // stylesheet is loaded before this script runs; whether the document has
  // a transcribed slot is known once it is read, in build()). Without one,
  // the stylesheet's default is already the default mode.
  var early = stored();
  if (early && (early !== "side-by-side" || twoColumnsFit())) {
    root.setAttribute("data-parallel-mode", early);
  }

  function controlsContainer() {
    var container = document.querySelector(".reader-controls");
    if (container) return container;
    container = document.createElement("div");
    container.className = "reader-controls editorial";
    container.setAttribute("role", "group");
    container.setAttribute("aria-label", "Reading options");
    var header = document.querySelector("header.document-header");
    var anchor = header || document.querySelector(".coverage-notice") ||
                 document.querySelector(".unit");
    if (header) {
      header.parentNode.insertBefore(container, header.nextSibling);
    } else {
      anchor.parentNode.insertBefore(container, anchor);
    }
    return container;
  }

  function build() {
    if (!document.querySelector(".unit")) {
      root.removeAttribute("data-parallel-mode");
      return;
    }
    var group = document.createElement("div");
    group.className = "parallel-modes";
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", "Parallel text");
    var label = document.createElement("span");
    label.className = "parallel-modes-label";
    label.setAttribute("aria-hidden", "true");
    label.textContent = "Parallel text:";
    group.appendChild(label);

    var reasons = document.createElement("div");
    reasons.className = "parallel-modes-reasons";
    var buttons = MODES.map(function (m) {
      var button = document.createElement("button");
      button.type = "button";
      button.setAttribute("data-mode", m[0]);
      button.textContent = m[1];
      button.addEventListener("click", function () {
        if (button.getAttribute("aria-disabled") === "true") return;
        remember(m[0]);
        show();
      });
      group.appendChild(button);
      if (REASONS[m[0]]) {
        var reason = document.createElement("p");
        reason.className = "parallel-mode-reason";
        reason.id = "parallel-mode-reason-" + m[0];
        reason.textContent = REASONS[m[0]];
        reason.hidden = true;
        reasons.appendChild(reason);
      }
      return button;
    });

    function show() {
      var current = effectiveMode();
      setMode(current);
      buttons.forEach(function (b) {
        var mode = b.getAttribute("data-mode");
        var ok = applies(mode);
        var reason = document.getElementById("parallel-mode-reason-" + mode);
        if (ok) {
          b.removeAttribute("aria-disabled");
          b.removeAttribute("aria-describedby");
        } else {
          b.setAttribute("aria-disabled", "true");
          b.setAttribute("aria-describedby", reason.id);
        }
        if (reason) reason.hidden = ok;
        b.setAttribute("aria-pressed", String(mode === current));
      });
    }

    var box = controlsContainer();
    box.appendChild(group);
    box.appendChild(reasons);
    show();
    // what applies follows the window's width
    window.addEventListener("resize", show);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", build);
  } else {
    build();
  }
})();
