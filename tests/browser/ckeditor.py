"""Writing in CKEditor 5 as a person does, through its toolbar and the keyboard, for the browser tests."""

from playwright.sync_api import expect

from tests.factories import image_bytes


class Editor:
    """One CKEditor field of an admin form (`field`: the form row holding it)."""

    def __init__(self, page, field):
        self.page = page
        self.toolbar = field.locator(".ck-toolbar")
        self.editable = field.locator(".ck-editor__editable")

    def heading(self, text):
        """A 标题 2 heading, then a new paragraph."""
        self.toolbar.locator('button[data-cke-tooltip-text="标题"]').click()
        self.page.locator(".ck-heading-dropdown .ck-list__item button", has_text="标题 2").click()
        self.page.keyboard.type(text)
        self.page.keyboard.press("Enter")

    def bulleted_list(self, *items):
        """A bulleted list of the items, ended by an empty item as a writer ends one."""
        self.toolbar.locator('button.ck-splitbutton__action[data-cke-tooltip-text="项目符号列表"]').click()
        for item in items:
            self.page.keyboard.type(item)
            self.page.keyboard.press("Enter")
        self.page.keyboard.press("Enter")

    def paragraph_with_link(self, text, url):
        """`text` typed as a paragraph, its last four characters made a link to `url`, then a new paragraph."""
        self.page.keyboard.type(text)
        for _ in range(4):
            self.page.keyboard.press("Shift+ArrowLeft")
        self.toolbar.locator('button[data-cke-tooltip-text^="超链接"]').click()
        # The link form has two fields: the text shown (already the selection) and the address.
        url_input = self.page.locator(".ck-link-form .ck-labeled-field-view", has_text="链接网址").locator("input")
        expect(url_input).to_be_visible()
        url_input.fill(url)
        url_input.press("Enter")
        link = self.editable.locator(f'a[href="{url}"]')
        expect(link).to_have_text(text[-4:])
        # A click after the end of the line puts the caret there with nothing selected, as a writer
        # would; Enter then starts a new paragraph. (Keys pressed while the link balloon still held
        # the focus left the link text selected, and an image inserted next replaced it.)
        line = self.editable.locator("p", has=self.page.locator(f'a[href="{url}"]'))
        box = line.bounding_box()
        line.click(position={"x": box["width"] - 4, "y": box["height"] / 2})
        # The editor takes the browser's selection into its own a moment later: until then, Enter
        # would replace the link text it still holds selected.
        self.page.wait_for_function(
            "(element) => document.getSelection().isCollapsed"
            " && element.ckeditorInstance.model.document.selection.isCollapsed",
            arg=self.editable.element_handle(),
        )
        self.page.keyboard.press("Enter")
        expect(self.editable.locator("p").last).to_have_text("")
        expect(link).to_have_text(text[-4:])

    def upload_image(self, name, size, alt=""):
        """A PNG of `size` through the toolbar's image button, shown in the text once the upload is done.

        The editor then asks for the image's text alternative: `alt` is typed in, or the question is
        dismissed with Esc when there is none.
        """
        self.toolbar.locator("input[type=file]").set_input_files(
            files=[{"name": name, "mimeType": "image/png", "buffer": image_bytes("PNG", size)}]
        )
        expect(self.editable.locator('img[src*="/media/editor/"]')).to_have_count(1, timeout=15_000)
        alt_input = self.page.locator(".ck-text-alternative-form input")
        expect(alt_input).to_be_visible()
        if alt:
            alt_input.fill(alt)
        alt_input.press("Enter" if alt else "Escape")
        expect(alt_input).to_be_hidden()
