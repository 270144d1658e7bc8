/* edition-apparatus.js -- the apparatus of the edition in the browser.
 *
 * Progressive enhancement of a page that reads fully without it (there the
 * notes are a list at the end, under the heading "Notes", linked both ways).
 *
 *  - notes near their paragraph: each note of a paragraph of the parallel
 *    text moves to its unit, under the side that references it (a
 *    .unit-notes block after that side). Where the text is one column and
 *    the margin beside it holds a readable note (13rem), the notes stand in
 *    that margin level with their references (sidenotes); otherwise they
 *    stay in the flow, under their side: in two columns under their own
 *    column, stacked under their own paragraph. Why not a third column for
 *    side by side: two text columns at a comfortable measure and a note
 *    column need about 1,500 px, so the notes would change place between
 *    the widths a reader uses, and a column of notes level with the English
 *    would stand far from a note of the original; under its own column a
 *    note keeps that column's measure at every width.
 *    Nothing is ever laid over the text: a note set in the margin is pushed
 *    down below the one before it, and a long note is shortened, with a
 *    button for the rest.
 *  - a note opened in place: where the notes are in the flow (phones,
 *    two columns), a tap on a reference opens its note right there, inside
 *    the line of text, pushing what follows down; "Close" (or Escape) shuts
 *    it and returns to the reference. The link still leads to the note.
 *  - reader controls: "Reading text" (the record's square brackets hidden on
 *    screen, the words in them kept in a quieter style) and "Commentary"
 *    (this edition's commentary shown or hidden); real buttons with
 *    aria-pressed, remembered in localStorage, in the shared container
 *    .reader-controls.
 *
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
    if (!note || note.contains(ref)) return;
    noteOf.set(ref, note);
    if (!firstRefs.some(function (r) { return noteOf.get(r) === note; })) {
      firstRefs.push(ref);
    }
  });

  var MIN_MARGIN_REM = 13;   // narrowest margin that holds a readable note
  var GAP_REM = 2;           // between the text column and the notes
  var LONG_NOTE_REM = 18;    // taller notes are shortened, with a button

  function rem() {
    return parseFloat(getComputedStyle(root).fontSize) || 16;
  }

  function shown(el) {
    return el.getClientRects().length > 0;
  }

  /* Each note of a unit moves under the side that references it. */
  function notesToUnits() {
    firstRefs.forEach(function (ref) {
      var side = ref.closest(".side");
      var unit = side && side.parentElement;
      if (!unit || !unit.classList.contains("unit")) return;
      var role = side.classList.contains("side-original") ? "original" : "translation";
      var box = unit.querySelector(":scope > .unit-notes[data-side='" + role + "']");
      if (!box) {
        box = document.createElement("div");
        box.className = "unit-notes";
        box.setAttribute("data-side", role);
        side.insertAdjacentElement("afterend", box);
      }
      box.appendChild(noteOf.get(ref));
    });
    if (list && !list.querySelector("aside.footnote")) list.hidden = true;
  }

  /* The button that shows the rest of a long note. */
  function addMore(note) {
    if (note.querySelector(":scope > .note-more")) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "note-more editorial";
    button.setAttribute("aria-expanded", "false");
    button.textContent = "Show the whole note";
    function setOpen(open) {
      note.classList.toggle("note-open", open);
      button.setAttribute("aria-expanded", open ? "true" : "false");
      button.textContent = open ? "Shorten the note" : "Show the whole note";
      scheduleLayout();
    }
    button.addEventListener("click", function () {
      setOpen(!note.classList.contains("note-open"));
    });
    // a link inside the hidden part gets focus: show the part it is in
    note.addEventListener("focusin", function (event) {
      if (event.target !== button && note.classList.contains("note-long") &&
          !note.classList.contains("note-open")) setOpen(true);
    });
    note.appendChild(button);
  }

  /* Shorten the long ones of *notes*: first every change, then every
     measure, then the classes, so the browser lays the page out once for
     all of them, not once a note (a page's load waits for it). */
  function shorten(notes) {
    notes.forEach(function (note) {
      addMore(note);
      note.classList.remove("note-long");
    });
    var limit = LONG_NOTE_REM * rem();
    var tall = notes.map(function (note) {
      var more = note.querySelector(":scope > .note-more");
      var open = note.classList.contains("note-open");
      return note.scrollHeight - (open ? more.offsetHeight : 0) > limit;
    });
    notes.forEach(function (note, i) { note.classList.toggle("note-long", tall[i]); });
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
    main.style.minHeight = "";
  }

  /* Right edge of the text: the sides of the units shown, else the section. */
  function textRight() {
    var right = -Infinity;
    main.querySelectorAll(".unit > .side").forEach(function (side) {
      if (shown(side)) right = Math.max(right, side.getBoundingClientRect().right);
    });
    if (right > -Infinity) return right;
    var section = main.querySelector("section");
    return section ? section.getBoundingClientRect().right : -Infinity;
  }

  function layoutSidenotes() {
    var placed = firstRefs.filter(function (ref) { return shown(ref); });
    if (!placed.length) return false;
    var unit = rem();
    var mainRect = main.getBoundingClientRect();
    var style = getComputedStyle(main);
    var contentRight = mainRect.right - parseFloat(style.paddingRight);
    var columnRight = textRight();
    var width = contentRight - columnRight - GAP_REM * unit;
    if (width < MIN_MARGIN_REM * unit) return false;
    main.classList.add("edition-sidenotes");
    var bottom = -Infinity;  // of the last note set, from main's top
    placed.forEach(function (ref) {
      var note = noteOf.get(ref);
      var parentRect = (note.offsetParent || main).getBoundingClientRect();
      note.style.width = width + "px";
      note.style.left = (columnRight + GAP_REM * unit - parentRect.left) + "px";
      var noteStyle = getComputedStyle(note);
      // align the first line of the note's text with the reference's line
      var inset = parseFloat(noteStyle.paddingTop) +
        (parseFloat(noteStyle.lineHeight) - parseFloat(noteStyle.fontSize)) / 2;
      var top = lineTop(ref) - mainRect.top - (isNaN(inset) ? 0 : inset);
      top = Math.max(top, bottom + 0.75 * unit);
      note.style.top = (top - (parentRect.top - mainRect.top)) + "px";
      shorten([note]);
      bottom = top + note.offsetHeight;
    });
    // the page holds the last note
    var needed = bottom + parseFloat(style.paddingBottom);
    if (needed > main.offsetHeight) main.style.minHeight = needed + "px";
    return true;
  }

  var pending = false;
  function layout() {
    pending = false;
    clearSidenotes();
    if (layoutSidenotes()) {
      closeInPlace(false);
    } else {
      shorten(firstRefs.map(function (ref) { return noteOf.get(ref); })
        .filter(function (note) { return note.closest(".unit-notes") && shown(note); }));
    }
  }
  function scheduleLayout() {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(layout);
  }

  /* --- a note opened in place (notes in the flow) ----------------------------- */
  var opened = null;   // {ref, box}

  function noteBody(note) {
    var body = document.createElement("span");
    body.className = "note-inplace-body";
    Array.prototype.forEach.call(note.children, function (child) {
      if (child.classList.contains("label") || child.classList.contains("note-more")) return;
      var copy = child.cloneNode(true);
      if (copy.tagName === "P") {
        // a paragraph inside a paragraph is not HTML: a block span instead
        var span = document.createElement("span");
        span.className = "note-inplace-p";
        while (copy.firstChild) span.appendChild(copy.firstChild);
        copy = span;
      }
      body.appendChild(copy);
    });
    // a copy: no id twice on the page
    body.querySelectorAll("[id]").forEach(function (el) { el.removeAttribute("id"); });
    return body;
  }

  function openInPlace(ref) {
    var note = noteOf.get(ref);
    if (!note) return;
    var number = note.id.replace("note-", "");
    var box = document.createElement("span");
    box.className = "note-inplace editorial";
    box.setAttribute("role", "note");
    box.setAttribute("aria-label", "Note " + number);
    box.tabIndex = -1;
    var owner = note.closest("[lang]");
    if (owner) box.setAttribute("lang", owner.getAttribute("lang"));
    var head = document.createElement("span");
    head.className = "note-inplace-head";
    var title = document.createElement("span");
    title.className = "note-inplace-title";
    title.textContent = "Note " + number;
    var close = document.createElement("button");
    close.type = "button";
    close.className = "note-inplace-close";
    close.textContent = "Close";
    close.setAttribute("aria-label", "Close note " + number + ", back to the text");
    close.addEventListener("click", function () { closeInPlace(true); });
    head.appendChild(title);
    head.appendChild(close);
    box.appendChild(head);
    box.appendChild(noteBody(note));
    ref.insertAdjacentElement("afterend", box);
    ref.setAttribute("data-note-open", "true");
    opened = {ref: ref, box: box};
    box.focus({preventScroll: true});
  }

  function closeInPlace(returnFocus) {
    if (!opened) return;
    var ref = opened.ref;
    opened.box.remove();
    ref.removeAttribute("data-note-open");
    opened = null;
    if (returnFocus) ref.focus();
  }

  refs.forEach(function (ref) {
    ref.addEventListener("click", function (event) {
      if (main.classList.contains("edition-sidenotes") || !noteOf.has(ref)) return;
      event.preventDefault();
      var same = opened && opened.ref === ref;
      closeInPlace(false);
      if (!same) openInPlace(ref);
    });
    // in the margin: the note of the reference under the pointer or focus
    function activate() {
      if (!main.classList.contains("edition-sidenotes")) return;
      var note = noteOf.get(ref);
      if (note) note.classList.add("is-active");
    }
    function deactivate() {
      var note = noteOf.get(ref);
      if (note) note.classList.remove("is-active");
    }
    ref.addEventListener("mouseenter", activate);
    ref.addEventListener("focus", activate);
    ref.addEventListener("mouseleave", deactivate);
    ref.addEventListener("blur", deactivate);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    if (opened) closeInPlace(true);
    main.querySelectorAll("aside.footnote.is-active").forEach(function (n) {
      n.classList.remove("is-active");
    });
  });

  /* --- when to set the notes again -------------------------------------------- */
  notesToUnits();
  window.addEventListener("resize", scheduleLayout);
  document.addEventListener("edition:layout", scheduleLayout);
  // [page, issue 14] a <details> opened or closed above the notes (the
  // header block) moves the text: "toggle" does not bubble, so capture it
  document.addEventListener("toggle", scheduleLayout, true);
  if (document.fonts && document.fonts.ready) document.fonts.ready.then(scheduleLayout);
  if (window.ResizeObserver) {
    var observed = main.querySelector("section") || main;
    // its first report is the size the layout below has just set
    var first = true;
    new ResizeObserver(function () {
      if (first) first = false; else scheduleLayout();
    }).observe(observed);
  }
  layout();
})();
