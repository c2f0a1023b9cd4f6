"""A camera's photograph is accepted and scaled down instead of refused; an oversized upload is refused before
its body is read; images in rich text are shown as WebP renditions with their sizes, never the original."""

import re

import pytest
from django.template import Context, Template
from PIL import Image

from apps.core.models import UploadedImage
from tests.factories import content_admin, image_bytes, png_declaring, upload

pytestmark = pytest.mark.django_db

UPLOAD_URL = "/ckeditor5/image-upload/"


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def camera_jpeg(size=(6000, 4000)):
    return image_bytes("JPEG", size, quality=95)


def test_a_6000_by_4000_photograph_is_accepted_and_scaled_to_the_longest_edge_allowed(client, media_root, settings):
    settings.MAX_IMAGE_EDGE = 2560
    client.force_login(content_admin())

    response = client.post(UPLOAD_URL, {"upload": upload("IMG_0001.JPG", camera_jpeg())})

    assert response.status_code == 200, response.content
    record = UploadedImage.objects.get()
    assert (record.width, record.height) == (2560, 1707)
    with Image.open(media_root / record.image.name) as stored:
        assert stored.size == (2560, 1707)
        assert stored.format == "JPEG"


def test_a_portrait_photograph_is_scaled_on_its_long_edge(client, media_root, settings):
    settings.MAX_IMAGE_EDGE = 1000
    client.force_login(content_admin())

    assert client.post(UPLOAD_URL, {"upload": upload("p.png", image_bytes("PNG", (900, 3000)))}).status_code == 200

    record = UploadedImage.objects.get()
    assert (record.width, record.height) == (300, 1000)


def test_an_image_within_the_largest_size_keeps_its_size(client, media_root):
    client.force_login(content_admin())

    client.post(UPLOAD_URL, {"upload": upload("p.png", image_bytes("PNG", (1200, 900)))})

    assert (UploadedImage.objects.get().width, UploadedImage.objects.get().height) == (1200, 900)


def test_a_decompression_bomb_is_still_refused(client, media_root):
    client.force_login(content_admin())

    response = client.post(UPLOAD_URL, {"upload": upload("bomb.png", png_declaring(60_000, 60_000))})

    assert response.status_code == 400
    assert "图片尺寸过大" in response.json()["error"]["message"]
    assert not UploadedImage.objects.exists()


def test_an_upload_whose_length_is_over_the_cap_is_refused_unread(client, media_root, settings):
    settings.MAX_IMAGE_UPLOAD_BYTES = 1024 * 1024
    client.force_login(content_admin())
    body = b"x" * (2 * 1024 * 1024)

    class Unreadable:
        """A request body that fails the test if anything reads it."""

        def read(self, *args):
            raise AssertionError("the body was read")

        readline = read

    response = client.generic(
        "POST",
        UPLOAD_URL,
        data=b"",
        content_type="multipart/form-data; boundary=BoUnDaRy",
        CONTENT_LENGTH=str(len(body)),
        **{"wsgi.input": Unreadable()},
    )

    assert response.status_code == 413
    assert response.json()["error"]["message"] == "图片文件太大（2.0 MB），请上传不超过 1 MB 的图片。"
    assert not UploadedImage.objects.exists()


def test_the_length_check_does_not_lift_the_permission_check(client, media_root, settings):
    settings.MAX_IMAGE_UPLOAD_BYTES = 1024
    response = client.post(UPLOAD_URL, {"upload": upload("p.png", image_bytes("PNG"))})

    assert response.status_code == 403


def render(body):
    return Template("{% load portal %}{{ body|rich_text }}").render(Context({"body": body}))


def test_an_image_in_rich_text_is_shown_as_renditions_never_the_original(client, media_root):
    client.force_login(content_admin())
    url = client.post(UPLOAD_URL, {"upload": upload("p.jpg", image_bytes("JPEG", (2000, 1000)))}).json()["url"]
    body = (
        f'<figure class="image"><img src="{url}" alt="院区全景" width="2000" height="1000">'
        "<figcaption>新院区落成</figcaption></figure>"
    )

    html = render(body)

    assert url not in html
    image = re.search(r"<img [^>]+>", html).group(0)
    srcset = re.search(r' srcset="([^"]+)"', image).group(1)
    assert [candidate.split()[1] for candidate in srcset.split(", ")] == ["320w", "640w", "960w", "1280w"]
    assert all(candidate.split()[0].endswith(".webp") for candidate in srcset.split(", "))
    assert ' width="960" height="480"' in image
    assert ' alt="院区全景"' in image
    assert ' loading="lazy"' in image
    assert ' sizes="' in image
    assert "<figcaption>新院区落成</figcaption>" in html  # the caption stays apart from the text alternative


def test_other_images_in_rich_text_are_left_as_they_are(media_root):
    html = render('<p><img src="/static/img/logo.png" alt="标志"></p>')

    assert '<img src="/static/img/logo.png" alt="标志">' in html


def test_a_missing_original_leaves_the_image_as_it_was(media_root):
    missing = "/media/editor/2026/01/" + "a" * 32 + ".jpg"

    html = render(f'<img src="{missing}" alt="">')

    assert f'src="{missing}"' in html
    assert "srcset" not in html
