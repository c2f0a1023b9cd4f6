"""An article page describes itself to search engines as a schema.org NewsArticle."""

import datetime
import json

import pytest
from django.utils import timezone

from apps.news.models import Article, Category

pytestmark = pytest.mark.django_db


def test_article_page_carries_news_article_structured_data(client):
    category = Category.objects.create(name="医院新闻")
    article = Article.objects.create(
        title="示例：义诊活动",
        category=category,
        reporter="示例记者",
        summary="示例摘要",
        status=Article.Status.PUBLISHED,
        published_at=timezone.now() - datetime.timedelta(hours=1),
    )
    html = client.get(article.get_absolute_url()).content.decode()
    data = json.loads(html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0])
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "示例：义诊活动"
    assert data["articleSection"] == "医院新闻"
    assert data["author"] == [{"@type": "Person", "name": "示例记者"}]
    assert data["url"].endswith(article.get_absolute_url())
