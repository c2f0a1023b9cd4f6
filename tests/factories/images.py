"""Generated image files for the upload tests: real images, and hostile files that pretend to be one."""

import io
import os
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


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
