"""The 宣传科 in the admin: writes, schedules, previews and publishes news, never overwrites a colleague's edit."""

import datetime
import io
import re

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image
from reversion.models import Version

from apps.news.models import Article, ArticleImage
from tests.factories import (
    ArticleFactory,
    ArticleImageFactory,
    CategoryFactory,
    DepartmentFactory,
    ExpertFactory,
    UserFactory,
    communications_editor,
)
from tests.helpers import admin_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def communications(client):
    """A logged-in member of the 宣传科 (communications office), with no other role."""
    user = communications_editor(username="xuanchuan-test")
    client.force_login(user)
    return user


def form_data(article=None, **changes):
    """What the article form posts, as an editor's browser would send it."""
    local = timezone.localtime(article.published_at) if article else timezone.localtime()
    data = {
        "title": article.title if article else "",
        "subtitle": article.subtitle if article else "",
        "category": article.category_id if article else "",
        "summary": article.summary if article else "",
        "body": article.body if article else "",
        "status": article.status if article else Article.Status.DRAFT,
        "published_at_0": local.strftime("%Y-%m-%d"),
        "published_at_1": local.strftime("%H:%M:%S"),
        "date_note": "",
        "cover_alt": "",
        "cover_caption": "",
        "author": "",
        "reporter": "",
        "correspondent": "",
        "photographer": "",
        "source": "",
        "reviewed_by": "",
        "reviewed_on": "",
        "slug": article.slug if article else "",
        "images-TOTAL_FORMS": "0",
        "images-INITIAL_FORMS": "0",
        "images-MIN_NUM_FORMS": "0",
        "images-MAX_NUM_FORMS": "1000",
        "media-attachment-content_type-object_id-TOTAL_FORMS": "0",
        "media-attachment-content_type-object_id-INITIAL_FORMS": "0",
    }
    data.update(changes)
    return data


def token_in(html):
    return re.search(r'name="edit_token" value="([^"]*)"', html).group(1)


def test_communications_office_writes_and_schedules_an_article(client, communications):
    category = CategoryFactory(name="测试新闻栏目")
    department = DepartmentFactory()
    tomorrow = timezone.localtime() + datetime.timedelta(days=1)

    response = client.post(
        reverse("admin:news_article_add"),
        form_data(
            title="测试：定时发布的新闻",
            category=category.pk,
            body="<p>合成的测试正文。</p>",
            status=Article.Status.PUBLISHED,
            published_at_0=tomorrow.strftime("%Y-%m-%d"),
            published_at_1=tomorrow.strftime("%H:%M:%S"),
            departments=[department.pk],
            **{
                "images-TOTAL_FORMS": "1",
                "images-0-caption": "只有说明、没有照片的图片",
                "images-0-display_order": "1",
            },
        ),
    )

    assert response.status_code == 302, response.content.decode()
    article = Article.objects.get(title="测试：定时发布的新闻")
    assert article.is_scheduled
    assert list(article.departments.all()) == [department]
    assert article.images.get().caption == "只有说明、没有照片的图片"
    changelist = client.get(reverse("admin:news_article_changelist")).content.decode()
    assert "定时发布（" in changelist


def test_communications_office_publishes_from_the_list(client, communications):
    article = ArticleFactory(draft=True)

    response = client.post(
        reverse("admin:news_article_changelist"),
        {"action": "publish_now", "_selected_action": [article.pk]},
        follow=True,
    )

    assert "已发布 1 条内容" in response.content.decode()
    article.refresh_from_db()
    assert article.is_live


def test_communications_office_may_upload_images_into_the_text_and_reach_nothing_outside_news(client, communications):
    assert communications.has_perm("core.add_uploadedimage")
    for perm in ("news.add_article", "news.change_article", "news.delete_article", "news.add_articleimage"):
        assert communications.has_perm(perm)
    assert not communications.has_perm("departments.change_department")
    assert not communications.has_perm("departments.view_department")
    assert not communications.has_perm("experts.change_expert")
    assert not communications.has_perm("core.change_campus")
    assert not communications.has_perm("auth.change_user")
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert client.get(reverse("admin:core_campus_changelist")).status_code == 403


def test_change_form_warns_before_leaving_and_links_to_the_preview(client, communications):
    article = ArticleFactory(draft=True)

    html = client.get(reverse("admin:news_article_change", args=[article.pk])).content.decode()

    assert "js/admin-news.js" in html
    assert 'name="edit_token"' in html
    view_on_site = re.search(r'<a href="([^"]+)" class="viewsitelink"', html).group(1)
    preview = client.get(view_on_site, follow=True)
    assert preview.redirect_chain[-1][0].endswith(article.get_absolute_url())
    assert "预览：此文章尚未发布" in preview.content.decode()


