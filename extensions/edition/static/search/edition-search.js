/* edition-search.js -- the search page's results at the level of the passage.
 *
 * Loaded on the search page only, deferred: after Sphinx's searchtools.js and
 * before the indexes (search.html). Sphinx finds the pages and draws the results;
 * this script changes what a result is (see extensions/edition/search.py):
 *  - a page found by its words becomes the passages of it (paragraphs ¶ n,
 *    notes) that hold every word of the query, each linked to its anchor;
 *    Sphinx then fetches the page and shows its snippet from that passage;
 *  - an entity of a register is named with its register, not
 *    "(Entities person, in Persons)", and shown with a snippet of its entry;
 *  - an index entry inside a passage (a person's mention) becomes that
 *    passage, listed once;
 *  - snippets leave out what is not text: paragraph numbers, the pending
 *    slot's words, note labels and back-links.
 * It wraps four functions of Sphinx's Search object (the originals do the
 * work) and replaces one (htmlToText); everything else is Sphinx's.
 */
(function () {
  "use strict";

  var data = null;  // {passages: [[docname, anchor, label]], terms: {word: [n]}}
  window.EditionSearch = { setPassages: function (d) { data = d; } };
  if (typeof Search === "undefined") return;

  /* --- passages ----------------------------------------------------------- */

  /* The passages holding a word: exactly, else (words longer than two
     letters) any indexed word containing it, as Sphinx matches pages. */
  function holding(word) {
    var terms = data.terms;
    if (Object.prototype.hasOwnProperty.call(terms, word)) return new Set(terms[word]);
    var found = new Set();
    if (word.length > 2) {
      Object.keys(terms).forEach(function (term) {
        if (term.indexOf(word) > -1) terms[term].forEach(function (n) { found.add(n); });
      });
    }
    return found;
  }

  /* Numbers of the passages of a page that hold every word and no excluded
     one, in reading order. A short word no passage holds is not required,
     as Sphinx does not require it of pages. */
  function passagesOf(docname, searchTerms, excludedTerms) {
    var ofPage = [];
    data.passages.forEach(function (p, n) { if (p[0] === docname) ofPage.push(n); });
    if (!ofPage.length) return [];
    var keep = new Set(ofPage);
    searchTerms.forEach(function (word) {
      var has = holding(word);
      if (!has.size && word.length < 3) return;
      keep.forEach(function (n) { if (!has.has(n)) keep.delete(n); });
    });
    excludedTerms.forEach(function (word) {
      holding(word).forEach(function (n) { keep.delete(n); });
    });
    return ofPage.filter(function (n) { return keep.has(n); });
  }

  /* A passage's result. Its score is the score of what found it plus a
     fraction under 1 that falls in reading order: Sphinx sorts by score and
     then by title, which would put "¶ 10" before "¶ 7". */
  function passageResult(n, like) {
    var p = data.passages[n];
    var order = (data.passages.length - n) / (data.passages.length + 1);
    return [p[0], p[2], "#" + p[1], null, Math.floor(like[4]) + order, like[5], like[6]];
  }

  var pageResults = Search.performTermsSearch;
  Search.performTermsSearch = function (searchTerms, excludedTerms) {
    var results = pageResults(searchTerms, excludedTerms);
    if (!data) return results;
    var out = [];
    results.forEach(function (result) {
      // result: [docname, title, anchor, descr, score, filename, kind]
      var found = passagesOf(result[0], searchTerms, excludedTerms);
      if (!found.length) { out.push(result); return; }
      found.forEach(function (n) { out.push(passageResult(n, result)); });
    });
    return out;
  };

  /* An index entry's target inside a passage (a person's mention: the PDF's
     index of persons) is found by Sphinx as a result of its own, titled with
     the page: "Stalin" gave twelve. Each becomes its passage, listed once. */
  var allResults = Search._performSearch;
  Search._performSearch = function () {
    var results = allResults.apply(Search, arguments);  // best last
    if (!data || !data.targets) return results;
    var seen = new Set();
    var out = [];
    for (var i = results.length - 1; i >= 0; i--) {
      var result = results[i];
      var inPage = data.targets[result[0]];
      var n = inPage && result[2] ? inPage[result[2].slice(1)] : undefined;
      if (n !== undefined) result = passageResult(n, result);
      var key = result[0] + result[2];
      if (result[2] && seen.has(key)) continue;
      seen.add(key);
      out.push(result);
    }
    // back to Sphinx's order: ascending score, the best last (the sort is
    // stable, so results of equal score keep Sphinx's order among them)
    return out.reverse().sort(function (a, b) { return a[4] - b[4]; });
  };

  /* --- entities: their name and register, their entry as the snippet ------ */

  var objectResults = Search.performObjectSearch;
  Search.performObjectSearch = function (object, objectTerms) {
    var titles = Search._index.titles;
    var entityLabels = Object.values(Search._index.objnames)
      .filter(function (o) { return o[0] === "entity"; })
      .map(function (o) { return o[2] + _(", in "); });
    return objectResults(object, objectTerms).map(function (result) {
      var descr = result[3] || "";
      if (!entityLabels.some(function (l) { return descr.indexOf(l) === 0; })) return result;
      var register = titles[Search._index.docnames.indexOf(result[0])];
      return [result[0], result[1] + " \u00b7 " + register, result[2], null,
              result[4], result[5], result[6]];
    });
  };

  /* --- snippets: the text of the passage, without the page's apparatus ---- */

  var NOT_TEXT = [".headerlink", "script", "style", ".unit-number", ".slot-status",
                  "a.footnote-reference", ".commentary-ref",
                  "aside.footnote > .label", ".backrefs", ".reader-controls",
                  ".document-details > summary"];
  Search.htmlToText = function (htmlString, anchor) {
    var doc = new DOMParser().parseFromString(htmlString, "text/html");
    doc.querySelectorAll(NOT_TEXT.join(",")).forEach(function (el) { el.remove(); });
    var main = doc.querySelector("main, [role=main]");
    if (!main) return "";
    var block = anchor ? main.querySelector(anchor) : null;
    return (block || main).textContent.replace(/\s+/g, " ").trim();
  };

  /* --- the count says results, not pages ---------------------------------- */
  Documentation.TRANSLATIONS["Search finished, found one page matching the search query."] =
    ["Search finished: one result.", "Search finished: ${resultCount} results."];
})();
