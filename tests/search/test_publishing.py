"""Only what visitors may see is found: drafts never, scheduled news exactly from its publish time."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from tests.factories import ArticleFactory, EquipmentFactory

pytestmark = pytest.mark.django_db

NOON = datetime.datetime(2026, 3, 2, 12, 0, tzinfo=datetime.UTC)


def test_a_draft_article_is_never_found(titles_found):
    ArticleFactory(title="测试草稿新闻", draft=True)
    assert titles_found("测试草稿新闻") == []


def test_a_scheduled_article_is_found_exactly_from_its_publish_time_with_no_job(titles_found, client):
    with time_machine.travel(NOON, tick=False):
        article = ArticleFactory(title="测试定时新闻", published_at=NOON + datetime.timedelta(hours=2))
        assert titles_found("测试定时新闻") == []

    with time_machine.travel(NOON + datetime.timedelta(hours=1, minutes=59), tick=False):
        assert titles_found("测试定时新闻") == []
        html = client.get("/search/", {"q": "测试定时新闻"}).content.decode()
        assert "没有找到与“测试定时新闻”相关的" in html
        assert article.get_absolute_url() not in html

    with time_machine.travel(NOON + datetime.timedelta(hours=2), tick=False):
        assert titles_found("测试定时新闻") == ["测试定时新闻"]
        html = client.get("/search/", {"q": "测试定时新闻"}).content.decode()
        assert f'href="{article.get_absolute_url()}"' in html


def test_unpublishing_an_article_hides_it_at_once(titles_found):
    article = ArticleFactory(title="测试撤回新闻")
    assert titles_found("测试撤回新闻") == ["测试撤回新闻"]
    article.status = article.Status.DRAFT
    article.save()
    assert titles_found("测试撤回新闻") == []


def test_a_scheduled_device_follows_the_same_rule(titles_found):
    EquipmentFactory(name="测试定时设备", published_at=timezone.now() + datetime.timedelta(days=1))
    assert titles_found("测试定时设备") == []
    with time_machine.travel(timezone.now() + datetime.timedelta(days=1, minutes=1)):
        assert titles_found("测试定时设备") == ["测试定时设备"]
