"""Images pasted into rich text from another site are copied to this site on save, or the save is refused naming
each image that could not be copied; the fetch never reaches loopback or private addresses unless allowed."""

import base64
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.urls import reverse

from apps.core import remote_images
from apps.core.models import UploadedImage
from apps.news.models import Article
from tests.factories import ArticleFactory, content_admin, image_bytes
from tests.helpers import admin_form_data

pytestmark = pytest.mark.django_db

PHOTO = image_bytes("JPEG", (1200, 800))
HTML_PAGE = b"<html><body><script>alert(1)</script></body></html>"


class OtherSite(BaseHTTPRequestHandler):
    """Another site: a photograph, redirects, a page that is not an image, a missing one, a huge one."""

    routes = {
        "/photo.jpg": (200, {"Content-Type": "image/jpeg"}, PHOTO),
        "/second.png": (200, {"Content-Type": "image/png"}, image_bytes("PNG", (300, 200))),
        "/moved.jpg": (302, {"Location": "/photo.jpg"}, b""),
        "/to-private.jpg": (302, {"Location": "http://10.1.2.3/photo.jpg"}, b""),
        "/loop.jpg": (302, {"Location": "/loop.jpg"}, b""),
        "/page.jpg": (200, {"Content-Type": "image/jpeg"}, HTML_PAGE),
        "/huge.jpg": (200, {"Content-Type": "image/jpeg", "Content-Length": str(500 * 1024 * 1024)}, b""),
    }

    def do_GET(self):
        status, headers, body = self.routes.get(self.path, (404, {}, b"not found"))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        if "Content-Length" not in headers:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def other_site():
    server = ThreadingHTTPServer(("127.0.0.1", 0), OtherSite)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def loopback_allowed(settings):
    settings.REMOTE_IMAGE_ALLOWED_NETWORKS = ["127.0.0.0/8"]


def save_body(client, article, body):
    client.force_login(content_admin(username="paster"))
    url = reverse("admin:news_article_change", args=[article.pk])
    data = admin_form_data(client.get(url))
    data["body"] = body
    return client.post(url, data)


def test_an_image_pasted_from_another_site_is_copied_and_its_address_rewritten(
    client, media_root, other_site, loopback_allowed
):
    article = ArticleFactory()
    body = f'<p>转载</p><figure class="image"><img src="{other_site}/photo.jpg" alt="义诊现场"></figure>'

    response = save_body(client, article, body)

    assert response.status_code == 302
    copy = UploadedImage.objects.get()
    assert copy.source_url == f"{other_site}/photo.jpg"
    assert copy.uploaded_by.username == "paster"  # the library names who brought it in
    assert (copy.width, copy.height) == (1200, 800)
    article.refresh_from_db()
    assert other_site not in article.body
    assert f'<img src="{copy.image.url}" alt="义诊现场">' in article.body
    assert (media_root / copy.image.name).is_file()


def test_a_redirect_to_an_image_is_followed(client, media_root, other_site, loopback_allowed):
    article = ArticleFactory()

    assert save_body(client, article, f'<img src="{other_site}/moved.jpg">').status_code == 302

    assert UploadedImage.objects.count() == 1


def test_the_same_image_twice_is_copied_once(client, media_root, other_site, loopback_allowed):
    article = ArticleFactory()
    body = f'<img src="{other_site}/photo.jpg"><img src="{other_site}/photo.jpg">'

    assert save_body(client, article, body).status_code == 302

    assert UploadedImage.objects.count() == 1


def test_images_that_cannot_be_copied_refuse_the_save_naming_each_and_nothing_is_saved(
    client, media_root, other_site, loopback_allowed
):
    article = ArticleFactory(body="<p>原文</p>")
    body = (
        f'<img src="{other_site}/photo.jpg"><img src="{other_site}/missing.jpg">'
        f'<img src="{other_site}/page.jpg"><img src="{other_site}/huge.jpg">'
    )

    response = save_body(client, article, body)

    assert response.status_code == 200
    page = response.content.decode()
    assert "以下图片无法复制到本站，未保存" in page
    assert f"{other_site}/missing.jpg（对方网站拒绝提供（HTTP 404））" in page
    assert f"{other_site}/page.jpg（无法识别该文件为有效图片" in page
    assert f"{other_site}/huge.jpg（图片超过 25 MB）" in page
    article.refresh_from_db()
    assert article.body == "<p>原文</p>"


def test_a_redirect_to_a_private_address_is_refused(media_root, other_site, loopback_allowed):
    """The local "other site" is on loopback, allowed here; the private address it redirects to is not."""
    with pytest.raises(remote_images.FetchError, match="内部网络"):
        remote_images.fetch(f"{other_site}/to-private.jpg")


def test_redirects_are_limited(media_root, other_site, loopback_allowed):
    with pytest.raises(remote_images.FetchError, match="跳转次数过多"):
        remote_images.fetch(f"{other_site}/loop.jpg")


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:{port}/photo.jpg",
        "http://localhost:{port}/photo.jpg",
        "http://[::1]:{port}/photo.jpg",
        "http://10.0.0.1/photo.jpg",
        "http://192.168.1.1/photo.jpg",
        "http://172.16.0.1/photo.jpg",
        "http://169.254.169.254/latest/meta-data/",
        "http://100.64.0.1/photo.jpg",
        "http://224.0.0.1/photo.jpg",
        "http://0.0.0.0/photo.jpg",
        "http://[::ffff:127.0.0.1]:{port}/photo.jpg",
    ],
)
def test_loopback_private_link_local_and_multicast_addresses_are_refused_without_the_setting(
    media_root, other_site, url
):
    port = other_site.rsplit(":", 1)[1]

    with pytest.raises(remote_images.FetchError, match="内部网络"):
        remote_images.fetch(url.format(port=port))


@pytest.mark.parametrize("url", ["ftp://example.org/a.jpg", "file:///etc/passwd", "gopher://example.org/"])
def test_only_http_and_https_are_fetched(url):
    with pytest.raises(remote_images.FetchError, match="只能复制 http 或 https"):
        remote_images.fetch(url)


def test_without_the_setting_the_save_is_refused_and_nothing_is_fetched(client, media_root, other_site):
    article = ArticleFactory(body="<p>原文</p>")

    response = save_body(client, article, f'<img src="{other_site}/photo.jpg">')

    assert "该地址指向内部网络，不允许访问" in response.content.decode()
    assert not UploadedImage.objects.exists()
    article.refresh_from_db()
    assert article.body == "<p>原文</p>"


def test_a_pasted_inline_image_is_stored_too(client, media_root):
    article = ArticleFactory()
    encoded = base64.b64encode(image_bytes("PNG", (40, 30))).decode()

    assert save_body(client, article, f'<img src="data:image/png;base64,{encoded}" alt="图">').status_code == 302

    copy = UploadedImage.objects.get()
    article.refresh_from_db()
    assert f'<img src="{copy.image.url}" alt="图">' in article.body


def test_the_sites_own_images_are_not_fetched(client, media_root):
    article = ArticleFactory()
    own = "/media/editor/2026/01/" + "b" * 32 + ".jpg"

    assert save_body(client, article, f'<img src="{own}">').status_code == 302

    assert not UploadedImage.objects.exists()
    assert Article.objects.get(pk=article.pk).body == f'<img src="{own}">'
