// Admin, CKEditor 5: CKEditor's Chinese calls every caption a table's ("打开表标题"); on this site only
// images have captions, so the caption button and placeholder say so. Runs on DOMContentLoaded,
// after CKEditor's translation file has loaded and before the editors are created.
(function () {
  "use strict";

  document.addEventListener("DOMContentLoaded", function () {
    var translations = window.CKEDITOR_TRANSLATIONS && window.CKEDITOR_TRANSLATIONS["zh-cn"];
    if (!translations || !translations.dictionary) {
      return;
    }
    Object.assign(translations.dictionary, {
      "Toggle caption on": "添加图片说明",
      "Toggle caption off": "去掉图片说明",
      "Enter image caption": "输入图片说明（显示在图片下方，与替换文本不同）"
    });
  });
})();
