// Rich-text fields in the admin: insert an image from the media library (图片库), and ask for the text
// alternative of every image as soon as it is uploaded or inserted.
(function () {
  "use strict";

  const LIBRARY_MARK = "libraryInsert";

  function askForTextAlternative(editor) {
    // The image just inserted is selected: open its 替换文本 form, as the image toolbar's button does.
    window.setTimeout(function () {
      const element = editor.model.document.selection.getSelectedElement();
      if (element && element.name.startsWith("image") && !element.getAttribute("alt")) {
        editor.ui.componentFactory.create("imageTextAlternative").fire("execute");
      }
    }, 0);
  }

  function watchUploads(editor) {
    if (editor.plugins.has("ImageUploadEditing")) {
      editor.plugins.get("ImageUploadEditing").on("uploadComplete", function () {
        askForTextAlternative(editor);
      });
    }
  }

  function insertFromLibrary(target, imageId) {
    const editor = window.editors && window.editors[target.dataset[LIBRARY_MARK]];
    if (!editor) {
      return;
    }
    const url = target.dataset.infoUrl + "?id=" + encodeURIComponent(imageId);
    fetch(url, { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
      .then(function (image) {
        editor.model.change(function () {
          editor.execute("insertImage", { source: [{ src: image.url, alt: image.alt }] });
        });
        editor.editing.view.focus();
        askForTextAlternative(editor);
      });
  }

  // The library's list opens as the admin's lookup popup; a choice comes back through this function
  // (defined by the admin's RelatedObjectLookups.js, which may load after this file).
  function wrapLookup() {
    const dismissLookup = window.dismissRelatedLookupPopup;
    window.dismissRelatedLookupPopup = function (win, chosenId) {
      const target = document.getElementById(win.name.replace(/__\d+$/, ""));
      if (target && target.dataset[LIBRARY_MARK]) {
        win.close();
        insertFromLibrary(target, chosenId);
        return;
      }
      dismissLookup(win, chosenId);
    };
  }

  document.addEventListener("DOMContentLoaded", function () {
    wrapLookup();
    // The editors are made asynchronously by django-ckeditor-5; each is watched once it exists.
    document.querySelectorAll(".ck-editor-container textarea").forEach(function (textarea) {
      let tries = 0;
      const timer = window.setInterval(function () {
        const editor = window.editors && window.editors[textarea.id];
        if (editor || ++tries > 100) {
          window.clearInterval(timer);
          if (editor) {
            watchUploads(editor);
          }
        }
      }, 100);
    });
  });
})();
