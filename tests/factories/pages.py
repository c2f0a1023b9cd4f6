"""The 导诊 symptom table."""

import factory

from apps.pages.models import Symptom

from .departments import link_departments


class SymptomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Symptom
        django_get_or_create = ("name",)
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"测试症状{n}")

    departments = factory.PostGeneration(link_departments)
