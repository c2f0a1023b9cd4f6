"""Departments and what is said of them: designations, centres and conditions."""

import factory

from apps.departments.models import Centre, Condition, Department, Designation, DesignationCount, DesignationType


def link_departments(record, create, extracted, **kwargs):
    """`departments=[...]` links the record to those departments."""
    if create and extracted:
        record.departments.set(extracted)


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"测试科室{n}")


class DesignationTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DesignationType

    name = factory.Sequence(lambda n: f"测试称号类别{n}")
    group = DesignationType.Group.KEY_SPECIALTY


class DesignationCountFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DesignationCount

    designation_type = factory.SubFactory(DesignationTypeFactory)
    count = 3
    source = factory.Sequence(lambda n: f"测试资料{n}")


class DesignationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Designation
        skip_postgeneration_save = True

    designation_type = factory.SubFactory(DesignationTypeFactory)
    name = factory.Sequence(lambda n: f"测试称号{n}")

    departments = factory.PostGeneration(link_departments)


class CentreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Centre
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"测试基地{n}")
    kind = Centre.Kind.BASE

    departments = factory.PostGeneration(link_departments)


class ConditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Condition
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"测试病症{n}")

    departments = factory.PostGeneration(link_departments)
