"""Images and files in a real browser: a camera's photograph uploaded into CKEditor is scaled and asked for its
text alternative; an article pasted with another site's image gets a copy; an image is inserted from the media
library; a PDF attached in the admin is downloaded from the public page."""

import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from playwright.sync_api import expect

from apps.core.models import UploadedImage
from apps.media.models import Attachment
from apps.news.models import Article
from tests.browser.ckeditor import Editor
from tests.conftest import DESKTOP
from tests.factories import PASSWORD, ArticleFactory, communications_editor, image_bytes, pdf_bytes, upload

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHOTO = image_bytes("JPEG", (900, 600), color=(200, 60, 40))


class OtherSite(BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200 if self.path == "/wechat/photo.jpg" else 404)
        self.send_header("Content-Type", "image/jpeg")
        self.send_header("Content-Length", str(len(PHOTO)))
        self.end_headers()
        self.wfile.write(PHOTO)

    def log_message(self, *args):
        pass


@pytest.fixture
def other_site(settings):
    settings.REMOTE_IMAGE_ALLOWED_NETWORKS = ["127.0.0.0/8"]
    server = ThreadingHTTPServer(("127.0.0.1", 0), OtherSite)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def editor_page(page, live_server, settings, tmp_path):
    """A 宣传科 editor logged in; returns a function opening an article's change page."""
    settings.MEDIA_ROOT = tmp_path / "media"
    communications_editor(username="media-editor")
    page.set_viewport_size(DESKTOP)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "media-editor")
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("input[type=submit]")

    def open_article(article):
        page.goto(f"{live_server.url}/admin/news/article/{article.pk}/change/")
        editor = Editor(page, page.locator(".field-body"))
        expect(editor.editable).to_be_visible()
        return editor

    return open_article


def save(page):
    with page.expect_navigation():
        page.click('input[name="_save"]')
    expect(page.locator(".messagelist .success")).to_be_visible()


def test_a_6000_by_4000_photograph_is_accepted_scaled_and_asked_for_its_text_alternative(page, editor_page):
    article = ArticleFactory(body="<p>正文</p>")
    editor = editor_page(article)
    editor.editable.click()
    page.keyboard.press("Control+End")

    editor.toolbar.locator("input[type=file]").set_input_files(
        files=[{"name": "IMG_0001.JPG", "mimeType": "image/jpeg", "buffer": image_bytes("JPEG", (6000, 4000))}]
    )
    expect(editor.editable.locator('img[src*="/media/editor/"]')).to_have_count(1, timeout=30_000)
    alt_input = page.locator(".ck-text-alternative-form input")
    expect(alt_input).to_be_visible()  # asked at once, without looking for the image toolbar
    alt_input.fill("新院区全景")
    alt_input.press("Enter")
    expect(alt_input).to_be_hidden()
    save(page)

    image = UploadedImage.objects.get()
    assert (image.width, image.height) == (2560, 1707)
    assert re.search(
        rf'<img[^>]* src="{image.image.url}"[^>]* alt="新院区全景"', Article.objects.get(pk=article.pk).body
    )


def test_an_article_pasted_with_another_sites_image_gets_its_own_copy(page, editor_page, other_site, live_server):
    article = ArticleFactory(body="<p>正文</p>")
    editor = editor_page(article)
    editor.editable.click()
    pasted = f'<p>转载的文章</p><p><img src="{other_site}/wechat/photo.jpg" alt="义诊现场"></p>'
    editor.editable.evaluate(
        """(element, html) => {
            const data = new DataTransfer();
            data.setData("text/html", html);
            element.dispatchEvent(new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true}));
        }""",
        pasted,
    )
    expect(editor.editable.locator("img")).to_have_count(1)
    save(page)

    copy = UploadedImage.objects.get()
    body = Article.objects.get(pk=article.pk).body
    assert other_site not in body
    assert copy.image.url in body
    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    shown = page.locator(".article-body img")
    expect(shown).to_have_attribute("srcset", re.compile(r"/media/renditions/.+\.webp 320w"))
    expect(shown).to_have_attribute("alt", "义诊现场")
    expect(shown).to_have_attribute("loading", "lazy")


def test_an_image_is_inserted_into_the_body_from_the_library(page, editor_page):
    library = UploadedImage(
        image=upload("p.png", image_bytes("PNG", (640, 480))), title="门诊楼", alt_text="门诊楼外景"
    )
    library.full_clean()
    library.save()
    article = ArticleFactory(body="<p>正文</p>")
    editor = editor_page(article)
    editor.editable.click()

    with page.expect_popup() as popup_info:
        page.get_by_role("link", name="从图片库插入图片").click()
    popup = popup_info.value
    popup.wait_for_load_state()
    with popup.expect_event("close"):
        popup.get_by_role("link", name="门诊楼", exact=True).click()
    expect(editor.editable.locator(f'img[src="{library.image.url}"]')).to_have_count(1)
    save(page)

    body = Article.objects.get(pk=article.pk).body
    assert re.search(rf'<img[^>]* src="{library.image.url}"[^>]* alt="门诊楼外景"', body), body
    assert UploadedImage.objects.count() == 1


def test_a_pdf_attached_in_the_admin_is_downloaded_from_the_article(page, editor_page, live_server, tmp_path):
    article = ArticleFactory(title="2026年公开招聘公告")
    editor_page(article)
    page.get_by_role("button", name="添加另一个 附件").click()
    page.fill("#id_media-attachment-content_type-object_id-0-title", "招聘岗位一览表")
    path = tmp_path / "岗位表.pdf"
    path.write_bytes(pdf_bytes())
    page.set_input_files("#id_media-attachment-content_type-object_id-0-file", str(path))
    save(page)
    assert Attachment.objects.get().kind == "pdf"
    page.context.clear_cookies()

    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    link = page.get_by_role("link", name="招聘岗位一览表")
    expect(page.locator(".attachments")).to_contain_text("PDF")
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename == "招聘岗位一览表.pdf"
    assert download.path().read_bytes() == pdf_bytes()
