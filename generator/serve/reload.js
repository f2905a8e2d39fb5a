// Live reload for `binome serve`, added to every page it serves.
//
// It listens to the server's events (/__binome/events):
//   reload {pages, styles, goto}  a build succeeded: swap the stylesheets
//                                 when only they changed, else go to the
//                                 changed page, else reload this one;
//   error {errors: [{text}]}      a build failed: show the errors over the
//                                 page until the next good build.
(function () {
  "use strict";
  if (window.__binomeReload) return; // the page was injected twice
  window.__binomeReload = true;

  var OVERLAY = "__binome-errors";
  var broken = false; // the last build failed: the page shows an old site
  var lost = false;   // the connection dropped: the server may have restarted

  // The build this page comes from: the server reloads a page that
  // connects after a newer build, whose reload it did not hear.
  var script = document.currentScript;
  var build = script && script.getAttribute("data-build");
  var events = new EventSource("/__binome/events" + (build ? "?build=" + encodeURIComponent(build) : ""));

  events.addEventListener("reload", function (e) {
    var d = JSON.parse(e.data);
    if (broken) {
      location.reload();
      return;
    }
    if (d.styles && d.styles.length && !(d.pages && d.pages.length)) {
      swapStyles(d.styles);
      return;
    }
    if (d.goto && d.goto !== location.pathname) {
      location.assign(d.goto);
      return;
    }
    location.reload();
  });

  events.addEventListener("error", function (e) {
    // EventSource also fires "error" when the connection drops; only the
    // server's event has data.
    if (typeof e.data !== "string") {
      lost = true;
      return;
    }
    broken = true;
    showErrors(JSON.parse(e.data).errors || []);
  });

  events.addEventListener("open", function () {
    if (lost) location.reload(); // whatever was built meanwhile is not here
  });

  // key names a stylesheet without its fingerprint, so the new file of an
  // old link is found: /css/main.1a2b3c.css and /css/main.9f8e7d.css are
  // both /css/main.css.
  function key(path) {
    return path.replace(/\.[0-9a-f]{4,64}(\.css)$/i, "$1");
  }

  function swapStyles(styles) {
    var swapped = 0;
    styles.forEach(function (url) {
      var k = key(url);
      var same = [].filter.call(document.querySelectorAll('link[rel~="stylesheet"]'), function (l) {
        var href = new URL(l.href, location.href);
        return href.origin === location.origin && key(href.pathname) === k;
      });
      same.forEach(function (old) {
        // A link already replaced by a swap still loading: its
        // replacement is the one to swap, or the page ends with two.
        if (old.__binomeOld) return;
        old.__binomeOld = true;
        var link = old.cloneNode();
        // Same name (no fingerprint): make the browser fetch it again.
        link.href = new URL(old.href, location.href).pathname === url ? url + "?t=" + Date.now() : url;
        // Once the new sheet applies, drop every sheet it replaces, also
        // those of an earlier swap that was still loading: no flash.
        link.onload = link.onerror = function () {
          same.forEach(function (l) { if (l.__binomeOld) l.remove(); });
        };
        old.after(link);
        swapped++;
      });
    });
    if (!swapped) location.reload();
  }

  function showErrors(errors) {
    hideErrors();
    var box = document.createElement("div");
    box.id = OVERLAY;
    box.setAttribute("role", "alert");
    box.style.cssText =
      "position:fixed;inset:0;z-index:2147483647;overflow:auto;box-sizing:border-box;" +
      "padding:2rem;background:rgba(24,24,27,.96);color:#f4f4f5;text-align:left;" +
      "font:15px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;";

    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "Dismiss ×";
    close.setAttribute("aria-label", "Dismiss the build errors");
    close.style.cssText =
      "float:right;font:inherit;padding:.25rem .75rem;cursor:pointer;" +
      "color:#18181b;background:#f4f4f5;border:0;border-radius:4px;";
    close.onclick = hideErrors;
    box.appendChild(close);

    var title = document.createElement("h2");
    title.textContent = errors.length === 1 ? "The build failed: 1 error" :
      "The build failed: " + errors.length + " errors";
    title.style.cssText = "margin:0 0 1rem;font:inherit;font-weight:bold;color:#fca5a5;";
    box.appendChild(title);

    errors.forEach(function (err) {
      var pre = document.createElement("pre");
      pre.style.cssText = "margin:0 0 1rem;white-space:pre-wrap;font:inherit;";
      String(err.text).split("\n").forEach(function (line, i) {
        var span = document.createElement("span");
        span.textContent = (i ? "\n" : "") + line;
        if (/^\s*hint:/.test(line)) span.style.color = "#fde68a";
        pre.appendChild(span);
      });
      box.appendChild(pre);
    });

    var note = document.createElement("p");
    note.textContent = "Showing the last good build. Fix the files and save: this page reloads by itself.";
    note.style.cssText = "margin:0;color:#a1a1aa;";
    box.appendChild(note);

    (document.body || document.documentElement).appendChild(box);
    close.focus();
  }

  function hideErrors() {
    var box = document.getElementById(OVERLAY);
    if (box) box.remove();
  }

  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape") hideErrors();
  });
})();
