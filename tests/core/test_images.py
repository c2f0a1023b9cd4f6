"""Uploaded images: real images are kept under generated names, anything else is refused and leaves no file;
pages get WebP renditions, never the original; media is served with nosniff."""

import re

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.urls import reverse

from apps.core.images import Rendition, validate_image
from apps.core.models import UploadedImage
from tests.factories import (
    gif_javascript_polyglot,
    image_bytes,
    jpeg_html_polyglot,
    noise_png,
    png_declaring,
    superuser,
    upload,
)

GENERATED_NAME = re.compile(r"^editor/\d{4}/\d{2}/[0-9a-f]{32}\.(jpg|png|webp|gif)$")

NOT_AN_IMAGE = "无法识别该文件为有效图片"
WRONG_FORMAT = "只接受 JPEG、PNG、WebP 或 GIF 格式的图片。"
CARRIES_MARKUP = "图片文件中夹带了网页代码"
TOO_BIG_TO_PROCESS = "图片尺寸过大，无法处理"

SVG_WITH_SCRIPT = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" onload="alert(1)">'
    b"<script>alert(document.cookie)</script></svg>"
)
HTML_PAGE = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def files_in(folder):
    return (
        sorted(str(path.relative_to(folder)) for path in folder.rglob("*") if path.is_file()) if folder.exists() else []
    )


class UploadForm(forms.ModelForm):
    """The form the admin builds for a model with a PortalImageField."""

    class Meta:
        model = UploadedImage
        fields = ["image"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("image_format", "visitor_name", "extension"),
    [
        ("JPEG", "照片.JPG", "jpg"),
        ("PNG", "scan.png", "png"),
        ("WEBP", "pic.webp", "webp"),
        ("GIF", "anim.gif", "gif"),
        # The stored extension follows the content, never the visitor's name.
        ("PNG", "../../index.html", "png"),
        ("JPEG", "photo.gif", "jpg"),
    ],
)
def test_real_images_are_kept_under_a_generated_name(media_root, image_format, visitor_name, extension):
    form = UploadForm(files={"image": upload(visitor_name, image_bytes(image_format))})

    assert form.is_valid(), form.errors
    record = form.save()

    assert GENERATED_NAME.match(record.image.name)
    assert record.image.name.endswith(f".{extension}")
    assert (record.width, record.height) == (800, 600)
    assert files_in(media_root) == [record.image.name]


HOSTILE_FILES = {
    "svg-with-script": ("logo.svg", SVG_WITH_SCRIPT, NOT_AN_IMAGE),
    "svg-renamed-png": ("logo.png", SVG_WITH_SCRIPT, NOT_AN_IMAGE),
    "html-renamed-jpg": ("photo.jpg", HTML_PAGE, NOT_AN_IMAGE),
    "jpeg-html-polyglot": ("photo.jpg", jpeg_html_polyglot(), CARRIES_MARKUP),
    "png-with-trailing-html": ("photo.png", image_bytes("PNG") + HTML_PAGE, CARRIES_MARKUP),
    "truncated-jpeg": ("photo.jpg", image_bytes("JPEG")[:-600], NOT_AN_IMAGE),
    "truncated-png": ("photo.png", image_bytes("PNG")[:-40], NOT_AN_IMAGE),
    "header-only-gif": ("anim.gif", image_bytes("GIF")[:40], NOT_AN_IMAGE),
    "empty-file": ("photo.jpg", b"\xff\xd8", NOT_AN_IMAGE),
    "decompression-bomb": ("bomb.png", png_declaring(60_000, 60_000), TOO_BIG_TO_PROCESS),
    "declared-too-many-pixels": ("big.png", png_declaring(8_000, 8_000), "图片尺寸过大（8000×8000 像素）"),
    "tiff": ("scan.tif", image_bytes("TIFF"), WRONG_FORMAT),
    "bmp": ("scan.bmp", image_bytes("BMP"), WRONG_FORMAT),
}


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "content", "message"), HOSTILE_FILES.values(), ids=HOSTILE_FILES.keys())
def test_hostile_files_are_refused_in_the_admin_with_a_chinese_message_and_leave_no_file(
    client, media_root, name, content, message
):
    client.force_login(superuser())

    response = client.post(reverse("admin:core_uploadedimage_add"), {"image": upload(name, content)})

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not UploadedImage.objects.exists()
    assert files_in(media_root) == []


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "content", "message"), HOSTILE_FILES.values(), ids=HOSTILE_FILES.keys())
def test_hostile_files_fail_model_validation_too(media_root, name, content, message):
    """An import or a shell session goes through full_clean(), and meets the same checks."""
    with pytest.raises(ValidationError) as refused:
        validate_image(upload(name, content))

    assert message in " ".join(refused.value.messages)
    assert files_in(media_root) == []


@pytest.mark.django_db
def test_a_file_over_the_byte_limit_is_refused(client, media_root, settings):
    settings.MAX_IMAGE_UPLOAD_BYTES = 100_000
    client.force_login(superuser())

    response = client.post(reverse("admin:core_uploadedimage_add"), {"image": upload("big.png", noise_png((300, 300)))})

    assert "图片文件太大" in response.content.decode()
    assert files_in(media_root) == []


