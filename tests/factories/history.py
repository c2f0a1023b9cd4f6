"""The hospital's history: its profile, former names, key figures, milestones and honours."""

import datetime

import factory

from apps.history.models import Honour, HospitalName, HospitalProfile, KeyFigure, KeyFigureValue, Milestone, Source


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    title = factory.Sequence(lambda n: f"测试资料{n}号")
    short_title = factory.Sequence(lambda n: f"测试资料{n}")
    year = 2030


def cite_sources(record, create, extracted, **kwargs):
    """`sources=[...]` cites those sources, else a new one: every milestone and honour has a source."""
    if create:
        record.sources.set(extracted or [SourceFactory()])


class HospitalProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HospitalProfile

    name = "示例医院"
    full_name = "示例大学附属示例医院"
    summary = "示例医院是用于测试的虚构医院。"
    founded_year = 1950
    motto = "测试院训"
    mission = "测试使命"
    spirit = "测试精神"
    grade = "测试等级"


class HospitalNameFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HospitalName

    profile = factory.SubFactory(HospitalProfileFactory)
    name = factory.Sequence(lambda n: f"示例旧名{n}")
    year = factory.Sequence(lambda n: 1950 + n)
    source = factory.SubFactory(SourceFactory)


class KeyFigureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KeyFigure

    label = factory.Sequence(lambda n: f"测试指标{n}")
    unit = "个"
    category = KeyFigure.Category.SCALE


class KeyFigureValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KeyFigureValue

    figure = factory.SubFactory(KeyFigureFactory)
    value = factory.Sequence(lambda n: str(900000 + n))
    year = 2030
    source = factory.SubFactory(SourceFactory)


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone
        skip_postgeneration_save = True

    date = datetime.date(2030, 1, 1)
    precision = Milestone.Precision.YEAR
    title = factory.Sequence(lambda n: f"测试大事{n}")
    category = Milestone.Category.CULTURE

    sources = factory.PostGeneration(cite_sources)


class HonourFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Honour
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"测试荣誉{n}")
    level = Honour.Level.MUNICIPAL
    recipient_name = "示例医院"

    sources = factory.PostGeneration(cite_sources)
