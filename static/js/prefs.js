// Runs before the page is painted: marks that script runs, and applies the saved text size (适老化大字版).
(function () {
  var root = document.documentElement;
  // Controls that work by script (the text-size button) are shown only where script runs.
  root.classList.add("js");
  try {
    if (window.localStorage.getItem("textSize") === "large") {
      root.classList.add("large-text");
    }
  } catch (e) { /* storage blocked: stay at the standard size */ }
})();
