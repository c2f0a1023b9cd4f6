"""Image upload from CKEditor: editors with the upload permission only, real images only, CSRF enforced."""

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from apps.core.models import UploadedImage
from tests.factories import (
    UserFactory,
    communications_editor,
    content_admin,
    image_bytes,
    jpeg_html_polyglot,
    noise_png,
    png_declaring,
    upload,
)

pytestmark = pytest.mark.django_db

UPLOAD_URL = "/ckeditor5/image-upload/"


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def stored_files(folder):
    return [path for path in folder.rglob("*") if path.is_file()] if folder.exists() else []


def post_image(client, content=None, name="photo.png"):
    content = image_bytes("PNG") if content is None else content
    return client.post(UPLOAD_URL, {"upload": upload(name, content)})


def test_the_url_is_the_one_ckeditor_is_configured_with():
    assert reverse(settings.CK_EDITOR_5_UPLOAD_FILE_VIEW_NAME) == UPLOAD_URL


@pytest.mark.parametrize("editor", [communications_editor, content_admin], ids=["宣传科", "内容管理员"])
def test_an_editor_with_the_upload_permission_gets_the_url_of_a_generated_name(client, media_root, editor):
    user = editor()
    client.force_login(user)

    response = post_image(client, name="我的照片 (1).png")

    assert response.status_code == 200
    url = response.json()["url"]
    assert re.fullmatch(r"/media/editor/\d{4}/\d{2}/[0-9a-f]{32}\.png", url)
    record = UploadedImage.objects.get()
    assert record.uploaded_by == user
    assert (record.width, record.height) == (800, 600)
    assert (media_root / url.removeprefix("/media/")).is_file()


def test_staff_without_the_upload_permission_is_refused(client, media_root):
    client.force_login(UserFactory())

    response = post_image(client)

    assert response.status_code == 403
    assert response.json() == {"error": {"message": "您没有上传图片的权限。"}}
    assert stored_files(media_root) == []


def test_a_visitor_is_refused(client, media_root):
    response = post_image(client)

    assert response.status_code == 403
    assert stored_files(media_root) == []


def test_an_account_with_the_permission_but_no_admin_access_is_refused(client, media_root):
    client.force_login(content_admin(is_staff=False, username="former-staff"))

    assert post_image(client).status_code == 403
    assert stored_files(media_root) == []


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "logo.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "无法识别该文件为有效图片",
        ),
        ("page.jpg", b"<html><script>alert(1)</script></html>", "无法识别该文件为有效图片"),
        ("photo.jpg", jpeg_html_polyglot(), "图片文件中夹带了网页代码"),
        ("photo.jpg", image_bytes("JPEG")[:-600], "无法识别该文件为有效图片"),
        ("bomb.png", png_declaring(60_000, 60_000), "图片尺寸过大，无法处理"),
        ("scan.tif", image_bytes("TIFF"), "只接受 JPEG、PNG、WebP 或 GIF 格式的图片。"),
    ],
    ids=["svg", "html", "polyglot", "truncated", "bomb", "tiff"],
)
def test_a_bad_file_gets_a_chinese_message_and_leaves_no_file(client, media_root, name, content, message):
    client.force_login(content_admin())

    response = post_image(client, content, name)

    assert response.status_code == 400
    assert message in response.json()["error"]["message"]
    assert not UploadedImage.objects.exists()
    assert stored_files(media_root) == []


def test_a_file_over_the_byte_limit_gets_a_chinese_message(client, media_root, settings):
    settings.MAX_IMAGE_UPLOAD_BYTES = 1024 * 1024
    client.force_login(content_admin())

    response = post_image(client, noise_png((600, 600)), "big.png")

    assert response.status_code == 400
    assert "图片文件太大（1.0 MB），请上传不超过 1 MB 的图片。" in response.json()["error"]["message"]
    assert stored_files(media_root) == []


def test_a_request_without_a_file_gets_a_chinese_message(client, media_root):
    client.force_login(content_admin())

    response = client.post(UPLOAD_URL, {})

    assert response.status_code == 400
    assert response.json()["error"]["message"] == "没有收到图片文件，请重新选择。"


def test_only_post_is_answered(client):
    client.force_login(content_admin())

    assert client.get(UPLOAD_URL).status_code == 405


def test_csrf_is_enforced(media_root):
    """CKEditor sends the CSRF cookie's value in X-CSRFToken; without it the upload is refused."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(content_admin())

    refused = post_image(client)
    assert refused.status_code == 403
    assert stored_files(media_root) == []

    client.get(reverse("admin:index"))  # the admin sets the CSRF cookie, as when the editor opens a page
    token = client.cookies[settings.CSRF_COOKIE_NAME].value
    accepted = client.post(
        UPLOAD_URL, {"upload": upload("photo.png", image_bytes("PNG"))}, headers={"X-CSRFToken": token}
    )
    assert accepted.status_code == 200
    assert len(stored_files(media_root)) == 1