@pytest.mark.django_db
def test_a_real_image_with_more_pixels_than_allowed_is_refused(client, media_root, settings):
    settings.MAX_IMAGE_PIXELS = 1_000_000
    client.force_login(superuser())

    response = client.post(
        reverse("admin:core_uploadedimage_add"), {"image": upload("wide.png", image_bytes("PNG", (1200, 1000)))}
    )

    assert "图片尺寸过大（1200×1000 像素），请缩小后再上传。" in response.content.decode()
    assert files_in(media_root) == []


@pytest.mark.django_db
def test_a_gif_that_is_also_javascript_is_an_image_and_is_only_ever_served_as_one(client, media_root, settings):
    """Bytes that parse as both GIF and JavaScript cannot be told from a GIF, so the upload is accepted; it is
    harmless because what is stored is Pillow's re-encoded GIF, without the appended script, served as image/gif
    with nosniff (no browser runs it as a script), and pages show WebP renditions of it."""
    settings.ROOT_URLCONF = "tests.core.media_urls"
    form = UploadForm(files={"image": upload("payload.js", gif_javascript_polyglot())})
    assert form.is_valid(), form.errors
    record = form.save()
    assert record.image.name.endswith(".gif")

    response = client.get(record.image.url)
    assert response["Content-Type"] == "image/gif"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"alert(1)" not in b"".join(response.streaming_content)  # the stored file is the re-encoded image

    html = Template("{% load portal %}{% responsive_image record.image '示例' %}").render(Context({"record": record}))
    assert record.image.url not in html
    for url in re.findall(r"(/media/\S+\.webp)", html):
        rendition = (media_root / url.removeprefix("/media/")).read_bytes()
        assert rendition[:4] == b"RIFF" and b"alert(1)" not in rendition


@pytest.mark.django_db
def test_an_image_already_stored_is_not_read_again_when_its_record_is_validated(media_root):
    record = UploadForm(files={"image": upload("a.png", image_bytes("PNG"))}).save()
    (media_root / record.image.name).unlink()  # e.g. on object storage that is slow or briefly unreachable

    stored = UploadedImage.objects.get(pk=record.pk).image

    assert validate_image(stored) is None  # no ValidationError: it was checked when it was uploaded


def render_image(record, **options):
    arguments = " ".join(f'{key}="{value}"' for key, value in options.items())
    template = Template("{% load portal %}{% responsive_image record.image '示例图片' " + arguments + " %}")
    return template.render(Context({"record": record}))


@pytest.fixture
def stored_image(media_root):
    form = UploadForm(files={"image": upload("wide.jpg", image_bytes("JPEG", (1000, 500)))})
    assert form.is_valid(), form.errors
    return form.save()


@pytest.mark.django_db
def test_responsive_image_shows_webp_renditions_with_their_sizes_and_never_the_original(stored_image):
    html = render_image(stored_image, sizes="(min-width: 760px) 33vw, 100vw")

    assert stored_image.image.url not in html
    src = re.search(r' src="([^"]+)"', html).group(1)
    srcset = re.search(r' srcset="([^"]+)"', html).group(1)
    candidates = [candidate.split() for candidate in srcset.split(", ")]
    # Widths of the original 1000 px image: 320, 640 and 960; none wider than the original.
    assert [width for _, width in candidates] == ["320w", "640w", "960w"]
    assert all(url.endswith(".webp") and url.startswith("/media/renditions/") for url, _ in candidates)
    assert src == candidates[1][0]
    assert ' width="640" height="320"' in html
    assert ' alt="示例图片"' in html
    assert ' sizes="(min-width: 760px) 33vw, 100vw"' in html
    assert ' loading="lazy"' in html
    assert "fetchpriority" not in html


@pytest.mark.django_db
def test_a_pages_own_picture_is_fetched_first(stored_image):
    assert ' loading="eager" fetchpriority="high"' in render_image(stored_image, eager=True)
    placeholder = render_image(None, eager=True, placeholder="img/expert-placeholder.svg")
    assert ' fetchpriority="high"' in placeholder


@pytest.mark.django_db
def test_renditions_are_made_once(stored_image, monkeypatch):
    from django.core.cache import cache

    made = []
    original_generate = Rendition.generate

    def counting_generate(self):
        made.append(self.processors[0].width)
        return original_generate(self)

    monkeypatch.setattr(Rendition, "generate", counting_generate)

    first = render_image(stored_image)
    second = render_image(stored_image)
    cache.clear()  # a restarted server: the list of renditions is gone, the files are not
    third = render_image(stored_image)

    assert made == [320, 640, 960]
    assert first == second == third


@pytest.mark.django_db
def test_a_missing_original_shows_the_placeholder_instead_of_failing(stored_image, media_root):
    (media_root / stored_image.image.name).unlink()

    html = render_image(stored_image, placeholder="img/expert-placeholder.svg")

    assert 'src="/static/img/expert-placeholder.svg"' in html
    assert ' alt="示例图片"' in html


@pytest.mark.django_db
def test_media_is_served_with_nosniff(client, stored_image, settings):
    """In development Django serves media (static()); SecurityMiddleware adds nosniff to it as to every response.
    In production the web server serves /media/ and must send the same header (docs/architecture.md)."""
    settings.ROOT_URLCONF = "tests.core.media_urls"

    response = client.get(stored_image.image.url)

    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
