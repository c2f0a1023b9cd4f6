"""Files attached to news and service pages: checked by content, listed under the page with name, type and size,
downloaded with their type and a UTF-8 file name, hidden with a draft, found by search."""

import io
import re
import zipfile
from urllib.parse import quote

import openpyxl
import pytest
from django.core.cache import cache
from django.urls import reverse

from apps.media.models import Attachment
from apps.pages.models import ServicePage
from tests.factories import (
    ArticleFactory,
    AttachmentFactory,
    communications_editor,
    content_admin,
    image_bytes,
    office_package,
    ole_file,
    pdf_bytes,
    upload,
)
from tests.helpers import admin_form_data, count_queries, get_html, text_of

pytestmark = pytest.mark.django_db

INLINE = "media-attachment-content_type-object_id"
WRONG_TYPE = "只能上传 PDF、Word（.doc/.docx）、Excel（.xls/.xlsx）文件或 JPEG、PNG、WebP、GIF 图片。"
MACROS = "不能上传带宏的 Office 文件（如 .docm、.xlsm）。"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def xlsx_bytes():
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "岗位"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def plain_zip():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "not an office document")
    return buffer.getvalue()


def attach(client, article, name, content, title="2026年招聘公告"):
    """Posts the article's admin form with one file in its attachments inline."""
    url = reverse("admin:news_article_change", args=[article.pk])
    data = admin_form_data(client.get(url))
    data.update(
        {
            f"{INLINE}-TOTAL_FORMS": "1",
            f"{INLINE}-INITIAL_FORMS": "0",
            f"{INLINE}-0-title": title,
            f"{INLINE}-0-file": upload(name, content),
            f"{INLINE}-0-display_order": "0",
        }
    )
    return client.post(url, data)


ACCEPTED = {
    "pdf": ("公告.pdf", pdf_bytes(), "pdf"),
    "docx": ("报名表.docx", office_package("docx"), "docx"),
    "xlsx": ("岗位表.xlsx", xlsx_bytes(), "xlsx"),
    "doc": ("报名表.doc", ole_file("WordDocument", "SummaryInformation"), "doc"),
    "xls": ("岗位表.xls", ole_file("Workbook"), "xls"),
    "png": ("示意图.png", image_bytes("PNG"), "png"),
    # The content decides, whatever the name says.
    "pdf-named-docx": ("公告.docx", pdf_bytes(), "pdf"),
}


@pytest.mark.parametrize(("name", "content", "kind"), ACCEPTED.values(), ids=ACCEPTED.keys())
def test_an_editor_attaches_pdf_word_excel_and_images_judged_by_content(client, name, content, kind):
    client.force_login(communications_editor())
    article = ArticleFactory()

    response = attach(client, article, name, content)

    assert response.status_code == 302, response.context["inline_admin_formsets"][-1].formset.errors
    attachment = Attachment.objects.get()
    assert attachment.content_object == article
    assert attachment.kind == kind
    assert re.fullmatch(rf"attachments/\d{{4}}/\d{{2}}/[0-9a-f]{{32}}\.{kind}", attachment.file.name)
    assert attachment.size == attachment.file.size


