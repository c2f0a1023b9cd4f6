"""Records for the search tests. Names the seeds give are used with only what the seeds say of them;
everything else is obviously synthetic (测试…)."""

import datetime

import factory
from django.utils import timezone

from apps.equipment.models import Equipment, EquipmentCategory
from apps.experts.models import Expert, Workstation
from apps.news.models import Article, ArticleImage, Category

# Shared with the other apps' tests: one factory for conditions, one for departments found by name.
from tests.departments.factories import ConditionFactory  # noqa: F401
from tests.experts.factories import DepartmentFactory  # noqa: F401


class ExpertFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Expert
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"测试专家{n}")
    clinical_title = Expert.ClinicalTitle.CHIEF

    @factory.post_generation
    def departments(self, create, extracted, **kwargs):
        if create and extracted:
            self.departments.set(extracted)


class WorkstationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Workstation

    name = factory.Sequence(lambda n: f"测试工作室{n}")


class EquipmentCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EquipmentCategory
        django_get_or_create = ("name",)

    name = "测试设备类别"


class EquipmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Equipment

    name = factory.Sequence(lambda n: f"测试设备{n}")
    category = factory.SubFactory(EquipmentCategoryFactory)
    status = Equipment.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("name",)

    name = "测试栏目"


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"测试新闻{n}")
    category = factory.SubFactory(CategoryFactory)
    body = factory.Sequence(lambda n: f"<p>第{n}篇合成的测试正文。</p>")
    status = Article.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))

    class Params:
        draft = factory.Trait(status=Article.Status.DRAFT)


class ArticleImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ArticleImage

    article = factory.SubFactory(ArticleFactory)
    caption = factory.Sequence(lambda n: f"测试图片说明{n}")
