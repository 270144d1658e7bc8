/* Parallel text: the reading-mode switch (progressive enhancement).

   Without this script the page reads in its default layout (parallel.css):
   side by side on wide screens, stacked on narrow ones. The script adds four
   buttons to the shared reader controls (side by side, interleaved, English
   only, original only), sets data-parallel-mode on <html> and remembers the
   reader's choice in localStorage. No inline script is needed (CSP
   default-src 'self'). */
(function () {
  "use strict";

  var KEY = "edition.parallel-mode";
  var MODES = [
    ["side-by-side", "Side by side"],
    ["interleaved", "Interleaved"],
    ["translation", "English only"],
    ["original", "Original only"]
  ];
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

  // Apply a remembered mode before the body is drawn, to avoid a jump.
  var initial = stored();
  if (initial) root.setAttribute("data-parallel-mode", initial);

  /* The mode the page shows when the reader has chosen none (parallel.css). */
  function defaultMode() {
    if (document.querySelector(".unit-pending-document")) return "translation";
    return window.matchMedia("(min-width: 50rem)").matches ? "side-by-side" : "interleaved";
  }

  function controlsContainer() {
    var container = document.querySelector(".reader-controls");
    if (container) return container;
    container = document.createElement("div");
    container.className = "reader-controls";
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
    if (!document.querySelector(".unit")) return;
    var group = document.createElement("div");
    group.className = "parallel-modes";
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", "Parallel text");
    var label = document.createElement("span");
    label.className = "parallel-modes-label";
    label.setAttribute("aria-hidden", "true");
    label.textContent = "Parallel text:";
    group.appendChild(label);

    var buttons = MODES.map(function (m) {
      var button = document.createElement("button");
      button.type = "button";
      button.setAttribute("data-mode", m[0]);
      button.textContent = m[1];
      button.addEventListener("click", function () { choose(m[0]); });
      group.appendChild(button);
      return button;
    });

    function show() {
      var current = root.getAttribute("data-parallel-mode") || defaultMode();
      buttons.forEach(function (b) {
        b.setAttribute("aria-pressed", String(b.getAttribute("data-mode") === current));
      });
    }

    function choose(mode) {
      root.setAttribute("data-parallel-mode", mode);
      remember(mode);
      show();
    }

    controlsContainer().appendChild(group);
    show();
    // the default follows the window's width until the reader chooses
    window.matchMedia("(min-width: 50rem)").addEventListener("change", show);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", build);
  } else {
    build();
  }
})();
