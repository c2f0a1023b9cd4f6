"""Uploaded images are stored as Pillow writes them again: upright, with their colour profile, and without
EXIF (a phone's GPS position, the camera owner's name), comments or text chunks, whether they came through
the admin or the rich-text editor."""

import io

import pytest
from django.urls import reverse
from PIL import ExifTags, Image, ImageCms, ImageSequence, PngImagePlugin

from apps.core.models import UploadedImage
from tests.factories import content_admin, image_bytes, superuser, upload

pytestmark = pytest.mark.django_db

MARKUP = "<img src=x onerror=alert(1)>"
REFRESH = '<meta http-equiv=refresh content="0;url=https://example.org/">'
OWNER = "Synthetic Camera Owner"
SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def through_the_admin(client, name, content):
    """(accepted, what the editor reads) for an upload in the admin's form."""
    client.force_login(superuser())
    response = client.post(reverse("admin:core_uploadedimage_add"), {"image": upload(name, content)})
    return response.status_code == 302, response.content.decode()


def through_the_editor(client, name, content):
    """(accepted, what the editor reads) for an upload from CKEditor."""
    client.force_login(content_admin())
    response = client.post("/ckeditor5/image-upload/", {"upload": upload(name, content)})
    return response.status_code == 200, response.json().get("error", {}).get("message", "")


UPLOAD_PATHS = {"admin": through_the_admin, "editor": through_the_editor}


@pytest.fixture(params=UPLOAD_PATHS.values(), ids=UPLOAD_PATHS.keys())
def stored(request, client, media_root):
    """Uploads an image the given way; returns the record and the bytes stored for it."""

    def store(name, content):
        accepted, message = request.param(client, name, content)
        assert accepted, message
        record = UploadedImage.objects.get()
        return record, (media_root / record.image.name).read_bytes()

    return store


def png_with_text_chunks():
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", MARKUP)
    info.add_text("Author", OWNER, zip=True)
    info.add_itxt("Description", MARKUP, lang="zh", tkey="说明")
    return image_bytes("PNG", pnginfo=info)


def jpeg_from_a_phone():
    """A photograph taken holding the phone upright: stored sideways (landscape), EXIF orientation 6 saying
    "turn it a quarter clockwise", with where it was taken, whose camera it was, and an sRGB profile."""
    picture = Image.new("RGB", (800, 600), (200, 30, 30))
    picture.paste((30, 30, 200), (400, 0, 800, 600))  # left half red, right half blue, as the sensor saw it
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.Base.Artist] = OWNER
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (26.0, 53.0, 30.0),
        ExifTags.GPS.GPSLongitudeRef: "E",
        ExifTags.GPS.GPSLongitude: (112.0, 36.0, 0.0),
    }
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", exif=exif, icc_profile=SRGB, comment=REFRESH)
    return buffer.getvalue()


def test_a_png_is_stored_without_its_text_chunks(stored):
    record, content = stored("scan.png", png_with_text_chunks())

    for trace in (b"tEXt", b"zTXt", b"iTXt", b"onerror", OWNER.encode()):
        assert trace not in content
    with Image.open(io.BytesIO(content)) as image:
        assert image.format == "PNG"
        assert image.text == {}
    assert record.image.name.endswith(".png")


def test_a_jpeg_comment_is_not_stored(stored):
    _, content = stored("photo.jpg", image_bytes("JPEG", comment=REFRESH))

    assert b"http-equiv" not in content
    with Image.open(io.BytesIO(content)) as image:
        assert image.format == "JPEG"
        assert "comment" not in image.info


def test_a_phone_photo_is_stored_upright_with_its_colour_profile_and_without_exif(stored):
    record, content = stored("IMG_0001.JPG", jpeg_from_a_phone())

    for trace in (b"Exif", b"GPS", OWNER.encode(), b"http-equiv"):
        assert trace not in content
    with Image.open(io.BytesIO(content)) as image:
        assert image.format == "JPEG"
        assert dict(image.getexif()) == {}
        assert image.info["icc_profile"] == SRGB
        # Turned a quarter clockwise: what was on the left is now at the top.
        assert image.size == (600, 800)
        top, bottom = image.getpixel((300, 100)), image.getpixel((300, 700))
    assert (record.width, record.height) == (600, 800)
    assert top[0] > 150 and top[2] < 80  # red
    assert bottom[2] > 150 and bottom[0] < 80  # blue


def animated_gif(size, frame_count, **options):
    """A GIF whose frames differ (Pillow merges identical ones), each a plain colour."""
    frames = [Image.new("RGB", size, (60 * index, 255 - 60 * index, 0)) for index in range(frame_count)]
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], **options)
    return buffer.getvalue()


def test_an_animated_gif_keeps_its_frames_and_timing_but_not_its_comment(stored):
    gif = animated_gif((60, 40), 3, duration=[100, 200, 300], loop=0, comment=MARKUP)

    _, content = stored("anim.gif", gif)

    assert b"onerror" not in content
    with Image.open(io.BytesIO(content)) as image:
        assert image.format == "GIF"
        assert image.info["loop"] == 0
        assert [frame.info["duration"] for frame in ImageSequence.Iterator(image)] == [100, 200, 300]


def test_an_animation_over_the_pixel_limit_is_refused_before_it_is_decoded(client, media_root, settings):
    settings.MAX_IMAGE_PIXELS = 10_000
    gif = animated_gif((50, 50), 5)  # 2 500 pixels a frame, 12 500 in all

    accepted, message = through_the_admin(client, "anim.gif", gif)

    assert not accepted
    assert "动画图片帧数过多（5 帧，每帧 50×50 像素）" in message
    assert not UploadedImage.objects.exists()


@pytest.mark.parametrize("upload_path", UPLOAD_PATHS.values(), ids=UPLOAD_PATHS.keys())
def test_an_image_pillow_cannot_write_again_is_refused_with_a_chinese_message(
    client, media_root, monkeypatch, upload_path
):
    def failing_save(self, *args, **kwargs):
        raise OSError("encoder error -2 when writing image file")

    png = image_bytes("PNG")
    monkeypatch.setattr(Image.Image, "save", failing_save)

    accepted, message = upload_path(client, "photo.png", png)

    assert not accepted
    assert "无法处理该图片，请用图片软件重新导出（另存为）JPEG 或 PNG 后再上传。" in message
    assert not UploadedImage.objects.exists()
    assert not media_root.exists() or not any(path.is_file() for path in media_root.rglob("*"))
