"""News articles, their categories and images."""

import datetime

import factory
from django.utils import timezone

from apps.news.models import Article, ArticleImage, Category


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"测试栏目{n}")


class ArticleFactory(factory.django.DjangoModelFactory):
    """An article published yesterday; `draft=True` or `scheduled=True` for the others."""

    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"测试新闻标题{n}")
    category = factory.SubFactory(CategoryFactory)
    body = factory.Sequence(lambda n: f"<p>这是第{n}篇合成的测试正文。</p>")
    status = Article.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))

    class Params:
        draft = factory.Trait(status=Article.Status.DRAFT)
        scheduled = factory.Trait(
            published_at=factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=1))
        )


class ArticleImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ArticleImage

    article = factory.SubFactory(ArticleFactory)
    caption = factory.Sequence(lambda n: f"测试图片说明{n}")
