"""Uploaded images: verified by Pillow, limited in bytes and pixels, scaled down to the site's largest size,
re-encoded without their metadata, stored under generated names, shown through resized WebP renditions."""

import contextlib
import io
import logging
import re
import uuid
from pathlib import PurePosixPath

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.db.models.fields.files import FieldFile, ImageFieldFile
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from imagekit import ImageSpec
from imagekit.cachefiles import ImageCacheFile
from imagekit.processors import ResizeToFit
from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

logger = logging.getLogger(__name__)

# Pillow format name -> file extension. Nothing else is accepted: no SVG, no TIFF, no BMP.
ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
RENDITION_WIDTHS = (320, 640, 960, 1280)

# How each format is written again: photographs at a quality that keeps them as they were, PNG and GIF
# losslessly. Every frame of an animation is kept, each drawn whole (GIF: disposal 2, so that transparent
# parts of a frame do not show the one before).
REENCODING = {
    "JPEG": {"quality": 90},
    "PNG": {},
    "WEBP": {"quality": 90},
    "GIF": {},
}
ANIMATION_OPTIONS = {"GIF": {"disposal": 2}}
# What Pillow reads into .info that is needed to draw the pixels; the rest (EXIF, XMP, comments, text
# chunks, the software that made the file) is left behind.
DRAWING_INFO = ("transparency", "background")


# Markup a browser could run if it ever took the file for a page. A photograph never carries it; a
# crafted image/HTML polyglot does (see docs/architecture.md, "Uploaded images").
EMBEDDED_MARKUP = re.compile(rb"<(?:script|html|body|iframe|svg|object|embed|!doctype)\b|javascript:", re.IGNORECASE)
SCAN_CHUNK = 1024 * 1024


def _upload_of(file):
    """The uploaded file behind a model's FieldFile, or the file itself."""
    return file.file if isinstance(file, FieldFile) else file


def _carries_markup(file):
    file.seek(0)
    tail = b""
    while chunk := file.read(SCAN_CHUNK):
        if EMBEDDED_MARKUP.search(tail + chunk):
            return True
        tail = chunk[-16:]  # a pattern may straddle two chunks
    return False


def _upright_pixels(frame):
    """A copy of a frame turned as its EXIF orientation says, no longer than MAX_IMAGE_EDGE on its long side,
    carrying only what drawing it needs."""
    upright = ImageOps.exif_transpose(frame)
    # A camera's 6000 px photograph is kept at the largest size a page shows, not refused and not stored whole.
    edge = settings.MAX_IMAGE_EDGE
    if max(upright.size) > edge:
        upright.thumbnail((edge, edge), Image.Resampling.LANCZOS)
    upright.info = {key: frame.info[key] for key in DRAWING_INFO if key in frame.info}
    return upright


def _decoded(file):
    """Every frame of the image, decoded and upright, and the options that say how to write them again."""
    with Image.open(file) as image:
        options = dict(REENCODING[image.format])
        if image.format != "GIF" and image.info.get("icc_profile"):  # Pillow writes no colour profile into a GIF
            options["icc_profile"] = image.info["icc_profile"]
        frames, durations = [], []
        for frame in ImageSequence.Iterator(image):
            frames.append(_upright_pixels(frame))
            durations.append(frame.info.get("duration", 0))
        if len(frames) > 1:
            options.update(ANIMATION_OPTIONS.get(image.format, {}), save_all=True, append_images=frames[1:])
            options["duration"] = durations
            if "loop" in image.info:
                options["loop"] = image.info["loop"]
    return frames[0], options


def _encoded(image, image_format, options):
    output = io.BytesIO()
    try:
        image.save(output, image_format, **options)
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise ValidationError(
            _("无法处理该图片，请用图片软件重新导出（另存为）JPEG 或 PNG 后再上传。"), code="cannot_reencode"
        ) from error
    return output.getvalue()


