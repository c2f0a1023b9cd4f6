"""Synthetic news data for tests: every name says it is a test record, nothing is about the real hospital."""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from apps.departments.models import Department
from apps.experts.models import Expert
from apps.news.models import Article, ArticleImage, Category


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department

    name = factory.Sequence(lambda n: f"测试科室{n}")
    slug = factory.Sequence(lambda n: f"ce-shi-ke-shi-{n}")


class ExpertFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Expert

    name = factory.Sequence(lambda n: f"测试专家{n}")
    slug = factory.Sequence(lambda n: f"ce-shi-zhuan-jia-{n}")
    clinical_title = Expert.ClinicalTitle.CHIEF


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"测试栏目{n}")
    slug = factory.Sequence(lambda n: f"ce-shi-lan-mu-{n}")


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"测试新闻标题{n}")
    slug = factory.Sequence(lambda n: f"ce-shi-xin-wen-{n}")
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


def make_user(username, groups=(), **extra):
    user = get_user_model().objects.create_user(username=username, password="test-password-only-for-tests", **extra)
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user
