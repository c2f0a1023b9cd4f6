// Progressive enhancements for public pages. Every page works without this file.
(function () {
  "use strict";
  var root = document.documentElement;

  function bindTextSizeToggle(button) {
    button.hidden = false;
    button.setAttribute("aria-pressed", root.classList.contains("large-text") ? "true" : "false");
    button.addEventListener("click", function () {
      var large = root.classList.toggle("large-text");
      button.setAttribute("aria-pressed", large ? "true" : "false");
      try {
        window.localStorage.setItem("textSize", large ? "large" : "normal");
      } catch (e) { /* storage blocked: the choice lasts for this page only */ }
    });
  }

  function init() {
    document.querySelectorAll("[data-text-size-toggle]").forEach(bindTextSizeToggle);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
