/* Draws the page's math with KaTeX, shipped with the theme (katex/):
   each element of class "math" holds TeX as written, which stays shown
   as it is without script, or when KaTeX cannot read it. */
(function () {
  if (!window.katex) return;
  document.querySelectorAll(".math").forEach(function (el) {
    var tex = el.textContent;
    try {
      window.katex.render(tex, el, {
        displayMode: el.classList.contains("math-display"),
        throwOnError: false,
        output: "htmlAndMathml"
      });
      el.setAttribute("data-tex", tex);
    } catch (e) {
      el.textContent = tex;
    }
  });
})();
