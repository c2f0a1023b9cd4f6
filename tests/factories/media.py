"""Attached files and the documents they hold: generated in the test, never committed binaries."""

import io
import zipfile

import factory
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.media.models import Attachment

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/{part}" ContentType="{content_type}"/>
</Types>"""
OOXML = {
    "docx": ("word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"),
    "docm": ("word/document.xml", "application/vnd.ms-word.document.macroEnabled.main+xml"),
    "xlsx": ("xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"),
    "xlsm": ("xl/workbook.xml", "application/vnd.ms-excel.sheet.macroEnabled.main+xml"),
}


def pdf_bytes(text="synthetic test document"):
    """A small, well-formed one-page PDF."""
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
        + f"% {text}\n".encode()
        + b"trailer<</Root 1 0 R>>\n%%EOF\n"
    )


def office_package(kind, extra_parts=()):
    """A .docx/.docm/.xlsx/.xlsm package: its [Content_Types].xml names the main part's type."""
    part, content_type = OOXML[kind]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", CONTENT_TYPES.format(part=part, content_type=content_type))
        package.writestr(part, "<document/>")
        for name in extra_parts:
            package.writestr(name, b"\x00" * 16)
    return buffer.getvalue()


def ole_file(*streams):
    """The start of an OLE2 compound file whose directory names these streams (as Word 97 and Excel 97 write)."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    return header + b"".join(name.encode("utf-16-le") + b"\x00\x00" for name in ("Root Entry", *streams))


class AttachmentFactory(factory.django.DjangoModelFactory):
    """A PDF attached to `content_object` (an article or a service page; a new article by default)."""

    class Meta:
        model = Attachment

    content_object = factory.SubFactory("tests.factories.news.ArticleFactory")
    title = factory.Sequence(lambda n: f"测试附件{n}")
    file = factory.LazyFunction(lambda: SimpleUploadedFile("test.pdf", pdf_bytes()))
