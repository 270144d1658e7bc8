/* edition-apparatus.js -- the apparatus of the edition in the browser.
 *
 * Progressive enhancement of a page that reads fully without it:
 *  - notes: on a wide screen the archive's notes (the footnote list) are set
 *    in the margin level with their references (sidenotes); on a narrow
 *    screen they stay footnotes and a reference shows its note in place on
 *    hover or keyboard focus. The preview is a copy hidden from assistive
 *    technology (aria-hidden), so a screen reader meets each note once: in
 *    the list, through the reference's link, with a link back.
 *  - reader controls: "Reading text" (the record's square brackets hidden on
 *    screen, the words in them kept in a quieter style) and "Commentary" (this edition's
 *    commentary shown or hidden); real buttons with aria-pressed, remembered
 *    in localStorage, in the shared container .reader-controls.
 * Other scripts that change the layout can ask for the notes to be set
 * again: document.dispatchEvent(new Event("edition:layout")).
 */
(function () {
  "use strict";

  var main = document.querySelector("main");
  if (!main) return;
  var root = document.documentElement;

  /* --- remembered choices ------------------------------------------------ */
  function recall(key) {
    try { return window.localStorage.getItem(key); } catch (e) { return null; }
  }
  function remember(key, value) {
    try { window.localStorage.setItem(key, value); } catch (e) { /* private mode */ }
  }

  /* --- reader controls ---------------------------------------------------- */
  function controlsBox() {
    var box = document.querySelector(".reader-controls");
    if (box) return box;
    var header = document.querySelector("header.document-header");
    if (!header) return null;
    box = document.createElement("div");
    box.className = "reader-controls editorial";
    box.setAttribute("role", "group");
    box.setAttribute("aria-label", "Reading options");
    header.insertAdjacentElement("afterend", box);
    return box;
  }

  /* A toggle button: pressed adds rootClass to <html>. */
  function addToggle(options) {
    var box = controlsBox();
    if (!box) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "reader-toggle " + options.name;
    button.textContent = options.label;
    button.title = options.title;
    var stored = recall(options.key);
    var pressed = stored === null ? options.pressedByDefault : stored === "true";
    function apply(value) {
      button.setAttribute("aria-pressed", value ? "true" : "false");
      root.classList.toggle(options.rootClass, options.classWhenPressed ? value : !value);
      scheduleLayout();
    }
    button.addEventListener("click", function () {
      var value = button.getAttribute("aria-pressed") !== "true";
      apply(value);
      remember(options.key, value ? "true" : "false");
    });
    apply(pressed);
    box.appendChild(button);
  }

  if (main.querySelector(".interpolation")) {
    addToggle({
      name: "toggle-reading-text",
      label: "Reading text",
      title: "Hide the square brackets of the record on screen; the words in them stay, in a quieter style (a copy keeps the brackets)",
      key: "edition.reading-text",
      pressedByDefault: false,
      rootClass: "edition-reading-text",
      classWhenPressed: true,
    });
  }
  if (main.querySelector("aside.commentary, .commentary-ref")) {
    addToggle({
      name: "toggle-commentary",
      label: "Commentary",
      title: "Show or hide this edition's commentary",
      key: "edition.commentary",
      pressedByDefault: true,
      rootClass: "edition-commentary-hidden",
      classWhenPressed: false,
    });
  }

  /* --- notes --------------------------------------------------------------- */
  var list = main.querySelector("aside.footnote-list");
  var refs = Array.prototype.slice.call(
    main.querySelectorAll("a.footnote-reference[href^='#note-']"));
  var firstRefs = [];        // the first reference of each note, in order
  var noteOf = new Map();    // reference -> note
  refs.forEach(function (ref) {
    var note = document.getElementById(ref.getAttribute("href").slice(1));
    if (!note) return;
    noteOf.set(ref, note);
    if (!firstRefs.some(function (r) { return noteOf.get(r) === note; })) {
      firstRefs.push(ref);
    }
  });

  var MIN_MARGIN_REM = 13;   // narrowest margin that holds a readable note
  var GAP_REM = 2;           // between the text column and the notes
  var LONG_NOTE_REM = 18;    // taller sidenotes are shortened, with a button

  function rem() {
    return parseFloat(getComputedStyle(root).fontSize) || 16;
  }

  function textColumn() {
    var first = firstRefs[0];
    // the translation side when the text is set in units (parallel.js may
    // widen the section for two columns), else the section
    return (first && (first.closest(".side-translation") || first.closest("section"))) ||
      main.querySelector("section");
  }

  /* Top of the text line a reference stands in (the reference itself is
     raised): an empty probe before it sits on the line. */
  function lineTop(ref) {
    var probe = document.createElement("span");
    ref.parentNode.insertBefore(probe, ref);
    var top = probe.getBoundingClientRect().top;
    probe.remove();
    return top;
  }

  function clearSidenotes() {
    main.classList.remove("edition-sidenotes");
    firstRefs.forEach(function (ref) {
      var note = noteOf.get(ref);
      note.style.top = note.style.left = note.style.width = "";
    });
    if (list) list.style.minHeight = "";
  }

  function shorten(note) {
    if (note.querySelector(".sidenote-more")) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "sidenote-more editorial";
    button.setAttribute("aria-expanded", "false");
    button.textContent = "Show the whole note";
    function setOpen(open) {
      note.classList.toggle("sidenote-open", open);
      button.setAttribute("aria-expanded", open ? "true" : "false");
      button.textContent = open ? "Shorten the note" : "Show the whole note";
      scheduleLayout();
    }
    button.addEventListener("click", function () {
      setOpen(!note.classList.contains("sidenote-open"));
    });
    // a link inside the hidden part gets focus: show the part it is in
    note.addEventListener("focusin", function (event) {
      if (event.target !== button && !note.classList.contains("sidenote-open")) setOpen(true);
    });
    note.appendChild(button);
  }

  function layoutSidenotes() {
    var column = textColumn();
    if (!column || !list || !firstRefs.length) return false;
    var unit = rem();
    var mainRect = main.getBoundingClientRect();
    var style = getComputedStyle(main);
    var contentRight = mainRect.right - parseFloat(style.paddingRight);
    var columnRight = column.getBoundingClientRect().right;
    var width = contentRight - columnRight - GAP_REM * unit;
    if (width < MIN_MARGIN_REM * unit) return false;
    main.classList.add("edition-sidenotes");
    var left = columnRight - mainRect.left + GAP_REM * unit;
    var bottom = -Infinity;
    firstRefs.forEach(function (ref) {
      var note = noteOf.get(ref);
      note.style.left = left + "px";
      note.style.width = width + "px";
      var noteStyle = getComputedStyle(note);
      // align the first line of the note's text with the reference's line
      var inset = parseFloat(noteStyle.paddingTop) +
        (parseFloat(noteStyle.lineHeight) - parseFloat(noteStyle.fontSize)) / 2;
      var top = lineTop(ref) - mainRect.top - (isNaN(inset) ? 0 : inset);
      top = Math.max(top, bottom + 0.75 * unit);
      note.style.top = top + "px";
      if (note.scrollHeight > LONG_NOTE_REM * unit) shorten(note);
      bottom = top + note.offsetHeight;
    });
    var listTop = list.getBoundingClientRect().top - mainRect.top;
    list.style.minHeight = Math.max(0, bottom - listTop) + "px";
    return true;
  }

  var pending = false;
  function layout() {
    pending = false;
    hidePreview();
    clearSidenotes();
    layoutSidenotes();
  }
  function scheduleLayout() {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(layout);
  }

  /* --- in-place preview (footnote mode) -------------------------------------- */
  var preview = null;
  var previewRef = null;
  var hideTimer = 0;

  function makePreview(note) {
    var box = document.createElement("div");
    box.className = "note-preview editorial";
    box.setAttribute("aria-hidden", "true");
    Array.prototype.forEach.call(note.children, function (child) {
      if (child.classList.contains("label") || child.classList.contains("sidenote-more")) return;
      box.appendChild(child.cloneNode(true));
    });
    // a copy for the eye only: no ids twice, nothing to tab into
    box.querySelectorAll("[id]").forEach(function (el) { el.removeAttribute("id"); });
    box.querySelectorAll("a, button, [tabindex]").forEach(function (el) {
      var span = document.createElement("span");
      span.className = el.className;
      while (el.firstChild) span.appendChild(el.firstChild);
      el.replaceWith(span);
    });
    var number = document.createElement("span");
    number.className = "note-preview-number";
    number.textContent = "Note " + note.id.replace("note-", "");
    box.insertBefore(number, box.firstChild);
    box.addEventListener("mouseenter", function () { window.clearTimeout(hideTimer); });
    box.addEventListener("mouseleave", scheduleHide);
    return box;
  }

  function showPreview(ref) {
    if (main.classList.contains("edition-sidenotes")) {
      var active = noteOf.get(ref);
      if (active) active.classList.add("is-active");
      return;
    }
    window.clearTimeout(hideTimer);
    if (previewRef === ref) return;
    hidePreview();
    var note = noteOf.get(ref);
    if (!note) return;
    preview = makePreview(note);
    main.appendChild(preview);
    previewRef = ref;
    ref.setAttribute("data-preview", "open");
    var mainRect = main.getBoundingClientRect();
    var refRect = ref.getBoundingClientRect();
    var padding = parseFloat(getComputedStyle(main).paddingLeft) || 0;
    var maxWidth = Math.min(mainRect.width - 2 * padding, 32 * rem());
    preview.style.width = maxWidth + "px";
    var left = refRect.left - mainRect.left - maxWidth / 2;
    left = Math.max(padding, Math.min(left, mainRect.width - padding - maxWidth));
    preview.style.left = left + "px";
    preview.style.top = (refRect.bottom - mainRect.top + 6) + "px";
  }

  function hidePreview() {
    window.clearTimeout(hideTimer);
    main.querySelectorAll("aside.footnote.is-active").forEach(function (n) {
      n.classList.remove("is-active");
    });
    if (preview) preview.remove();
    if (previewRef) previewRef.removeAttribute("data-preview");
    preview = previewRef = null;
  }

  function scheduleHide() {
    window.clearTimeout(hideTimer);
    hideTimer = window.setTimeout(hidePreview, 250);
  }

  refs.forEach(function (ref) {
    ref.addEventListener("mouseenter", function () { showPreview(ref); });
    ref.addEventListener("mouseleave", scheduleHide);
    ref.addEventListener("focus", function () { showPreview(ref); });
    ref.addEventListener("blur", scheduleHide);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && (preview || main.querySelector("aside.footnote.is-active"))) {
      hidePreview();
    }
  });

  /* --- when to set the notes again -------------------------------------------- */
  window.addEventListener("resize", scheduleLayout);
  document.addEventListener("edition:layout", scheduleLayout);
  if (document.fonts && document.fonts.ready) document.fonts.ready.then(scheduleLayout);
  if (window.ResizeObserver) {
    var column = textColumn();
    if (column) new ResizeObserver(scheduleLayout).observe(column);
  }
  layout();
})();
