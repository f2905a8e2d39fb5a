/* Offline full-text search: the client of the index written by binome's
   generator/search package. The page contract (form, input, results
   container, keys) and the query algorithm are documented in that
   package's doc comment; its Reader runs the same algorithm in Go, and
   TestReaderMatchesJS checks that both give the same results.
   Index files are scripts calling window.__binomeSearch(name, data), loaded
   with <script src>, so search also works from file://. */
(function () {
  "use strict";

  /* Fold: keep in step with Fold in generator/search/fold.go and fold.Latin in generator/fold. */
  var FOLD_TABLE = "a:àáâãäåāăą c:çćĉċč d:ďđð e:èéêëēĕėęě g:ĝğġģ h:ĥħ i:ìíîïĩīĭįı j:ĵ k:ķ l:ĺļľŀł " +
    "n:ñńņňŉ o:òóôõöøōŏő r:ŕŗř s:śŝşšșſ t:ţťțŧ u:ùúûüũūŭůűų w:ŵ y:ýÿŷ z:źżž " +
    "ae:æ oe:œ ss:ß th:þ ij:ĳ ff:ﬀ fi:ﬁ fl:ﬂ ffi:ﬃ ffl:ﬄ st:ﬅﬆ";
  var FOLD = {};
  FOLD_TABLE.split(" ").forEach(function (group) {
    var parts = group.split(":");
    for (var ch of parts[1]) FOLD[ch] = parts[0];
  });

  function isCombining(cp) {
    return (cp >= 0x300 && cp <= 0x36f) || (cp >= 0x1ab0 && cp <= 0x1aff) ||
      (cp >= 0x1dc0 && cp <= 0x1dff) || (cp >= 0x20d0 && cp <= 0x20ff) || (cp >= 0xfe20 && cp <= 0xfe2f);
  }

  function fold(s) {
    var out = "";
    for (var ch of s) {
      for (var c of ch.toLowerCase()) {
        if (isCombining(c.codePointAt(0))) continue;
        if (c === "\u2019" || c === "\u02bc") out += "'";
        else out += Object.prototype.hasOwnProperty.call(FOLD, c) ? FOLD[c] : c;
      }
    }
    return out;
  }

  var WORD = /^[\p{L}\p{N}\p{M}]$/u;
  var ELISIONS = new Set(["l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu"]);
  var CLITICS = new Set(["s", "t", "d", "m", "ll", "re", "ve"]);
  var MAX_WORD_RUNES = 40, MAX_QUERY_WORDS = 8, MAX_HITS = 10, MAX_PREFIX_KEYS = 8;
  var WEIGHT_EXACT = 100, WEIGHT_PREFIX = 80, WEIGHT_TYPO = 50, MIN_TYPO_RUNES = 5;
  var SNIPPET_WORDS = 30, SNIPPET_BEFORE = 6;

  function runes(s) { return Array.from(s); }

  function isWordAt(text, i) { // the code point starting at i
    return i < text.length && WORD.test(String.fromCodePoint(text.codePointAt(i)));
  }
  function isWordBefore(text, i) { // the code point ending at i
    if (i <= 0) return false;
    var lo = text.charCodeAt(i - 1);
    var start = lo >= 0xdc00 && lo <= 0xdfff && i >= 2 ? i - 2 : i - 1;
    return WORD.test(String.fromCodePoint(text.codePointAt(start)));
  }
  function isApostrophe(c) { return c === "'" || c === "\u2019" || c === "\u02bc"; }
  // apostropheBetween: text[i] is an apostrophe between two word characters.
  function apostropheBetween(text, i) {
    return isWordBefore(text, i) && isApostrophe(text[i]) && isWordAt(text, i + 1);
  }

  /* scan calls fn(folded, last, start, end) for each indexable word of text,
     as scanner.scan does in Go. */
  function scan(text, lang, stop, fn) {
    var re = /[\p{L}\p{N}\p{M}]+/gu, m;
    while ((m = re.exec(text))) {
      var start = m.index, end = start + m[0].length, folded = fold(m[0]);
      if (!folded || runes(folded).length > MAX_WORD_RUNES || stop.has(folded)) continue;
      if (lang === "fr" && apostropheBetween(text, end) && ELISIONS.has(folded)) continue;
      if (lang === "en" && start > 0 && apostropheBetween(text, start - 1) && CLITICS.has(folded)) continue;
      fn(folded, end === text.length, start, end);
    }
  }

  function oneEdit(a, b) {
    var x = runes(a), y = runes(b);
    if (x.length < y.length) { var t = x; x = y; y = t; }
    if (x.length - y.length > 1) return false;
    var i = 0;
    while (i < y.length && x[i] === y[i]) i++;
    var same = function (p, q) { return x.slice(p).join("") === y.slice(q).join(""); };
    if (x.length !== y.length) return same(i + 1, i);
    if (i === x.length) return false;
    if (same(i + 1, i + 1)) return true;
    return i + 1 < x.length && x[i] === y[i + 1] && x[i + 1] === y[i] && same(i + 2, i + 2);
  }

  function raise(m, k, v) { if (!m.has(k) || v > m.get(k)) m.set(k, v); }

  function eachPair(shard, fn) {
    for (var i = 0; i + 1 < shard.w.length; i += 2) fn(shard.w[i], shard.w[i + 1]);
  }

  /* decodeStems spells out, once per shard, the stems written as their
     length: those that are a prefix of their surface word. */
  function decodeStems(w) {
    for (var i = 0; i + 1 < w.length; i += 2) if (typeof w[i + 1] === "number") w[i + 1] = w[i].slice(0, w[i + 1]);
  }

  function bitCount(n) { var c = 0; for (; n; n &= n - 1) c++; return c; }

  /* Index answers queries from one index; load(name, fresh) returns a
     promise of the data of the script name ("meta", "s/0/mentor", "f/12/780");
     fresh asks it to get around any cache. */
  function Index(load) {
    this.load = load;
    this.fresh = false; // set once a stale file was seen
    this.reset();
  }

  Index.prototype.reset = function () {
    this.meta = null;
    this.opened = null;
    this.files = new Map(); // name → promise of data
    this.data = new Map();  // name → data, once loaded
    this.terms = new Map(); // query word → promise of what it matches (term)
  };

  Index.prototype.open = function () {
    var self = this;
    if (!this.opened) {
      this.opened = this.load("meta", this.fresh).then(function (m) {
        if (m.format !== 7) throw new Error("search index format " + m.format);
        self.meta = m;
        self.stop = new Set(m.stop);
        self.keys = new Map(m.shards.map(function (k, i) { return [k, i]; }));
        // meta.b gives the docs of each bundle, bucket by bucket (see
        // bundleSize in write.go): first, the first doc of each bundle
        // then the number of docs; at, its bucket and its place in it;
        // buckets, the docs of each bucket.
        self.first = [0];
        self.at = [];
        self.buckets = [];
        var k = 0;
        for (var c of m.b) {
          var n;
          if (c >= "A" && c <= "Z") { n = c.charCodeAt(0) - 64; k++; }
          else { n = parseInt(c, 36); k = 0; self.buckets.push(0); }
          if (!(n > 0)) continue;
          self.buckets[self.buckets.length - 1] += n;
          self.at.push([self.buckets.length - 1, k]);
          self.first.push(self.first[self.first.length - 1] + n);
        }
        return m;
      });
      this.opened.catch(function () { self.opened = null; }); // retry next time
    }
    return this.opened;
  };

  /* A file of another build than meta.js (a cached meta.js, or files
     replaced while the page was open) is stale: search starts again once
     from a fresh meta.js. So is a file that cannot be loaded: the build
     may have removed it. */
  function Stale(name) { this.message = name + ".js is not of this index"; this.stale = true; }

  /* file loads shard name, or bundle name when b, the bundle's index in
     first, is given. */
  Index.prototype.file = function (name, b) {
    var self = this;
    if (!this.files.has(name)) {
      var p = this.load(name, this.fresh).then(function (d) {
        // A shard carries the index's v; a bundle, to stay the same
        // bytes while its docs are, the number of buckets and of docs in
        // its bucket (see bundle in write.go).
        if (b === undefined ? d.v !== self.meta.sv : d.b !== self.buckets.length || d.c !== self.buckets[self.at[b][0]] || d.f.length !== self.first[b + 1] - self.first[b]) throw new Stale(name);
        if (d.w) decodeStems(d.w);
        self.data.set(name, d);
        return d;
      }, function (e) {
        if (e && e.stale) throw e;
        var stale = new Stale(name);
        stale.message = e && e.message ? e.message : stale.message;
        throw stale;
      });
      p.catch(function () { self.files.delete(name); }); // retry next time
      this.files.set(name, p);
    }
    return this.files.get(name);
  };

  /* fileName names shard i (kind "s") of meta.shards, or the bundles of
     bucket i ("f"), the k-th of them when k > 0. The files of a kind are
     spread over folders (meta sd, bd): bundles by i modulo their number;
     shards are named by their key, as ShardName in write.go names them. */
  Index.prototype.fileName = function (kind, i, k) {
    if (kind === "s") return shardName(this.meta.shards[i], this.meta.sd);
    return kind + "/" + (i % this.meta.bd) + "/" + i + (k ? "-" + k : "");
  };

  /* shardName: the key as it is where made of a-z and 0-9, each other
     character as _<code point in hex>_, _ after a name Windows reserves;
     in folder FNV-1a(code points) modulo dirs. */
  function shardName(key, dirs) {
    var h = 2166136261, name = "";
    for (var ch of key) {
      var cp = ch.codePointAt(0);
      h = Math.imul(h ^ cp, 16777619) >>> 0;
      name += /^[a-z0-9]$/.test(ch) ? ch : "_" + cp.toString(16) + "_";
    }
    if (/^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/.test(name)) name += "_";
    return "s/" + (h % Math.max(dirs, 1)) + "/" + name;
  }

  /* bundleOf returns the bundle of doc: the last whose first doc is at
     most doc. */
  Index.prototype.bundleOf = function (doc) {
    var lo = 0, hi = this.first.length - 2;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (this.first[mid] <= doc) lo = mid; else hi = mid - 1;
    }
    return lo;
  };

  Index.prototype.fetchAll = function (names) {
    var self = this;
    return Promise.all(names.map(function (n) { return self.file(n); }));
  };

  Index.prototype.words = function (q) {
    var ws = [];
    scan(q, this.meta.lang, this.stop, function (folded, last) {
      if (ws.length === MAX_QUERY_WORDS || ws.some(function (w) { return w.text === folded; })) return;
      ws.push({ text: folded, prefix: last && runes(folded).length >= 2 });
    });
    return ws;
  };

  Index.prototype.shardOf = function (w) {
    var cps = runes(w);
    for (var end = cps.length; end > 0; end--) {
      var i = this.keys.get(cps.slice(0, end).join(""));
      if (i !== undefined) return i;
    }
    return -1;
  };

  Index.prototype.shardsFor = function (w) {
    var out = [], i = this.shardOf(w.text);
    if (i >= 0) out.push(i);
    if (w.prefix) {
      var longer = [];
      this.meta.shards.forEach(function (k, j) {
        if (k.length > w.text.length && k.startsWith(w.text)) longer.push(j);
      });
      if (longer.length <= MAX_PREFIX_KEYS) out = out.concat(longer);
    }
    return out;
  };

  /* search resolves to {total, hits: [{url, title, section, snippet, score}]};
     url is site-root-relative with the anchor, snippet a list of
     {text, mark} parts. */
  Index.prototype.search = async function (q) {
    try {
      return await this.all(q);
    } catch (e) {
      if (!this.stale(e)) throw e;
      return this.all(q);
    }
  };

  Index.prototype.all = async function (q) {
    var r = await this.find(q);
    return { total: r.total, hits: await Promise.all(r.hits) };
  };

  /* stale reports whether e is a stale file seen for the first time, and
     then makes the index start again from fresh files. */
  Index.prototype.stale = function (e) {
    if (!e || !e.stale || this.fresh) return false;
    this.fresh = true;
    this.reset();
    return true;
  };

  /* prefetch loads what the words of q need, without searching: called on
     each keystroke, it fills the wait of the typing debounce. */
  Index.prototype.prefetch = function (q) {
    var self = this, ignore = function () {};
    this.open().then(function () {
      self.words(q).forEach(function (w) { self.term(w).catch(ignore); });
    }, ignore);
  };

  /* term resolves to what a query word matches, loading its shards:
     {m: stem → weight, ds: doc → best weight × score, shards: [shard]}.
     Memoized: typing repeats words, and a shard never changes. */
  Index.prototype.term = function (w) {
    var self = this, key = (w.prefix ? "*" : "=") + w.text;
    if (this.terms.has(key)) return this.terms.get(key);
    if (this.terms.size > 256) this.terms.clear();
    var lists = this.shardsFor(w), name = function (i) { return self.fileName("s", i); };
    var p = this.fetchAll(lists.map(name)).then(function (shards) {
      var m = new Map();
      shards.forEach(function (shard) {
        eachPair(shard, function (surface, stem) {
          if (surface === w.text) raise(m, stem, WEIGHT_EXACT);
          else if (w.prefix && surface.startsWith(w.text)) raise(m, stem, WEIGHT_PREFIX);
        });
      });
      if (m.size === 0 && runes(w.text).length >= MIN_TYPO_RUNES) {
        shards.forEach(function (shard) {
          eachPair(shard, function (surface, stem) {
            if (oneEdit(surface, w.text)) raise(m, stem, WEIGHT_TYPO);
          });
        });
      }
      var used = lists.slice(), stems = [];
      m.forEach(function (_, stem) {
        var si = self.shardOf(stem);
        if (si >= 0) { used.push(si); stems.push(stem); }
      });
      return self.fetchAll(stems.map(function (st) { return name(self.shardOf(st)); })).then(function (data) {
        var ds = new Map();
        stems.forEach(function (stem, k) {
          var ps = data[k].p[stem] || [], weight = m.get(stem), doc = 0;
          for (var j = 0; j + 1 < ps.length; j += 2) {
            doc += ps[j];
            raise(ds, doc, weight * ps[j + 1]);
          }
        });
        return { m: m, ds: ds, shards: used };
      });
    });
    p.catch(function () { if (self.terms.get(key) === p) self.terms.delete(key); }); // retry next time
    this.terms.set(key, p);
    return p;
  };

  /* find resolves to {total, hits}: hits are promises of the top hits,
     best first, each resolved once its fragment is loaded, so that a page
     can show the first ones while the others load. */
  Index.prototype.find = async function (q) {
    await this.open();
    var self = this, words = this.words(q);
    if (!words.length) return { total: 0, hits: [] };
    var terms = await Promise.all(words.map(function (w) { return self.term(w); }));

    var rank = function (all) {
      var seen = new Map();
      terms.forEach(function (t) {
        t.ds.forEach(function (sc, doc) {
          var x = seen.get(doc);
          if (!x) { x = { doc: doc, words: 0, score: 0 }; seen.set(doc, x); }
          x.words++;
          x.score += sc;
        });
      });
      return Array.from(seen.values()).filter(function (x) { return !all || x.words === words.length; });
    };
    var found = rank(true);
    if (!found.length) found = rank(false);
    found.sort(function (a, b) { return (b.words - a.words) || (b.score - a.score) || (a.doc - b.doc); });

    var used = new Set(), marks = new Map();
    terms.forEach(function (t) { t.shards.forEach(function (si) { used.add(si); }); });
    used.forEach(function (si) {
      eachPair(self.data.get(self.fileName("s", si)), function (surface, stem) {
        terms.forEach(function (t, i) {
          if (t.m.has(stem)) marks.set(surface, (marks.get(surface) || 0) | (1 << i));
        });
      });
    });
    var hit = function (x) {
      var b = self.bundleOf(x.doc);
      return self.file(self.fileName("f", self.at[b][0], self.at[b][1]), b).then(function (bundle) {
        var f = bundle.f[x.doc - self.first[b]], s = snippet(f, marks);
        return { url: f.u + (s.anchor ? "#" + s.anchor : ""), title: f.t, section: f.s, snippet: s.parts, score: x.score };
      });
    };
    // The best hit's bundle is requested alone, the others once it is
    // here: ten <script> elements added at once cost the page milliseconds
    // that the first result would wait for.
    var top = found.slice(0, MAX_HITS), first = top.length ? hit(top[0]) : null;
    var rest = first && first.catch(function () {});
    return {
      total: found.length,
      hits: top.map(function (x, i) { return i ? rest.then(function () { return hit(x); }) : first; }),
    };
  };

  /* spans returns the words of a snippet text with the query words they
     match. It is the hot loop of showing results: ASCII words, most of
     them, fold by lowercasing alone. */
  var ASCII = /^[\x00-\x7f]*$/;
  function spans(text, marks) {
    var out = [];
    var re = /[\p{L}\p{N}\p{M}]+/gu, m;
    while ((m = re.exec(text))) {
      var w = m[0], folded = ASCII.test(w) ? w.toLowerCase() : fold(w);
      out.push({ start: m.index, end: m.index + w.length, mask: marks.get(folded) || 0 });
    }
    return out;
  }

  /* snippet: as snippet in generator/search/reader.go. */
  function snippet(f, marks) {
    if (!f.bx.length) return { parts: [], anchor: "" };
    var best = 0, bestWords = 0, bestHits = 0, bestSpans = null;
    f.bx.forEach(function (text, c) {
      var ss = spans(text, marks), all = 0, hits = 0;
      ss.forEach(function (s) { if (s.mask) { all |= s.mask; hits++; } });
      var n = bitCount(all);
      if (c === 0 || n > bestWords || (n === bestWords && hits > bestHits)) {
        best = c; bestWords = n; bestHits = hits; bestSpans = ss;
      }
    });
    var text = f.bx[best], ss = bestSpans, parts = [];
    var first = ss.findIndex(function (s) { return s.mask !== 0; });
    var from = Math.max(0, first - SNIPPET_BEFORE), to = Math.min(ss.length, from + SNIPPET_WORDS), pos = 0;
    var add = function (t, mark) { if (t) parts.push({ text: t, mark: mark }); };
    if (from > 0) { add("… ", false); pos = ss[from].start; }
    ss.slice(from, to).forEach(function (s) {
      add(text.slice(pos, s.start), false);
      add(text.slice(s.start, s.end), s.mask !== 0);
      pos = s.end;
    });
    add(to < ss.length ? " …" : text.slice(pos), false);
    var h = f.bh[best];
    return { parts: parts, anchor: first >= 0 && h >= 0 && h < f.h.length ? f.h[h] : "" };
  }

  var api = { fold: fold, Index: Index, shardName: shardName };
  if (typeof module === "object" && module.exports) module.exports = api;
  if (typeof window === "undefined" || typeof document === "undefined") return;

  /* Browser: load index files with <script src>. The registry is shared by
     all copies of this script on a page. */
  var registry = window.__binomeSearch && window.__binomeSearch.pending ? window.__binomeSearch : null;
  if (!registry) {
    registry = function (name, data) {
      var s = document.currentScript, key = s && s.src ? s.src.split("?")[0] : "";
      var p = registry.pending.get(key);
      if (p) { registry.pending.delete(key); p.resolve(data); }
    };
    registry.pending = new Map();
    window.__binomeSearch = registry;
  }

  function loadScript(url) {
    var key = url.split("?")[0];
    return new Promise(function (resolve, reject) {
      registry.pending.set(key, { resolve: resolve });
      var el = document.createElement("script");
      var fail = function () {
        el.remove();
        if (registry.pending.has(key)) { registry.pending.delete(key); reject(new Error("cannot load " + url)); }
      };
      el.src = url;
      el.async = true;
      el.onload = fail; // after the script ran: fails only if it did not register
      el.onerror = fail;
      document.head.appendChild(el);
    });
  }

  /* Cache busting. Shards and bundles are loaded with ?v=<v of meta.js>,
     so a new index never mixes with cached files of an old one. meta.js
     itself is loaded with ?v=<version>: the form's data-search-version when
     the page has one, else the page's own modification date
     (document.lastModified: the file's date from file://, Last-Modified
     over http), which changes whenever the build rewrites the page. A file
     that still turns out to be of another build than meta.js makes the
     search start again with ?v=<now> everywhere (Index.search). */
  var indexes = new Map(); // base URL → Index, shared by forms
  function indexAt(base, version) {
    if (!indexes.has(base)) {
      var ix = new Index(function (name, fresh) {
        var v = fresh ? String(Date.now()) : name === "meta" ? version : ix.meta.v;
        return loadScript(base + name + ".js?v=" + encodeURIComponent(v));
      });
      indexes.set(base, ix);
    }
    return indexes.get(base);
  }

  /* pageVersion is the meta.js version of a page without
     data-search-version: its modification date, as a number. */
  function pageVersion() {
    var t = Date.parse(document.lastModified);
    return isNaN(t) ? "0" : String(t / 1000);
  }

  function pageURL(ix, base, url) {
    var u = new URL(ix.meta.root + url.replace(/^\//, ""), base);
    if (u.protocol === "file:" && u.pathname.endsWith("/")) u.pathname += "index.html";
    return u.href;
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }

  var setupCount = 0;

  function setup(form) {
    var input = form.querySelector('input[type="search"]');
    var out = form.querySelector("[data-search-results]") ||
      (form.dataset.searchResults ? document.getElementById(form.dataset.searchResults) : null);
    if (!input || !out || form.dataset.searchReady) return;
    form.dataset.searchReady = "true";
    var id = "binome-search-" + setupCount++;
    var dir = form.getAttribute("data-search-index");
    var base = new URL(dir.endsWith("/") ? dir : dir + "/", document.baseURI).href;
    var ix = indexAt(base, form.getAttribute("data-search-version") || pageVersion());
    var text = function (key, fallback, n) {
      var s = form.getAttribute("data-search-" + key) || fallback;
      return s.replace("%d", String(n));
    };
    var seq = 0, timer = 0;

    function links() { return Array.from(out.querySelectorAll(".search-result a")); }

    function clear() {
      out.textContent = "";
      out.removeAttribute("aria-busy");
    }

    function count(n) {
      return n === 0 ? text("none", "No results", n) : n === 1 ? text("one", "1 result", n) : text("many", "%d results", n);
    }

    function item(h) {
      var li = el("li", "search-result");
      var a = el("a");
      a.href = pageURL(ix, base, h.url);
      a.appendChild(el("span", "search-result-title", h.title));
      if (h.section) a.appendChild(el("span", "search-result-section", h.section));
      li.appendChild(a);
      var p = el("p", "search-result-snippet");
      h.snippet.forEach(function (part) {
        p.appendChild(part.mark ? el("mark", "", part.text) : document.createTextNode(part.text));
      });
      li.appendChild(p);
      return li;
    }

    /* run searches for the input's value. The previous results stay until
       the best new one is loaded; it shows with the count, the others
       follow in order. From the keystroke until the last is shown the
       container is aria-busy, and the count has its class search-status
       only once they all show: a screen reader announces the whole list,
       and a test can wait for .search-status. */
    function run() {
      var q = input.value, mine = ++seq;
      if (!q.trim()) { clear(); return; }
      var fail = function (e) {
        if (mine !== seq) return;
        if (ix.stale(e)) { run(); return; }
        clear();
        out.appendChild(el("p", "search-status", text("error", "Search is not available", 0)));
      };
      ix.find(q).then(function (res) {
        if (mine !== seq) return;
        if (!res.total) { clear(); out.appendChild(el("p", "search-status", count(0))); return; }
        var status = el("p", "", count(res.total)), list = el("ol", "search-results"), hits = [], next = 0;
        list.id = id + "-list";
        res.hits.forEach(function (p, i) {
          p.then(function (h) {
            if (mine !== seq) return;
            hits[i] = h;
            if (i === 0) {
              clear();
              out.setAttribute("aria-busy", "true");
              out.appendChild(status);
              out.appendChild(list);
            }
            for (; next < res.hits.length && hits[next]; next++) list.appendChild(item(hits[next]));
            if (next === res.hits.length) {
              status.className = "search-status";
              out.removeAttribute("aria-busy");
            }
          }, fail);
        });
      }, fail);
    }

    // The results container always exists, unlike the list inside it: an
    // aria-controls naming a missing element is an accessibility error.
    if (!out.id) out.id = id + "-results";
    input.setAttribute("aria-controls", out.id);
    input.setAttribute("autocomplete", "off");
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(run, 100);
      ix.prefetch(input.value);
      // What shows is of an older query now.
      var s = out.querySelector(".search-status");
      if (s) s.removeAttribute("class");
      if (out.firstChild) out.setAttribute("aria-busy", "true");
    });

    function focusResult(i) {
      var ls = links();
      ls.forEach(function (a, j) { a.parentNode.classList.toggle("is-active", j === i); });
      if (i < 0) input.focus();
      else if (ls[i]) ls[i].focus();
    }

    function onKey(e) {
      var ls = links(), at = ls.indexOf(document.activeElement);
      if (e.key === "ArrowDown" && ls.length) {
        e.preventDefault();
        focusResult(Math.min(at + 1, ls.length - 1));
      } else if (e.key === "ArrowUp" && at >= 0) {
        e.preventDefault();
        focusResult(at - 1);
      } else if (e.key === "Enter" && e.target === input && ls.length) {
        e.preventDefault();
        ls[0].click();
      } else if (e.key === "Escape") {
        e.preventDefault();
        seq++;
        clearTimeout(timer);
        input.value = "";
        clear();
        input.focus();
      }
    }
    form.addEventListener("keydown", onKey);
    if (!form.contains(out)) out.addEventListener("keydown", onKey);

    var q = new URLSearchParams(window.location.search).get("q");
    if (q && !input.value) input.value = q;
    if (input.value) run();
  }

  function init() {
    document.querySelectorAll('form[role="search"][data-search-index]').forEach(setup);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
