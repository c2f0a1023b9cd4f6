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

  // The menu is a <details>: it opens and closes without this. Script adds Escape to close it, closes it
  // when a tap lands outside, and keeps it open on wide screens for browsers without ::details-content.
  function bindMenu(menu) {
    var summary = menu.querySelector("summary");
    var wide = window.matchMedia("(min-width: 960px)");
    function fit() { menu.open = wide.matches; }
    fit();
    wide.addEventListener("change", fit);
    menu.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && menu.open && !wide.matches) {
        menu.open = false;
        summary.focus();
      }
    });
    document.addEventListener("click", function (event) {
      if (menu.open && !wide.matches && !menu.contains(event.target)) {
        menu.open = false;
      }
    });
  }

  function init() {
    document.querySelectorAll("[data-text-size-toggle]").forEach(bindTextSizeToggle);
    document.querySelectorAll("[data-site-menu]").forEach(bindMenu);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
