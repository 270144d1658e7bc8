/* Sentence alignment in the parallel view (edition/text/sentences.py).

   Each sentence of a transcribed unit is a span with an id and, in
   data-corresp, the ids of its counterparts on the other side. Hovering over
   a sentence or focusing it highlights it and its counterparts. Keyboard:
   Tab reaches the first sentence of each side; the arrow keys move between
   the sentences of that side, Home and End to its first and last; Enter
   moves to the first counterpart. A screen reader hears the counterpart
   as the sentence's description (aria-describedby).
   Without JavaScript nothing of this happens: the text reads as plain text. */
(function () {
  "use strict";

  function counterparts(sentence) {
    return (sentence.getAttribute("data-corresp") || "").split(/\s+/)
      .filter(Boolean).map(function (id) { return document.getElementById(id); })
      .filter(Boolean);
  }

  function mark(sentence, on) {
    sentence.classList.toggle("sentence-active", on);
    counterparts(sentence).forEach(function (other) {
      other.classList.toggle("sentence-counterpart", on);
    });
  }

  function sideOf(sentence) { return sentence.closest(".side"); }

  function sentencesOf(side) { return Array.prototype.slice.call(side.querySelectorAll(".sentence")); }

  function moveTo(from, to) {
    if (!to || to === from) { return; }
    sentencesOf(sideOf(to)).forEach(function (s) { s.tabIndex = -1; });
    to.tabIndex = 0;
    to.focus();
  }

  function onKey(event) {
    var sentence = event.target.closest && event.target.closest(".sentence");
    if (!sentence || event.altKey || event.ctrlKey || event.metaKey) { return; }
    var all = sentencesOf(sideOf(sentence));
    var index = all.indexOf(sentence);
    var target = null;
    switch (event.key) {
      case "ArrowRight": case "ArrowDown": target = all[index + 1]; break;
      case "ArrowLeft": case "ArrowUp": target = all[index - 1]; break;
      case "Home": target = all[0]; break;
      case "End": target = all[all.length - 1]; break;
      case "Enter": target = counterparts(sentence)[0]; break;
      default: return;
    }
    if (target) { event.preventDefault(); moveTo(sentence, target); }
  }

  function init() {
    var sides = document.querySelectorAll(".unit > .side");
    Array.prototype.forEach.call(sides, function (side) {
      sentencesOf(side).forEach(function (sentence, index) {
        sentence.tabIndex = index === 0 ? 0 : -1;
        var ids = counterparts(sentence).map(function (other) { return other.id; });
        if (ids.length) { sentence.setAttribute("aria-describedby", ids.join(" ")); }
      });
    });
    document.documentElement.classList.add("sentence-alignment");
    ["mouseover", "focusin"].forEach(function (type) {
      document.addEventListener(type, function (event) {
        var sentence = event.target.closest && event.target.closest(".sentence");
        if (sentence) { mark(sentence, true); }
      });
    });
    ["mouseout", "focusout"].forEach(function (type) {
      document.addEventListener(type, function (event) {
        var sentence = event.target.closest && event.target.closest(".sentence");
        if (sentence && !(event.relatedTarget && sentence.contains(event.relatedTarget))) {
          mark(sentence, false);
        }
      });
    });
    document.addEventListener("keydown", onKey);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
}());
