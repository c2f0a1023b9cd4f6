"""One article: what a visitor reads, what an editor previews, the way to the previous and next articles."""

import datetime
import io
import re
import zoneinfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from apps.news.models import Article
from tests.factories import (
    ArticleFactory,
    ArticleImageFactory,
    CategoryFactory,
    DepartmentFactory,
    ExpertFactory,
    UserFactory,
    communications_editor,
)

pytestmark = pytest.mark.django_db

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def at(day, hour=9):
    return datetime.datetime(2022, 3, day, hour, 0, tzinfo=SHANGHAI)


def test_article_page_shows_title_byline_source_and_cleaned_body(client):
    article = ArticleFactory(
        title="测试标题",
        subtitle="——测试副标题",
        reporter="全媒体记者 测试甲",
        correspondent="测试乙",
        photographer="测试丙",
        source="测试日报",
        date_note="测试日期说明。",
        body='<h2>小标题</h2><p>正文<script>alert(1)</script><a href="javascript:alert(1)">链接</a></p>',
        published_at=at(1),
    )

    response = client.get(article.get_absolute_url())

    html = response.content.decode()
    assert "<h1>测试标题</h1>" in html
    assert "——测试副标题" in html
    assert "<span>全媒体记者 测试甲</span> <span>通讯员 测试乙</span> <span>摄影 测试丙</span>" in html
    assert "来源：测试日报" in html
    assert "测试日期说明。" in html
    assert '<time datetime="2022-03-01T09:00:00+08:00">2022年3月1日</time>' in html
    assert "<h2>小标题</h2>" in html
    assert "<script>alert" not in html
    assert "javascript:" not in html
    assert "预览" not in html


def test_gallery_shows_photographs_that_exist_and_captions_without_fake_photos(client):
    article = ArticleFactory()
    ArticleImageFactory(article=article, caption="没有照片的说明")

    html = client.get(article.get_absolute_url()).content.decode()

    gallery = html[html.index('class="article-gallery"') :]
    gallery = gallery[: gallery.index("</section>")]
    assert "没有照片的说明" in gallery
    assert "照片未收录，仅保留原图片说明。" in gallery
    assert "<img" not in gallery


def test_editor_previews_a_draft_with_a_clear_banner(client):
    article = ArticleFactory(draft=True, title="待审的草稿")
    editor = communications_editor(username="xuanchuan-preview")
    client.force_login(editor)

    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    assert "预览：此文章尚未发布" in html
    assert "草稿，访客看不到" in html
    assert '<meta name="robots" content="noindex">' in html
    assert "no-store" in response["Cache-Control"]


def test_editor_previews_a_scheduled_article_with_its_publish_time(client):
    publish_at = timezone.localtime() + datetime.timedelta(days=3)
    article = ArticleFactory(published_at=publish_at)
    client.force_login(communications_editor(username="xuanchuan-scheduled"))

    html = client.get(article.get_absolute_url()).content.decode()

    assert "预览：此文章尚未发布" in html
    assert f"将于 {publish_at:%Y年%-m月%-d日 %H:%M} 自动发布" in html


def test_staff_without_news_permission_cannot_preview(client):
    article = ArticleFactory(draft=True)
    client.force_login(UserFactory(username="other-staff"))

    assert client.get(article.get_absolute_url()).status_code == 404


def test_previous_and_next_follow_publish_time_among_published_articles_only(client):
    older = ArticleFactory(title="三月一日", published_at=at(1))
    ArticleFactory(draft=True, title="三月二日的草稿", published_at=at(2))
    current = ArticleFactory(title="三月三日", published_at=at(3), is_pinned=True)
    ArticleFactory(title="将来的新闻", published_at=timezone.now() + datetime.timedelta(days=1))
    newer = ArticleFactory(title="三月四日", published_at=at(4))

    html = client.get(current.get_absolute_url()).content.decode()

    assert f'<a href="{older.get_absolute_url()}" rel="prev">三月一日</a>' in html
    assert f'<a href="{newer.get_absolute_url()}" rel="next">三月四日</a>' in html
    assert "草稿" not in html
    assert "将来的新闻" not in html


def test_articles_published_at_the_same_moment_still_have_a_previous_and_next(client):
    first = ArticleFactory(title="同时甲", published_at=at(5))
    second = ArticleFactory(title="同时乙", published_at=at(5))

    assert 'rel="next">同时乙</a>' in client.get(first.get_absolute_url()).content.decode()
    assert 'rel="prev">同时甲</a>' in client.get(second.get_absolute_url()).content.decode()


