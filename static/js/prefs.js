// Applies the visitor's saved text size before the page is painted (适老化大字版).
(function () {
  try {
    if (window.localStorage.getItem("textSize") === "large") {
      document.documentElement.classList.add("large-text");
    }
  } catch (e) { /* storage blocked: stay at the standard size */ }
})();
