"""Drafts and scheduled articles stay out of every public place until their time, then appear by themselves."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from tests.factories import ArticleFactory, CategoryFactory, DepartmentFactory, ExpertFactory

pytestmark = pytest.mark.django_db


def public_places(client, article):
    """What a visitor would read in each place an article can appear."""
    year = timezone.localtime(article.published_at).year
    return {
        "list": client.get(reverse("news:list")).content.decode(),
        "category": client.get(article.category.get_absolute_url()).content.decode(),
        "year": client.get(reverse("news:list"), {"year": year}).content.decode(),
        "feed": client.get(reverse("news:feed")).content.decode(),
        "sitemap": client.get(reverse("sitemap")).content.decode(),
    }


def test_published_article_appears_everywhere_a_visitor_looks(client):
    article = ArticleFactory(title="已发布的测试新闻")

    for place, text in public_places(client, article).items():
        assert article.get_absolute_url() in text, place
    assert client.get(article.get_absolute_url()).status_code == 200


def test_draft_article_is_hidden_from_visitors_everywhere(client):
    article = ArticleFactory(draft=True, title="草稿测试新闻", published_at=timezone.now() - datetime.timedelta(days=3))

    for place, text in public_places(client, article).items():
        assert article.get_absolute_url() not in text, place
        assert "草稿测试新闻" not in text, place
    response = client.get(article.get_absolute_url())
    assert response.status_code == 404


def test_scheduled_article_is_hidden_until_its_time_then_appears_without_any_action(client):
    category = CategoryFactory()
    publish_at = timezone.now() + datetime.timedelta(days=2)
    article = ArticleFactory(title="定时发布的测试新闻", category=category, published_at=publish_at)

    for place, text in public_places(client, article).items():
        assert "定时发布的测试新闻" not in text, place
    assert client.get(article.get_absolute_url()).status_code == 404

    with time_machine.travel(publish_at + datetime.timedelta(minutes=1), tick=False):
        for place, text in public_places(client, article).items():
            assert article.get_absolute_url() in text, place
        response = client.get(article.get_absolute_url())
        assert response.status_code == 200
        assert "预览" not in response.content.decode()


def test_an_article_published_a_moment_ago_appears_at_once_on_pages_already_served(client):
    """Every request asks the time afresh: a worker that served these pages before does not need a restart."""
    department, expert = DepartmentFactory(), ExpertFactory()
    article = ArticleFactory(draft=True, title="刚刚发布的测试新闻")
    article.departments.add(department)
    article.experts.add(expert)
    pages = [department.get_absolute_url(), expert.get_absolute_url()]
    for url in pages:
        assert "刚刚发布的测试新闻" not in client.get(url).content.decode()
    assert client.get(article.get_absolute_url()).status_code == 404

    article.status = article.Status.PUBLISHED
    article.published_at = timezone.now()  # after the requests above, and passed by the time of the ones below
    article.save()

    assert client.get(article.get_absolute_url()).status_code == 200
    for url in pages:
        assert "刚刚发布的测试新闻" in client.get(url).content.decode(), url


def test_withdrawn_article_disappears_from_the_feed_and_sitemap(client):
    article = ArticleFactory()
    assert article.get_absolute_url() in client.get(reverse("news:feed")).content.decode()

    article.status = article.Status.DRAFT
    article.save()

    assert article.get_absolute_url() not in client.get(reverse("news:feed")).content.decode()
    assert article.get_absolute_url() not in client.get(reverse("sitemap")).content.decode()
