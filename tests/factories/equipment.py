"""Devices and their categories."""

import datetime

import factory
from django.utils import timezone

from apps.equipment.models import Equipment, EquipmentCategory

from .departments import link_departments


class EquipmentCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EquipmentCategory
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"测试类别{n}")
    display_order = factory.Sequence(lambda n: n)


class EquipmentFactory(factory.django.DjangoModelFactory):
    """A published device; pass `departments=[...]` to link it."""

    class Meta:
        model = Equipment
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"测试设备{n}号")
    category = factory.SubFactory(EquipmentCategoryFactory)
    manufacturer = "示例厂商"
    status = Equipment.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=1))

    departments = factory.PostGeneration(link_departments)
