/* The theme's behaviour on every page: colour theme toggle, navigation
   drawer on small screens, current heading in the table of contents, and
   open <details> before printing. No dependency; each part does nothing
   when its markup is absent. */
(function () {
  "use strict";
  var root = document.documentElement;
  var KEY = "binome-theme";

  /* Colour theme: the button flips between light and dark, starting from
     what is shown now (the stored choice, else the system preference). */
  var toggle = document.querySelector("[data-theme-toggle]");
  var system = window.matchMedia("(prefers-color-scheme: dark)");
  function current() {
    return root.getAttribute("data-theme") || (system.matches ? "dark" : "light");
  }
  /* The button is a toggle for "dark theme": its name stays, its
     pressed state says whether dark is on. */
  function label() {
    if (toggle) toggle.setAttribute("aria-pressed", current() === "dark" ? "true" : "false");
  }
  if (toggle) {
    toggle.addEventListener("click", function () {
      var next = current() === "dark" ? "light" : "dark";
      root.setAttribute("data-theme", next);
      try { localStorage.setItem(KEY, next); } catch (e) { /* not persisted */ }
      label();
    });
    if (system.addEventListener) system.addEventListener("change", label);
    label();
  }

  /* Navigation drawer on small screens. */
  var navButton = document.querySelector("[data-nav-toggle]");
  var nav = document.getElementById("site-nav");
  if (navButton && !nav) navButton.hidden = true;
  if (navButton && nav) {
    var backdrop = null;
    var setOpen = function (open) {
      navButton.setAttribute("aria-expanded", open ? "true" : "false");
      if (open) {
        nav.setAttribute("data-open", "");
        backdrop = document.createElement("div");
        backdrop.className = "nav-backdrop";
        backdrop.addEventListener("click", function () { setOpen(false); });
        document.body.appendChild(backdrop);
        var link = nav.querySelector("[aria-current=page]") || nav.querySelector("a");
        if (link) link.focus();
      } else {
        nav.removeAttribute("data-open");
        if (backdrop) backdrop.remove();
        backdrop = null;
      }
    };
    navButton.addEventListener("click", function () {
      setOpen(navButton.getAttribute("aria-expanded") !== "true");
    });
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && nav.hasAttribute("data-open")) {
        setOpen(false);
        navButton.focus();
      }
    });
  }

  /* Table of contents: mark the heading being read. A heading counts as
     read from when it reaches the top third of the window. */
  var tocLinks = Array.prototype.slice.call(document.querySelectorAll(".toc a[href^='#']"));
  if (tocLinks.length && "IntersectionObserver" in window) {
    var byId = {};
    var headings = [];
    tocLinks.forEach(function (a) {
      var id = decodeURIComponent(a.getAttribute("href").slice(1));
      var h = document.getElementById(id);
      if (h) { byId[id] = a; headings.push(h); }
    });
    var visible = {};
    var mark = function () {
      var active = null;
      for (var i = 0; i < headings.length; i++) {
        if (visible[headings[i].id]) { active = headings[i].id; break; }
      }
      if (!active) {
        /* Between headings: the last one above the viewport is current. */
        for (var j = headings.length - 1; j >= 0; j--) {
          if (headings[j].getBoundingClientRect().top < 0) { active = headings[j].id; break; }
        }
      }
      tocLinks.forEach(function (a) { a.removeAttribute("aria-current"); });
      if (active && byId[active]) byId[active].setAttribute("aria-current", "location");
    };
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) { visible[entry.target.id] = entry.isIntersecting; });
      mark();
    }, { rootMargin: "0px 0px -66% 0px" });
    headings.forEach(function (h) { observer.observe(h); });
  }

  /* Printing shows what folded <details> hide. */
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details:not([open])").forEach(function (d) {
      d.setAttribute("open", "");
      d.setAttribute("data-print-opened", "");
    });
  });
  window.addEventListener("afterprint", function () {
    document.querySelectorAll("details[data-print-opened]").forEach(function (d) {
      d.removeAttribute("open");
      d.removeAttribute("data-print-opened");
    });
  });
})();
