"""Rules an article must keep: a 健康科普 article is published only with its reviewer and review date."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from apps.news.models import Article, ArticleImage
from tests.factories import ArticleFactory, CategoryFactory, ExpertFactory, communications_editor

pytestmark = pytest.mark.django_db


@pytest.fixture
def health():
    return CategoryFactory(name="健康科普", slug="jian-kang-ke-pu", requires_review=True)


def test_health_article_cannot_be_published_without_reviewer_and_date(health):
    article = ArticleFactory.build(category=health, status=Article.Status.PUBLISHED)

    with pytest.raises(ValidationError) as error:
        article.full_clean()

    assert error.value.message_dict["reviewed_by"] == ["“健康科普”文章发布前须选择审核专家。"]
    assert error.value.message_dict["reviewed_on"] == ["“健康科普”文章发布前须填写审核日期。"]


def test_health_article_may_be_drafted_before_its_review(health):
    article = ArticleFactory.build(category=health, status=Article.Status.DRAFT)

    article.full_clean()


def test_health_article_with_reviewer_and_date_may_be_published(health):
    article = ArticleFactory.build(
        category=health, reviewed_by=ExpertFactory(), reviewed_on=datetime.date(2022, 3, 1), slug="ke-pu"
    )

    article.full_clean()


def test_other_categories_need_no_reviewer():
    ArticleFactory.build(category=CategoryFactory(), slug="pu-tong").full_clean()


def test_review_date_without_reviewer_is_refused_by_the_database():
    with pytest.raises(IntegrityError):
        ArticleFactory(reviewed_on=datetime.date(2022, 3, 1))


def test_gallery_item_needs_a_photograph_or_a_caption():
    with pytest.raises(IntegrityError):
        ArticleImage.objects.create(article=ArticleFactory(), caption="", image="")


def test_admin_refuses_to_publish_an_unreviewed_health_article_from_the_list(client, health):
    article = ArticleFactory(category=health, draft=True, title="未审核的科普")
    ready = ArticleFactory(draft=True, title="普通新闻")
    client.force_login(communications_editor(username="xuanchuan-rules"))

    response = client.post(
        reverse("admin:news_article_changelist"),
        {"action": "publish_now", "_selected_action": [article.pk, ready.pk]},
        follow=True,
    )

    html = response.content.decode()
    assert "以下文章缺少审核专家或审核日期，未发布：未审核的科普" in html
    assert "已发布 1 条内容" in html
    article.refresh_from_db()
    ready.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    assert ready.status == Article.Status.PUBLISHED


def test_admin_form_refuses_to_publish_an_unreviewed_health_article(client, health):
    client.force_login(communications_editor(username="xuanchuan-form"))
    now = timezone.localtime()

    response = client.post(
        reverse("admin:news_article_add"),
        {
            "title": "测试科普文章",
            "category": health.pk,
            "body": "<p>合成的测试科普正文。</p>",
            "status": Article.Status.PUBLISHED,
            "published_at_0": now.strftime("%Y-%m-%d"),
            "published_at_1": now.strftime("%H:%M:%S"),
            "images-TOTAL_FORMS": "0",
            "images-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "“健康科普”文章发布前须选择审核专家。" in html
    assert "“健康科普”文章发布前须填写审核日期。" in html
    assert not Article.objects.filter(title="测试科普文章").exists()
