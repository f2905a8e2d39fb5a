/* Runs before the first paint, blocking on purpose (the only script that
   does): marks <html> with the js class, so what needs a script can stay
   hidden without one, and applies the colour theme the reader chose, so a
   dark page never flashes white. Without a stored choice the system
   preference applies through CSS alone. */
(function () {
  var root = document.documentElement;
  root.classList.add("js");
  try {
    var theme = localStorage.getItem("binome-theme");
    if (theme === "dark" || theme === "light") root.setAttribute("data-theme", theme);
  } catch (e) { /* storage may be disabled: follow the system */ }
})();
