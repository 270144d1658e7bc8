// Render CSL-JSON items with citeproc-js (the engine of Zotero and Mendeley).
//
// Reads one JSON object on standard input:
//   {"style": "<CSL XML>", "locale": "<locale XML>", "items": [...],
//    "cites": [{"id": "...", "locator": "7", "label": "paragraph"}, ...]}
// and writes {"notes": [...], "bibliography": [...]} as plain text: each cite
// as a first (full) note, and the bibliography of every item.
"use strict";

const CSL = require("citeproc");

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  const data = JSON.parse(input);
  const items = Object.fromEntries(data.items.map((item) => [item.id, item]));
  const sys = {
    retrieveLocale: () => data.locale,
    retrieveItem: (id) => items[id],
  };
  const engine = new CSL.Engine(sys, data.style);
  engine.setOutputFormat("text");
  engine.updateItems(Object.keys(items));
  // makeCitationCluster keeps no note history: every note is a first
  // citation, in its full form
  const notes = data.cites.map((cite) => engine.makeCitationCluster([cite]));
  const [, bibliography] = engine.makeBibliography();
  process.stdout.write(JSON.stringify({
    notes,
    bibliography: bibliography.map((entry) => entry.trim()),
  }));
});