def test_stale_save_is_refused_with_a_chinese_message_and_changes_nothing(client, communications):
    article = ArticleFactory(title="原标题")
    url = reverse("admin:news_article_change", args=[article.pk])
    token = token_in(client.get(url).content.decode())

    # A colleague saves the article after this editor opened it.
    article.refresh_from_db()
    article.summary = "同事的修改"
    article.save()

    response = client.post(
        url,
        form_data(
            article,
            title="我的修改",
            summary="",
            edit_token=token,
            **{"images-TOTAL_FORMS": "1", "images-0-caption": "我新加的图片说明"},
        ),
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "已被其他人修改并保存" in html
    assert "重新加载" in html
    article.refresh_from_db()
    assert article.title == "原标题"
    assert article.summary == "同事的修改"
    assert not ArticleImage.objects.filter(caption="我新加的图片说明").exists()
    # The page still carries the old token: saving again without reloading is refused again.
    assert token_in(html) == token


def test_save_on_the_current_version_goes_through(client, communications):
    article = ArticleFactory(title="原标题")
    ArticleImageFactory(article=article, caption="原有说明")
    url = reverse("admin:news_article_change", args=[article.pk])
    token = token_in(client.get(url).content.decode())
    image = article.images.get()

    response = client.post(
        url,
        form_data(
            article,
            title="新标题",
            edit_token=token,
            **{
                "images-TOTAL_FORMS": "1",
                "images-INITIAL_FORMS": "1",
                "images-0-id": image.pk,
                "images-0-article": article.pk,
                "images-0-caption": "改过的说明",
                "images-0-display_order": "0",
            },
        ),
    )

    assert response.status_code == 302, response.content.decode()
    article.refresh_from_db()
    assert article.title == "新标题"
    assert article.images.get().caption == "改过的说明"


def test_change_without_the_version_token_is_refused(client, communications):
    article = ArticleFactory(title="原标题")

    response = client.post(reverse("admin:news_article_change", args=[article.pk]), form_data(article, title="改"))

    assert response.status_code == 200
    assert "已被其他人修改并保存" in response.content.decode()
    article.refresh_from_db()
    assert article.title == "原标题"


def test_content_administrators_edit_news_too():
    group = Group.objects.get(name="内容管理员")
    assert group.permissions.filter(content_type__app_label="news", codename="change_article").exists()


def test_news_writers_find_departments_and_experts_by_typing_without_access_to_them(client, communications):
    DepartmentFactory(name="测试查找科室")
    ExpertFactory(name="测试查找专家")
    url = reverse("admin:news_article_lookup")

    def lookup(field_name, term, app_label="news", model_name="article"):
        params = {"app_label": app_label, "model_name": model_name, "field_name": field_name, "term": term}
        return client.get(url, params)

    assert [r["text"] for r in lookup("departments", "查找科室").json()["results"]] == ["测试查找科室"]
    assert [r["text"] for r in lookup("experts", "查找专家").json()["results"]] == ["测试查找专家"]
    assert [r["text"] for r in lookup("reviewed_by", "查找专家").json()["results"]] == ["测试查找专家"]
    # The news lookup opens no other model's links, and the departments admin itself stays closed.
    assert lookup("departments", "查找", app_label="experts", model_name="expert").status_code == 403
    assert lookup("category", "测试").status_code == 403
    assert client.get(reverse("admin:departments_department_changelist")).status_code == 403


def test_lookup_is_refused_to_staff_who_do_not_write_news(client):
    client.force_login(UserFactory(username="other-staff-lookup"))
    params = {"app_label": "news", "model_name": "article", "field_name": "departments", "term": ""}

    assert client.get(reverse("admin:news_article_lookup"), params).status_code == 403


def test_change_form_uses_the_typing_lookup_for_departments_and_experts(client, communications):
    article = ArticleFactory()

    html = client.get(reverse("admin:news_article_change", args=[article.pk])).content.decode()

    lookup_url = reverse("admin:news_article_lookup")
    for field in ("departments", "experts", "reviewed_by"):
        assert re.search(rf'<select[^>]*name="{field}"[^>]*data-ajax--url="{lookup_url}"', html) or re.search(
            rf'<select[^>]*data-ajax--url="{lookup_url}"[^>]*name="{field}"', html
        ), field


def test_communications_office_uploads_an_image_into_the_article_text(client, communications, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    picture = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(picture, format="PNG")
    upload = SimpleUploadedFile("test.png", picture.getvalue(), content_type="image/png")

    response = client.post(reverse("core:editor-image-upload"), {"upload": upload})

    assert response.status_code == 200
    assert response.json()["url"].startswith(settings.MEDIA_URL)


def test_an_earlier_version_can_be_restored_from_the_history(client, communications):
    article = ArticleFactory(title="第一版标题")
    change_url = reverse("admin:news_article_change", args=[article.pk])
    first = admin_form_data(client.get(change_url))
    assert client.post(change_url, first).status_code == 302
    second = admin_form_data(client.get(change_url))
    assert client.post(change_url, {**second, "title": "第二版标题"}).status_code == 302

    oldest = Version.objects.get_for_object(Article.objects.get(pk=article.pk)).order_by("pk").first()
    revision_url = reverse("admin:news_article_revision", args=[article.pk, oldest.pk])
    restored = admin_form_data(client.get(revision_url))
    response = client.post(revision_url, restored)

    assert response.status_code == 302, response.content.decode()
    article.refresh_from_db()
    assert article.title == "第一版标题"


def test_communications_office_picks_a_category_but_cannot_change_its_rules(client, communications):
    """Whether a category needs an expert's review before publishing is the content administrators' to set."""
    health = CategoryFactory(name="测试健康科普", requires_review=True)
    opts = "admin:news_category"

    for url in (
        reverse(f"{opts}_changelist"),
        reverse(f"{opts}_add"),
        reverse(f"{opts}_change", args=[health.pk]),
        reverse(f"{opts}_delete", args=[health.pk]),
    ):
        assert client.get(url).status_code == 403, url
    refused = client.post(reverse(f"{opts}_change", args=[health.pk]), {"name": health.name, "slug": health.slug})
    assert refused.status_code == 403
    health.refresh_from_db()
    assert health.requires_review

    article_form = client.get(reverse("admin:news_article_add")).content.decode()
    assert f'<option value="{health.pk}">测试健康科普</option>' in article_form
    assert reverse(f"{opts}_add") not in article_form  # no "add another" next to the category
    assert reverse("admin:news_category_changelist") not in client.get(reverse("admin:index")).content.decode()
