// Admin, Excel export page: the "全选" box checks or clears every column's box.
// django-import-export wires it with an inline onchange attribute, which the admin's
// Content-Security-Policy blocks; this file does the same from a static script.
(function () {
  "use strict";

  function init() {
    document.querySelectorAll("input.select-toggle").forEach(function (toggle) {
      toggle.addEventListener("change", function () {
        document
          .querySelectorAll('.selectable-field-export-row input[type="checkbox"]')
          .forEach(function (checkbox) {
            if (checkbox !== toggle) {
              checkbox.checked = toggle.checked;
            }
          });
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
