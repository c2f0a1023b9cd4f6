// Admin, news article form: warns before leaving the page with unsaved changes.
// Armed by any edit (fields, and the CKEditor body, which changes its textarea without events);
// disarmed when the form is submitted.
(function () {
  "use strict";

  function init() {
    var form = document.getElementById("article_form");
    if (!form) {
      return;
    }
    var dirty = false;
    function arm() { dirty = true; }

    form.addEventListener("input", arm);
    form.addEventListener("change", arm);
    form.addEventListener("submit", function () { dirty = false; });

    function watchEditor(editor) {
      editor.model.document.on("change:data", arm);
    }
    form.querySelectorAll("textarea.django_ckeditor_5").forEach(function (textarea) {
      if (window.editors && window.editors[textarea.id]) {
        watchEditor(window.editors[textarea.id]);
      } else if (typeof window.ckeditorRegisterCallback === "function") {
        window.ckeditorRegisterCallback(textarea.id, watchEditor);
      }
    });

    window.addEventListener("beforeunload", function (event) {
      if (!dirty) {
        return undefined;
      }
      event.preventDefault();
      event.returnValue = "";
      return "";
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
