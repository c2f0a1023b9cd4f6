"""Synthetic data for the platform's tests: editors in their roles, campuses, and generated image files."""

import io
import os
import struct
import zlib

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from apps.core.models import Campus
from apps.core.roles import COMMUNICATIONS, CONTENT_ADMIN

PASSWORD = "synthetic-Passw0rd-for-tests"  # noqa: S105


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"editor{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    is_staff = True
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*Group.objects.filter(name__in=extracted))
        if create:
            self.save()


def communications_editor(**kwargs):
    return UserFactory(roles=[COMMUNICATIONS], **kwargs)


def content_admin(**kwargs):
    return UserFactory(roles=[CONTENT_ADMIN], **kwargs)


def superuser(**kwargs):
    return UserFactory(is_superuser=True, **kwargs)


class CampusFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campus

    name = factory.Sequence(lambda n: f"示例院区{n}")
    address = factory.Sequence(lambda n: f"示例路{n}号")
    phone = "0734-0000000"


def image_bytes(image_format="PNG", size=(800, 600), color=(30, 120, 200), **save_options):
    """A real image of the given format, encoded by Pillow."""
    buffer = io.BytesIO()
    mode = "P" if image_format == "GIF" else "RGB"
    Image.new(mode, size, color if mode == "RGB" else 3).save(buffer, image_format, **save_options)
    return buffer.getvalue()


def noise_png(size):
    """A PNG of random pixels: it does not compress, so its byte size grows with its area."""
    image = Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3))
    buffer = io.BytesIO()
    image.save(buffer, "PNG", compress_level=0)
    return buffer.getvalue()


def png_declaring(width, height):
    """A tiny PNG whose header declares `width`×`height` pixels: a decompression bomb for anyone who trusts it."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    # One row of pixels compressed; the rest would inflate to gigabytes if it were there.
    data = zlib.compress(b"\x00" + b"\x00" * 3 * min(width, 1000))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")


def gif_javascript_polyglot():
    """A real GIF that is also valid JavaScript: `GIF89a/*…*/=alert(1);`.

    A width of 10799 pixels is written as the bytes `/*`, which opens a JavaScript comment that the
    bytes appended after the GIF's trailer close.
    """
    data = image_bytes("GIF", size=(10799, 2))
    assert data[6:8] == b"/*" and b"*/" not in data
    return data + b"*/=alert(1);"


def jpeg_html_polyglot():
    """A real JPEG carrying an HTML page in a comment segment and after its end."""
    page = b"<html><body><script>alert(1)</script></body></html>"
    return image_bytes("JPEG", comment=page) + page


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


class NewsCategoryFactory(factory.django.DjangoModelFactory):
    """Publishing is shared by every app; news is the publishable model the platform's tests use."""

    class Meta:
        model = "news.Category"
        django_get_or_create = ("name",)

    name = "示例栏目"


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "news.Article"

    title = factory.Sequence(lambda n: f"示例文章{n}")
    category = factory.SubFactory(NewsCategoryFactory)
    body = "<p>合成的示例正文。</p>"
    status = "published"
