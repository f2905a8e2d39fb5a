/* The profiles directory: filters the server-rendered cards by facets
   (AND across facets, OR within one) and by text, keeps the choice in the
   query string (?role=mentor&languages=en&q=excel) so a filtered view can
   be shared, restores it on load, updates the counts beside each option
   and announces how many people are shown. Matches show data-page-size at
   a time, with a button for more: laying out thousands of cards at once
   is slow, and nobody scrolls through them. Without this script the page
   shows everyone and hides the controls. */
(function () {
  "use strict";
  var form = document.querySelector("[data-directory-filters]");
  var list = document.querySelector("[data-directory-list]");
  if (!form || !list) return;
  var status = document.querySelector("[data-directory-status]");
  var empty = document.querySelector("[data-directory-empty]");
  var text = form.querySelector("[data-directory-text]");
  var more = document.querySelector("[data-directory-more]");
  var moreButton = more && more.querySelector("button");
  var pageSize = parseInt(list.getAttribute("data-page-size"), 10) || 0; /* 0: all */
  var limit = pageSize;

  /* Accent- and case-insensitive text: "Équipe" finds "equipe". */
  function fold(s) {
    return (s || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function datasetKey(name) {
    return name.replace(/_([a-z])/g, function (_, c) { return c.toUpperCase(); });
  }

  var facets = Array.prototype.map.call(form.querySelectorAll("[data-facet]"), function (el) {
    var name = el.getAttribute("data-facet");
    return {
      name: name,
      key: datasetKey(name),
      el: el,
      boxes: Array.prototype.slice.call(el.querySelectorAll("input[type=checkbox]"))
    };
  });

  var cards = Array.prototype.map.call(list.children, function (li) {
    var values = {};
    facets.forEach(function (f) {
      var raw = li.dataset[f.key] || "";
      values[f.name] = raw === "" ? [] : raw.split("|");
    });
    return { el: li, values: values, text: fold(li.textContent) };
  });

  function selected() {
    var s = {};
    facets.forEach(function (f) {
      s[f.name] = f.boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
    });
    return s;
  }

  function matchesFacet(card, name, wanted) {
    if (!wanted.length) return true;
    var have = card.values[name];
    for (var i = 0; i < wanted.length; i++) {
      if (have.indexOf(wanted[i]) >= 0) return true;
    }
    return false;
  }

  function matchesText(card, words) {
    for (var i = 0; i < words.length; i++) {
      if (card.text.indexOf(words[i]) < 0) return false;
    }
    return true;
  }

  /* Languages disagree on the singular (French says "0 personne"), so
     the page carries the texts for 0 and 1 and a template for the rest. */
  function countText(n) {
    if (n === 0 && status.hasAttribute("data-text-zero")) return status.getAttribute("data-text-zero");
    if (n === 1 && status.hasAttribute("data-text-one")) return status.getAttribute("data-text-one");
    return (status.getAttribute("data-template-many") || "%d").replace("%d", String(n));
  }

  /* keep is true when the reader asked for more: a new filter starts
     again from the first page of matches. */
  function apply(keep) {
    if (!keep) limit = pageSize;
    var sel = selected();
    var words = fold(text ? text.value : "").split(/\s+/).filter(Boolean);
    var shown = 0, matched = 0;
    /* Counts beside an option say how many cards it would show given the
       other facets, the way faceted search usually reads. */
    var counts = {};
    facets.forEach(function (f) { counts[f.name] = {}; });

    cards.forEach(function (card) {
      var okText = matchesText(card, words);
      var failed = [];
      facets.forEach(function (f) {
        if (!matchesFacet(card, f.name, sel[f.name])) failed.push(f.name);
      });
      var visible = okText && failed.length === 0;
      if (visible) matched++;
      if (limit && matched > limit) visible = false;
      card.el.hidden = !visible;
      if (visible) shown++;
      if (!okText || failed.length > 1) return;
      facets.forEach(function (f) {
        if (failed.length === 1 && failed[0] !== f.name) return;
        card.values[f.name].forEach(function (v) {
          counts[f.name][v] = (counts[f.name][v] || 0) + 1;
        });
      });
    });

    facets.forEach(function (f) {
      f.boxes.forEach(function (b) {
        var n = counts[f.name][b.value] || 0;
        var label = b.closest("label");
        var count = label && label.querySelector(".facet-count");
        if (count) count.textContent = String(n);
        if (label) label.classList.toggle("is-empty", n === 0 && !b.checked);
      });
      var summary = f.el.querySelector("summary");
      if (summary) {
        var badge = summary.querySelector(".count-selected");
        if (!badge) {
          badge = document.createElement("span");
          badge.className = "count-selected";
          summary.appendChild(badge);
        }
        badge.textContent = sel[f.name].length ? String(sel[f.name].length) : "";
      }
    });

    if (status) {
      status.textContent = shown === matched ? countText(shown) :
        (status.getAttribute("data-template-of") || "%d / %d").replace("%d", String(shown)).replace("%d", String(matched));
    }
    if (empty) empty.hidden = matched !== 0;
    if (more) {
      more.hidden = shown === matched;
      moreButton.textContent = (moreButton.getAttribute("data-template") || "%d").replace("%d", String(Math.min(pageSize, matched - shown)));
    }
    save(sel);
  }

  function save(sel) {
    var params = new URLSearchParams(window.location.search);
    facets.forEach(function (f) { params.delete(f.name); });
    params.delete("q");
    facets.forEach(function (f) {
      sel[f.name].forEach(function (v) { params.append(f.name, v); });
    });
    if (text && text.value.trim()) params.set("q", text.value.trim());
    var query = params.toString();
    var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    try { history.replaceState(null, "", url); } catch (e) { /* file:// in some browsers */ }
  }

  function restore() {
    var params = new URLSearchParams(window.location.search);
    facets.forEach(function (f) {
      var wanted = params.getAll(f.name);
      f.boxes.forEach(function (b) { b.checked = wanted.indexOf(b.value) >= 0; });
      if (wanted.length) f.el.open = true;
    });
    if (text) text.value = params.get("q") || "";
  }

  var pending = 0;
  function schedule() {
    if (pending) return;
    pending = window.requestAnimationFrame(function () { pending = 0; apply(); });
  }

  if (moreButton) {
    moreButton.addEventListener("click", function () {
      var next = cards.filter(function (c) { return !c.el.hidden; }).length;
      limit += pageSize;
      apply(true);
      /* Keyboard and screen-reader users land on the first new card. */
      var shownCards = cards.filter(function (c) { return !c.el.hidden; });
      var link = shownCards[next] && shownCards[next].el.querySelector("a");
      if (link) link.focus();
    });
  }

  form.addEventListener("change", schedule);
  form.addEventListener("input", schedule);
  form.addEventListener("submit", function (e) { e.preventDefault(); apply(); });
  form.addEventListener("reset", function () {
    /* The reset event fires before the controls are cleared. */
    window.setTimeout(apply, 0);
  });

  restore();
  apply();
})();
