"""The media library (图片库): every image with a thumbnail, found by name, title or text alternative, filtered by
uploader, with where it is used; an image in use cannot be deleted; covers and bodies pick from it."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from apps.core.library import images_without_alt
from apps.core.models import UploadedImage
from apps.news.models import Article
from tests.factories import ArticleFactory, communications_editor, content_admin, image_bytes, upload
from tests.helpers import admin_form_data, text_of

pytestmark = pytest.mark.django_db

LIBRARY = "/admin/core/uploadedimage/"


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def stored_files(folder):
    return sorted(path for path in folder.rglob("*") if path.is_file() and "renditions" not in path.parts)


def library_image(user=None, **fields):
    record = UploadedImage(image=upload("p.jpg", image_bytes("JPEG", (1000, 600))), uploaded_by=user, **fields)
    record.full_clean()
    record.save()
    return record


def test_the_library_lists_images_with_a_thumbnail_and_finds_them_by_title_alt_and_file_name(client, media_root):
    editor = communications_editor(username="editor-a")
    client.force_login(editor)
    ward = library_image(editor, title="新病房大楼", alt_text="新落成的病房大楼外景")
    clinic = library_image(title="义诊", alt_text="专家在社区义诊")

    listing = client.get(LIBRARY).content.decode()
    assert "新病房大楼" in listing and "义诊" in listing
    assert '<img src="/media/renditions/' in listing  # a thumbnail rendition, not the original
    assert ward.image.url not in listing

    assert "义诊" not in text_of(client.get(LIBRARY, {"q": "病房"}).content.decode()).replace("新病房大楼", "")
    assert "新病房大楼" in client.get(LIBRARY, {"q": "外景"}).content.decode()
    by_file = client.get(LIBRARY, {"q": clinic.image.name.rsplit("/", 1)[1][:12]}).content.decode()
    assert "专家在社区义诊" in by_file and "新病房大楼" not in by_file
    by_uploader = client.get(LIBRARY, {"uploaded_by__id__exact": editor.pk}).content.decode()
    assert "新病房大楼" in by_uploader and "专家在社区义诊" not in by_uploader
    missing_alt = library_image(title="缺说明的图")
    assert "缺说明的图" in client.get(LIBRARY, {"alt": "missing"}).content.decode()
    assert "新病房大楼" not in client.get(LIBRARY, {"alt": "missing"}).content.decode()
    assert missing_alt.pk


def test_the_change_page_says_where_an_image_is_used(client, media_root):
    client.force_login(content_admin())
    image = library_image(title="院区全景")
    ArticleFactory(title="正文用了它", body=f'<p><img src="{image.image.url}" alt="全景"></p>')
    ArticleFactory(title="封面用了它", cover_image=image.image.name)
    ArticleFactory(title="没用它")

    page = text_of(client.get(f"{LIBRARY}{image.pk}/change/").content.decode())

    assert "新闻： 正文用了它" in page
    assert "新闻： 封面用了它" in page
    assert "没用它" not in page


def test_an_image_in_use_cannot_be_deleted(client, media_root):
    client.force_login(content_admin())
    image = library_image(title="院区全景")
    ArticleFactory(title="正文用了它", body=f'<img src="{image.image.url}">')

    confirmation = client.get(f"{LIBRARY}{image.pk}/delete/").content.decode()
    client.post(f"{LIBRARY}{image.pk}/delete/", {"post": "yes"})
    client.post(LIBRARY, {"action": "delete_selected", "_selected_action": [image.pk], "post": "yes"})

    assert "图片“院区全景”正在被使用：新闻：正文用了它" in confirmation
    assert UploadedImage.objects.filter(pk=image.pk).exists()


def test_an_unused_image_can_be_deleted(client, media_root):
    client.force_login(content_admin())
    image = library_image(title="没人用")

    response = client.post(f"{LIBRARY}{image.pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert not UploadedImage.objects.filter(pk=image.pk).exists()


def test_a_cover_is_picked_from_the_library_without_uploading_or_copying_it(client, media_root):
    client.force_login(communications_editor())
    image = library_image(title="院区全景", alt_text="院区全景")
    article = ArticleFactory()
    files_before = stored_files(media_root)
    url = reverse("admin:news_article_change", args=[article.pk])
    form = client.get(url).content.decode()
    assert 'name="cover_image_library"' in form
    assert "从图片库选择" in form

    data = admin_form_data(client.get(url))
    data["cover_image_library"] = str(image.pk)
    response = client.post(url, data)

    assert response.status_code == 302
    assert Article.objects.get(pk=article.pk).cover_image.name == image.image.name
    assert stored_files(media_root) == files_before
    assert UploadedImage.objects.count() == 1  # the cover is the library's image, not a second entry


def test_an_uploaded_cover_enters_the_library(client, media_root):
    client.force_login(communications_editor())
    article = ArticleFactory(title="新院区开诊")
    url = reverse("admin:news_article_change", args=[article.pk])
    data = admin_form_data(client.get(url))
    data["cover_image"] = upload("cover.png", image_bytes("PNG"))

    assert client.post(url, data).status_code == 302

    cover = Article.objects.get(pk=article.pk).cover_image
    entry = UploadedImage.objects.get()
    assert entry.image.name == cover.name
    assert entry.title == "新院区开诊"
    assert (entry.width, entry.height) == (800, 600)


def test_images_saved_before_the_library_existed_are_entered_by_a_command(media_root):
    article = ArticleFactory(title="旧封面")
    UploadedImage.objects.all().delete()
    record = library_image()
    Article.objects.filter(pk=article.pk).update(cover_image=record.image.name)
    record.delete()  # the file stays; only its library entry is gone, as for a cover saved before the library

    call_command("fill_media_library", stdout=io.StringIO())
    call_command("fill_media_library", stdout=io.StringIO())

    entry = UploadedImage.objects.get()
    assert entry.image.name == Article.objects.get(pk=article.pk).cover_image.name
    assert entry.title == "旧封面"


def test_the_body_editor_offers_the_library_and_gets_an_images_address_and_alt(client, media_root):
    client.force_login(communications_editor())
    image = library_image(alt_text="院区全景")

    form = client.get(reverse("admin:news_article_add")).content.decode()
    insert = client.get(f"{LIBRARY}insert/", {"id": image.pk})

    assert "从图片库插入图片" in form
    assert 'data-library-insert="id_body"' in form
    assert insert.json() == {"url": image.image.url, "alt": "院区全景"}
    assert client.get(f"{LIBRARY}insert/", {"id": "x"}).status_code == 404


def test_images_in_rich_text_without_a_text_alternative_are_listed_for_the_launch_checklist(media_root):
    ArticleFactory(title="缺替代文字", body='<p><img src="/media/a.png"></p><img src="/media/b.png" alt=" ">')
    ArticleFactory(title="都写了", body='<img src="/media/c.png" alt="门诊楼">')

    found = [(str(usage), src) for usage, src in images_without_alt()]

    assert found == [("新闻：缺替代文字", "/media/a.png"), ("新闻：缺替代文字", "/media/b.png")]


def test_a_text_alternative_written_in_the_body_is_kept_for_the_library_image(client, media_root):
    client.force_login(communications_editor())
    image = library_image(title="门诊楼")
    article = ArticleFactory()
    url = reverse("admin:news_article_change", args=[article.pk])
    data = admin_form_data(client.get(url))
    data["body"] = f'<figure class="image"><img src="{image.image.url}" alt="门诊楼外景"></figure>'

    assert client.post(url, data).status_code == 302

    image.refresh_from_db()
    assert image.alt_text == "门诊楼外景"
