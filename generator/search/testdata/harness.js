// Runs search.js outside a browser for js_test.go: reads a JSON request on
// stdin, {"script": path of search.js, "dir": index dir, "queries": [...],
// "then": {"dir", "queries"}, "fold": [...], "shardNames": [keys], "dirs": n},
// and prints {"results": [...], "fold": [...], "shardNames": [...]}.
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const req = JSON.parse(fs.readFileSync(0, "utf8"));
const search = require(req.script);

let dir = req.dir;

function load(name, fresh) {
  return new Promise((resolve, reject) => {
    let data;
    const code = fs.readFileSync(path.join(dir, name + ".js"), "utf8");
    vm.runInNewContext(code, { window: { __binomeSearch: (n, d) => { if (n === name) data = d; } } });
    if (data === undefined) reject(new Error(name + ".js did not register"));
    else resolve(JSON.parse(JSON.stringify(data))); // into this realm
  });
}

function escape(s) {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
    .replace(/"/g, "&#34;").replace(/'/g, "&#39;");
}

(async () => {
  const out = { results: [], fold: (req.fold || []).map(search.fold),
    shardNames: (req.shardNames || []).map((k) => search.shardName(k, req.dirs)) };
  if (req.dir) {
    const ix = new search.Index(load);
    // "then": the index's files replaced by those of dir "then.dir" (a
    // rebuild), and more queries asked of the index already open.
    const queries = req.queries.map((q) => [q, req.dir]);
    if (req.then) queries.push(...req.then.queries.map((q) => [q, req.then.dir]));
    for (const [q, d] of queries) {
      dir = d;
      const res = await ix.search(q);
      out.results.push({
        Total: res.total,
        Hits: res.hits.map((h) => ({
          URL: h.url, Title: h.title, Section: h.section, Score: h.score,
          Snippet: h.snippet.map((p) => (p.mark ? "<mark>" + escape(p.text) + "</mark>" : escape(p.text))).join(""),
        })),
      });
    }
  }
  process.stdout.write(JSON.stringify(out));
})().catch((e) => { console.error(e); process.exit(1); });