def validate_image(file):
    """Refuses anything but a real, whole, reasonably sized JPEG, PNG, WebP or GIF, and re-encodes it.

    Returns the image's format. Raises ValidationError with a message for the editor. The re-encoded
    image (reencoded_image) is what gets stored. A file already stored was checked when it was
    uploaded and is not read again (editing other fields of a record must not download its image).
    """
    if isinstance(file, FieldFile) and file._committed:
        return None
    upload = _upload_of(file)
    checked = getattr(upload, "_portal_image_format", None)
    if checked:  # the form field and then the model field both validate the same upload
        return checked
    max_bytes = settings.MAX_IMAGE_UPLOAD_BYTES
    if file.size is not None and file.size > max_bytes:
        raise ValidationError(
            _("图片文件太大（%(size).1f MB），请上传不超过 %(limit)d MB 的图片。"),
            code="file_too_large",
            params={"size": file.size / 1024 / 1024, "limit": max_bytes // 1024 // 1024},
        )
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        with Image.open(file) as image:
            image_format = image.format
            width, height = image.size
            if image_format not in ALLOWED_FORMATS:
                raise ValidationError(_("只接受 JPEG、PNG、WebP 或 GIF 格式的图片。"), code="unsupported_format")
            # Sizes and frame counts come from the headers: no pixel is decoded before its cost is known.
            if width * height > settings.MAX_IMAGE_PIXELS:
                raise ValidationError(
                    _("图片尺寸过大（%(width)d×%(height)d 像素），请缩小后再上传。"),
                    code="too_many_pixels",
                    params={"width": width, "height": height},
                )
            frames = getattr(image, "n_frames", 1)
            if width * height * frames > settings.MAX_IMAGE_PIXELS:
                raise ValidationError(
                    _("动画图片帧数过多（%(frames)d 帧，每帧 %(width)d×%(height)d 像素），请减少帧数或缩小后再上传。"),
                    code="too_many_frames",
                    params={"frames": frames, "width": width, "height": height},
                )
            image.verify()
        if _carries_markup(file):
            raise ValidationError(
                _("图片文件中夹带了网页代码，不能上传。请用图片软件重新导出（另存为）后再上传。"),
                code="embedded_markup",
            )
        # verify() decodes no pixels; this decodes them all, so a truncated file fails here.
        file.seek(0)
        first_frame, options = _decoded(file)
        reencoded = _encoded(first_frame, image_format, options)
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ValidationError(_("图片尺寸过大，无法处理，请缩小后再上传。"), code="decompression_bomb") from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as error:
        raise ValidationError(
            _("无法识别该文件为有效图片，文件可能已损坏或不是图片。"), code="invalid_image"
        ) from error
    finally:
        file.seek(position)
    with contextlib.suppress(AttributeError):
        upload._portal_image_format = image_format
        upload._portal_reencoded = reencoded
    return image_format


def reencoded_image(file):
    """The bytes to store for an uploaded image: its re-encoded copy, made by validate_image (run here if not yet)."""
    upload = _upload_of(file)
    if getattr(upload, "_portal_reencoded", None) is None:
        validate_image(file)
    return upload._portal_reencoded


def detected_extension(file):
    """The extension of the format Pillow finds in `file` (`jpg`, `png`, `webp`, `gif`), or None."""
    upload = _upload_of(file)
    image_format = getattr(upload, "_portal_image_format", None)
    if image_format is None:
        try:
            position = upload.tell()
            upload.seek(0)
            with Image.open(upload) as image:
                image_format = image.format
            upload.seek(position)
        except (UnidentifiedImageError, OSError, ValueError, AttributeError):
            return None
    return ALLOWED_FORMATS.get(image_format)


@deconstructible
class GeneratedName:
    """upload_to for image fields: `<prefix>/<year>/<month>/<random>.<ext>`; the visitor's file name is never used."""

    def __init__(self, prefix):
        self.prefix = prefix

    def __call__(self, instance, filename):
        extension = PurePosixPath(filename).suffix.lower().lstrip(".")
        extension = {"jpeg": "jpg"}.get(extension, extension)
        if extension not in ALLOWED_FORMATS.values():
            extension = "jpg"
        now = timezone.now()
        return f"{self.prefix}/{now:%Y/%m}/{uuid.uuid4().hex}.{extension}"

    def __eq__(self, other):
        return isinstance(other, GeneratedName) and other.prefix == self.prefix


class PortalImageFormField(forms.ImageField):
    """Checks the upload with validate_image first, so that the editor reads its precise message.

    Django's check of the visitor's file extension is left out: the content decides, and the stored
    name is generated with the extension of the format found.
    """

    default_validators = []

    def to_python(self, data):
        if data not in self.empty_values:
            validate_image(data)
        return super().to_python(data)


class PortalImageFieldFile(ImageFieldFile):
    """The stored file of a PortalImageField."""

    def save(self, name, content, save=True):
        # Whatever path the upload came by (admin, editor, import, shell), only its re-encoded copy is stored.
        super().save(name, ContentFile(reencoded_image(content), name=name), save)


class PortalImageField(models.ImageField):
    """An image field that validates with validate_image and stores the re-encoded image under a generated name.

    The stored extension is the format Pillow found in the file, whatever the visitor's file was called,
    so that the web server always sends the true image type.
    """

    attr_class = PortalImageFieldFile

    def __init__(self, *args, upload_prefix="images", **kwargs):
        self.upload_prefix = upload_prefix
        kwargs.setdefault("upload_to", GeneratedName(upload_prefix))
        kwargs.setdefault("max_length", 200)
        super().__init__(*args, **kwargs)
        if validate_image not in self.validators:
            self.validators.append(validate_image)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["upload_prefix"] = self.upload_prefix
        kwargs.pop("upload_to", None)
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": PortalImageFormField, **kwargs})

    def generate_filename(self, instance, filename):
        extension = detected_extension(getattr(instance, self.attname))
        if extension:
            filename = f"upload.{extension}"
        return super().generate_filename(instance, filename)


class Rendition(ImageSpec):
    """A resized WebP copy of an uploaded image, never wider than the original."""

    format = "WEBP"
    options = {"quality": 80}

    def __init__(self, source, width):
        self.processors = [ResizeToFit(width=width, upscale=False)]
        super().__init__(source=source)


def renditions(image_file, widths=RENDITION_WIDTHS):
    """[(url, width, height)] for an image field file, smallest first.

    Renditions are made on first use (imagekit keeps the files, so each is made once); their list is
    cached so that later pages touch no file. A missing or unreadable original gives [] and a log
    line, so that the page shows its placeholder instead of failing.
    """
    if not image_file:
        return []
    key = f"core:renditions:{image_file.name}:{','.join(map(str, widths))}"
    result = cache.get(key)
    if result is None:
        try:
            result = _make_renditions(image_file, widths)
        except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as error:
            logger.warning("no renditions for %s: %s", image_file.name, error)
            return []
        cache.set(key, result, None)
    return result


def _make_renditions(image_file, widths):
    result = []
    source_width, source_height = image_file.width, image_file.height
    for width in widths:
        if result and width > source_width:
            break
        cache_file = ImageCacheFile(Rendition(source=image_file, width=width))
        cache_file.generate()
        shown_width = min(width, source_width)
        result.append((cache_file.url, shown_width, round(source_height * shown_width / source_width)))
    return result
