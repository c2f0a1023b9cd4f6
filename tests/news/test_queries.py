"""Each news page runs the same small number of SQL queries whatever the number of articles."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from tests.factories import ArticleFactory, ArticleImageFactory, CategoryFactory, DepartmentFactory, ExpertFactory
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db

MAX_QUERIES = 10


def populate(count, category):
    """`count` published articles, each with photos' captions, departments and experts, and some drafts."""
    departments = DepartmentFactory.create_batch(3)
    experts = ExpertFactory.create_batch(3)
    articles = ArticleFactory.create_batch(count, category=category)
    ArticleFactory.create_batch(count, category=category, draft=True)
    for article in articles:
        ArticleImageFactory.create_batch(2, article=article)
        article.departments.set(departments)
        article.experts.set(experts)
    return articles


PAGES = {
    "list": lambda category, article: reverse("news:list"),
    "category": lambda category, article: category.get_absolute_url(),
    "year": lambda category, article: f"{reverse('news:list')}?year={article.published_at.year}",
    "detail": lambda category, article: article.get_absolute_url(),
    "feed": lambda category, article: reverse("news:feed"),
}


@pytest.mark.parametrize("page", PAGES)
def test_news_page_query_count_does_not_grow_with_the_data(client, django_assert_num_queries, page):
    category = CategoryFactory(slug="ce-shi-lan-mu")
    CategoryFactory.create_batch(3)
    small = populate(3, category)
    url = PAGES[page](category, small[1])
    expected = count_queries(client, url, first_visit=True)
    assert expected <= MAX_QUERIES

    large = populate(15, category)
    CategoryFactory.create_batch(5)
    for article in large:
        ArticleImageFactory.create_batch(3, article=article)

    cache.clear()
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert response.status_code == 200
