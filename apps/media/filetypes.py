"""What an attached file really is, read from its bytes and never from its name: PDF, Word, Excel or an image.

Word and Excel 97–2003 files are OLE2 compound files told apart by the names of their streams; .docx and
.xlsx are zip packages told apart by the main part's content type in `[Content_Types].xml`. Macro-enabled
packages (.docm, .xlsm), packages carrying a VBA project, OLE files with macro storage, templates and
executables are refused.
"""

import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from apps.core.images import ALLOWED_FORMATS, validate_image


@dataclass(frozen=True)
class FileType:
    extension: str
    label: str
    content_type: str


TYPES = {
    "pdf": FileType("pdf", "PDF", "application/pdf"),
    "doc": FileType("doc", "Word", "application/msword"),
    "docx": FileType("docx", "Word", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xls": FileType("xls", "Excel", "application/vnd.ms-excel"),
    "xlsx": FileType("xlsx", "Excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "jpg": FileType("jpg", _("图片"), "image/jpeg"),
    "png": FileType("png", _("图片"), "image/png"),
    "webp": FileType("webp", _("图片"), "image/webp"),
    "gif": FileType("gif", _("图片"), "image/gif"),
}

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_SIGNATURE = b"PK\x03\x04"
# The main parts of the packages accepted; macro-enabled and template ones are refused by name below.
OOXML_MAIN_PARTS = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": "xlsx",
}
MACRO_CONTENT_TYPES = ("macroenabled", "vbaproject", "activex")
# Programs: Windows (MZ), Linux (ELF), macOS (Mach-O), Java archives, scripts.
EXECUTABLE_SIGNATURES = (
    b"MZ",
    b"\x7fELF",
    b"\xfe\xed\xfa\xce",
    b"\xfe\xed\xfa\xcf",
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",
    b"#!",
)
MAX_CONTENT_TYPES_BYTES = 1024 * 1024

WRONG_TYPE = _("只能上传 PDF、Word（.doc/.docx）、Excel（.xls/.xlsx）文件或 JPEG、PNG、WebP、GIF 图片。")
MACROS = _("不能上传带宏的 Office 文件（如 .docm、.xlsm）。请另存为不含宏的 .docx 或 .xlsx 后再上传。")
EXECUTABLE = _("不能上传程序或脚本文件。")
DAMAGED = _("文件已损坏，无法识别。请重新导出后再上传。")


def _read_all(file):
    file.seek(0)
    data = file.read()
    file.seek(0)
    return data


def _ole_type(data):
    # Stream names are stored in UTF-16 in the compound file's directory.
    def has_stream(name):
        return name.encode("utf-16-le") in data

    if has_stream("_VBA_PROJECT") or has_stream("Macros") or has_stream("VBA"):
        raise ValidationError(MACROS, code="macros")
    if has_stream("WordDocument"):
        return "doc"
    if has_stream("Workbook") or has_stream("Book"):
        return "xls"
    raise ValidationError(WRONG_TYPE, code="wrong_type")


def _ooxml_type(file):
    try:
        with zipfile.ZipFile(file) as package:
            names = package.namelist()
            if any(name.lower().endswith("vbaproject.bin") for name in names):
                raise ValidationError(MACROS, code="macros")
            info = package.getinfo("[Content_Types].xml")
            if info.file_size > MAX_CONTENT_TYPES_BYTES:
                raise ValidationError(DAMAGED, code="damaged")
            content_types = package.read(info).decode("utf-8", "replace")
    except (zipfile.BadZipFile, KeyError, OSError, EOFError, RuntimeError, NotImplementedError) as error:
        raise ValidationError(WRONG_TYPE, code="wrong_type") from error
    lowered = content_types.lower()
    if any(marker in lowered for marker in MACRO_CONTENT_TYPES):
        raise ValidationError(MACROS, code="macros")
    for main_part, extension in OOXML_MAIN_PARTS.items():
        if f'contenttype="{main_part}"' in lowered:
            return extension
    raise ValidationError(WRONG_TYPE, code="wrong_type")


def detect_type(file):
    """The FileType of an attached file, judged by its content; raises ValidationError with a Chinese message.

    Also enforces MAX_ATTACHMENT_BYTES.
    """
    limit = settings.MAX_ATTACHMENT_BYTES
    if file.size is not None and file.size > limit:
        raise ValidationError(
            _("文件太大（%(size)s），请上传不超过 %(limit)s 的文件。"),
            code="too_large",
            params={"size": filesizeformat(file.size), "limit": filesizeformat(limit)},
        )
    file.seek(0)
    head = file.read(8)
    file.seek(0)
    if head.startswith(b"%PDF-"):
        return TYPES["pdf"]
    if head.startswith(OLE_SIGNATURE):
        return TYPES[_ole_type(_read_all(file))]
    if head.startswith(ZIP_SIGNATURE):
        try:
            return TYPES[_ooxml_type(file)]
        finally:
            file.seek(0)
    if head.startswith(EXECUTABLE_SIGNATURES):
        raise ValidationError(EXECUTABLE, code="executable")
    try:
        image_format = validate_image(file)
    except ValidationError as error:
        if error.code in ("invalid_image", "unsupported_format"):
            raise ValidationError(WRONG_TYPE, code="wrong_type") from error
        raise
    return TYPES[ALLOWED_FORMATS[image_format]]