def test_first_article_has_no_previous(client):
    article = ArticleFactory()

    html = client.get(article.get_absolute_url()).content.decode()

    assert 'rel="prev"' not in html
    assert 'rel="next"' not in html


def test_article_links_its_departments_and_experts_that_are_shown_on_the_site(client):
    department = DepartmentFactory(name="测试心内科")
    hidden_department = DepartmentFactory(name="测试隐藏科室", is_visible=False)
    expert = ExpertFactory(name="测试医生")
    retired = ExpertFactory(name="测试离职医生", is_active=False)
    article = ArticleFactory()
    article.departments.add(department, hidden_department)
    article.experts.add(expert, retired)

    html = client.get(article.get_absolute_url()).content.decode()

    assert f'href="{department.get_absolute_url()}">测试心内科</a>' in html
    assert f'href="{expert.get_absolute_url()}">测试医生 · 主任医师</a>' in html
    assert "测试隐藏科室" not in html
    assert "测试离职医生" not in html


def test_health_article_shows_its_reviewer_and_review_date(client):
    health = CategoryFactory(name="健康科普", slug="jian-kang-ke-pu", requires_review=True)
    reviewer = ExpertFactory(name="测试审核专家")
    article = ArticleFactory(category=health, reviewed_by=reviewer, reviewed_on=datetime.date(2022, 3, 1))

    html = client.get(article.get_absolute_url()).content.decode()

    assert f'医学内容审核：<a href="{reviewer.get_absolute_url()}">测试审核专家</a>（主任医师）' in html
    assert '<time datetime="2022-03-01">2022年3月1日</time>' in html


def test_renamed_article_redirects_from_its_old_address(client):
    article = ArticleFactory(slug="jiu-de-wang-zhi")
    article.slug = "xin-de-wang-zhi"
    article.save()

    response = client.get("/news/jiu-de-wang-zhi/")

    assert response.status_code == 301
    assert response["Location"] == "/news/xin-de-wang-zhi/"


def test_new_article_gets_a_pinyin_address_from_its_title():
    article = ArticleFactory(title="测试拼音网址", slug="")

    assert article.slug == "ce-shi-pin-yin-wang-zhi"
    assert article.get_absolute_url() == reverse("news:detail", kwargs={"slug": "ce-shi-pin-yin-wang-zhi"})


def test_unknown_article_is_a_chinese_404(client, settings):
    settings.DEBUG = False

    response = client.get("/news/no-such-article/")

    assert response.status_code == 404
    assert "抱歉，您要找的页面不存在" in response.content.decode()


def test_feed_lists_newest_first_with_titles_categories_and_links(client):
    category = CategoryFactory(name="测试动态")
    ArticleFactory(title="较早", category=category, published_at=at(1))
    ArticleFactory(title="较新", category=category, published_at=at(2), summary="较新的摘要")

    response = client.get(reverse("news:feed"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    xml = response.content.decode()
    assert "<title>衡阳市中心医院 新闻动态</title>" in xml
    assert xml.index("<title>较新</title>") < xml.index("<title>较早</title>")
    assert "<description>较新的摘要</description>" in xml
    assert "<category>测试动态</category>" in xml
    assert Article.objects.count() == 2


def test_gallery_photograph_is_shown_as_resized_renditions_with_its_alt_text(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    picture = io.BytesIO()
    Image.new("RGB", (800, 600), "white").save(picture, format="PNG")
    article = ArticleFactory()
    ArticleImageFactory(
        article=article,
        image=SimpleUploadedFile("photo.png", picture.getvalue(), content_type="image/png"),
        caption="有照片的说明",
        alt_text="合成的白色测试图片",
    )
    ArticleImageFactory(article=article, caption="没有照片的说明")

    html = client.get(article.get_absolute_url()).content.decode()

    gallery = html[html.index('class="article-gallery"') :]
    gallery = gallery[: gallery.index("</section>")]
    assert '<h2 id="gallery-title">图片</h2>' in gallery
    assert "部分照片未收录" in gallery
    assert gallery.count("<img") == 1
    assert 'alt="合成的白色测试图片"' in gallery
    assert "srcset=" in gallery
    assert "photo.png" not in gallery  # the upload is stored under a generated name
    assert re.search(r'src="[^"]+\.webp"', gallery)  # a resized rendition, never the original