REFUSED = {
    "docm": ("宏.docm", office_package("docm"), MACROS),
    "xlsm": ("宏.xlsm", office_package("xlsm"), MACROS),
    "docx-with-vba": ("宏.docx", office_package("docx", ["word/vbaProject.bin"]), MACROS),
    "doc-with-macros": ("宏.doc", ole_file("WordDocument", "Macros", "VBA"), MACROS),
    "exe": ("setup.pdf", b"MZ\x90\x00" + b"\x00" * 200, "不能上传程序或脚本文件。"),
    "elf": ("tool.xlsx", b"\x7fELF" + b"\x00" * 200, "不能上传程序或脚本文件。"),
    "script": ("run.doc", b"#!/bin/sh\nrm -rf /\n", "不能上传程序或脚本文件。"),
    "html": ("page.pdf", b"<html><script>alert(1)</script></html>", WRONG_TYPE),
    "plain-zip": ("archive.docx", plain_zip(), WRONG_TYPE),
    "broken-zip": ("archive.docx", b"PK\x03\x04" + b"\x00" * 100, WRONG_TYPE),
    "svg": ("a.png", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', WRONG_TYPE),
}


@pytest.mark.parametrize(("name", "content", "message"), REFUSED.values(), ids=REFUSED.keys())
def test_wrong_types_macros_and_programs_are_refused_in_chinese_and_nothing_is_saved(
    client, media_root, name, content, message
):
    client.force_login(communications_editor())
    article = ArticleFactory(title="原标题")

    response = attach(client, article, name, content)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Attachment.objects.exists()
    assert not (media_root / "attachments").exists()


def test_a_file_over_the_size_limit_is_refused(client, settings):
    settings.MAX_ATTACHMENT_BYTES = 1024
    client.force_login(communications_editor())

    response = attach(client, ArticleFactory(), "大.pdf", pdf_bytes("x" * 2000))

    assert "文件太大（2.1\xa0KB），请上传不超过 1.0\xa0KB 的文件。" in response.content.decode()
    assert not Attachment.objects.exists()


def test_the_article_lists_its_files_with_name_type_and_size_and_they_download_with_a_utf8_name(client):
    article = ArticleFactory()
    AttachmentFactory(content_object=article, title="2026年公开招聘公告", display_order=1)
    AttachmentFactory(content_object=article, title="报名表", file=upload("x.xlsx", xlsx_bytes()), display_order=2)

    html = get_html(client, article.get_absolute_url())

    text = text_of(html)
    assert "附件" in text
    assert re.search(r"2026年公开招聘公告 （PDF，\d+ 字节）", text)
    assert re.search(r"报名表 （Excel，[\d.]+ KB）", text)
    pdf = Attachment.objects.get(title="2026年公开招聘公告")
    response = client.get(re.search(r'href="(/attachments/\d+/)"', html).group(1))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f"attachment; filename*=utf-8''{quote('2026年公开招聘公告.pdf')}"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == pdf.file.open("rb").read()


def test_an_article_without_files_shows_no_attachments_heading(client):
    article = ArticleFactory()

    assert "附件" not in text_of(get_html(client, article.get_absolute_url()))


def test_a_drafts_files_are_not_downloadable_by_visitors_but_are_by_its_editors(client):
    attachment = AttachmentFactory(content_object=ArticleFactory(draft=True))

    assert client.get(attachment.get_absolute_url()).status_code == 404

    client.force_login(communications_editor())
    assert client.get(attachment.get_absolute_url()).status_code == 200


def test_a_missing_file_is_a_404_not_an_error(client, media_root):
    attachment = AttachmentFactory(content_object=ArticleFactory())
    (media_root / attachment.file.name).unlink()

    assert client.get(attachment.get_absolute_url()).status_code == 404


def test_a_service_page_lists_its_files_and_its_admin_attaches_them(client):
    page = ServicePage.objects.create(title="院务公开", status=ServicePage.Status.PUBLISHED)
    client.force_login(content_admin())
    url = reverse("admin:pages_servicepage_change", args=[page.pk])
    data = admin_form_data(client.get(url))
    data.update(
        {
            f"{INLINE}-TOTAL_FORMS": "1",
            f"{INLINE}-INITIAL_FORMS": "0",
            f"{INLINE}-0-title": "招标公告",
            f"{INLINE}-0-file": upload("a.pdf", pdf_bytes()),
            f"{INLINE}-0-display_order": "0",
        }
    )
    assert client.post(url, data).status_code == 302
    client.logout()

    text = text_of(get_html(client, page.get_absolute_url()))

    assert re.search(r"招标公告 （PDF，\d+ 字节）", text)
    assert "本页内容正在整理中" not in text


def test_an_article_is_found_by_the_title_of_its_file(client):
    article = ArticleFactory(title="人事通知")
    AttachmentFactory(content_object=article, title="护理岗位招聘计划表")

    html = get_html(client, reverse("search:results"), q="护理岗位招聘计划表")

    assert "人事通知" in text_of(html)


@pytest.mark.parametrize("kind", ["article", "service"])
def test_pages_with_files_keep_a_fixed_number_of_queries(client, django_assert_num_queries, kind):
    if kind == "article":
        owner = ArticleFactory()
    else:
        owner = ServicePage.objects.create(title="就医指南", status=ServicePage.Status.PUBLISHED)
    AttachmentFactory(content_object=owner)
    expected = count_queries(client, owner.get_absolute_url(), first_visit=True)

    AttachmentFactory.create_batch(6, content_object=owner)
    cache.clear()

    with django_assert_num_queries(expected):
        assert client.get(owner.get_absolute_url()).status_code == 200
