/* edition-copy.js -- clean copying from the document page (issue 13).
 *
 * A file of its own beside edition-apparatus.js, so that the two concerns
 * stay apart:
 *  - copy: a selection copied from the page leaves out the edition's marks
 *    (note references, commentary letters, paragraph numbers, the sic label,
 *    the slot's notice, the reader's controls, a note opened in place), each
 *    known by its class, and keeps the record's square brackets whatever the
 *    reading mode (the "Reading text" mode hides them on screen only). Both
 *    text/plain and text/html are set. The stylesheet edition-copy.css also takes the marks
 *    out of the selection itself (user-select: none).
 *  - "Copy with citation": a button beside each paragraph copies its text
 *    and its own citation (the paragraph number's title after "Cite this
 *    paragraph: ", written by
 *    the build). It is a real button (keyboard: Tab, Enter); without
 *    JavaScript there is no button, and the number's tooltip still gives the
 *    citation.
 */
(function () {
  "use strict";

  // .note-inplace is a note opened inside the line of text (a copy of the
  // note, shown where it was tapped); .note-more the button of a long note
  var MARKS = [".footnote-reference", ".commentary-ref", ".unit-number", ".sic-label",
               ".slot-status", ".copy-cite", ".reader-controls", ".note-more",
               ".note-inplace", ".headerlink"].join(", ");
  var BLOCKS = /^(P|DIV|ASIDE|SECTION|LI|DD|DT|H[1-6]|BLOCKQUOTE|HEADER|FOOTER|TR)$/;

  /* The text of a cleaned copy: a blank line between blocks, the spaces and
     line breaks of the HTML source inside a block read as one space. */
  function plainText(root) {
    var blocks = [];
    var current = "";
    function flush() {
      var text = current.replace(/\s+/g, " ").trim();
      if (text) blocks.push(text);
      current = "";
    }
    (function walk(node) {
      node.childNodes.forEach(function (child) {
        if (child.nodeType === Node.TEXT_NODE) { current += child.data; return; }
        if (child.nodeType !== Node.ELEMENT_NODE) return;
        var block = BLOCKS.test(child.tagName);
        if (block) flush();
        walk(child);
        if (block) flush();
      });
    })(root);
    flush();
    return blocks.join("\n\n");
  }

  function cleaned(fragment) {
    var box = document.createElement("div");
    box.appendChild(fragment);
    box.querySelectorAll(MARKS).forEach(function (el) { el.remove(); });
    // the record's brackets stay, even where the reading mode hides them
    box.querySelectorAll(".interpolation-bracket").forEach(function (el) {
      el.removeAttribute("style");
    });
    return box;
  }

  document.addEventListener("copy", function (event) {
    var selection = window.getSelection();
    if (!selection || selection.isCollapsed || !event.clipboardData) return;
    var box = document.createElement("div");
    for (var i = 0; i < selection.rangeCount; i++) {
      box.appendChild(selection.getRangeAt(i).cloneContents());
    }
    if (!box.querySelector(MARKS + ", .interpolation-bracket")) return;  // nothing to clean
    var clean = cleaned(box);
    event.clipboardData.setData("text/plain", plainText(clean));
    event.clipboardData.setData("text/html", clean.innerHTML);
    event.preventDefault();
  });

  /* --- "Copy with citation" ------------------------------------------------- */
  function writeClipboard(text) {
    if (navigator.clipboard && navigator.clipboard.writeText) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {  // older browsers
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var done = document.execCommand("copy");
      area.remove();
      if (done) { resolve(); } else { reject(new Error("copy refused")); }
    });
  }

  function paragraphText(unit) {
    var side = unit.querySelector(":scope > .side-translation");
    return side ? plainText(cleaned(side.cloneNode(true))) : "";
  }

  var status = null;
  function announce(message) {
    if (!status) {
      status = document.createElement("div");
      status.className = "copy-cite-status";
      status.setAttribute("role", "status");
      document.body.appendChild(status);
    }
    status.textContent = message;
  }

  /* The paragraph's citation: its number's tooltip after the prefix
     (text/parallel.py, CITE_PREFIX). */
  function citation(number) {
    return number.getAttribute("title").replace(/^Cite this paragraph: /, "");
  }

  document.querySelectorAll(".unit > .unit-number[title]").forEach(function (number) {
    var unit = number.parentElement;
    var side = unit.querySelector(":scope > .side-translation");
    if (!side) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy-cite editorial";
    button.textContent = "Copy with citation";
    button.setAttribute("aria-label", "Copy paragraph " + unit.id.replace(/^p/, "") +
                        " with its citation");
    button.addEventListener("click", function () {
      var text = paragraphText(unit) + "\n\n" + citation(number);
      writeClipboard(text).then(function () {
        button.textContent = "Copied";
        announce("Paragraph " + unit.id.replace(/^p/, "") + " copied with its citation");
        window.setTimeout(function () { button.textContent = "Copy with citation"; }, 2000);
      }, function () {
        announce("The browser did not allow copying");
      });
    });
    side.appendChild(button);
  });
})();
