"""Obviously synthetic departments, designations, centres, conditions and experts for the department tests."""

import factory
from django.apps import apps

from apps.core.models import Campus
from apps.departments.models import Centre, Condition, Department, Designation, DesignationCount, DesignationType


class CampusFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campus
        django_get_or_create = ("name",)
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"测试院区{n}")


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department

    name = factory.Sequence(lambda n: f"测试科室{n}")
    kind = Department.Kind.CLINICAL


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

    @factory.post_generation
    def departments(self, create, extracted, **kwargs):
        if create and extracted:
            self.departments.set(extracted)


class CentreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Centre
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"测试基地{n}")
    kind = Centre.Kind.BASE

    @factory.post_generation
    def departments(self, create, extracted, **kwargs):
        if create and extracted:
            self.departments.set(extracted)


class ConditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Condition
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"测试病症{n}")

    @factory.post_generation
    def departments(self, create, extracted, **kwargs):
        if create and extracted:
            self.departments.set(extracted)


class ExpertFactory(factory.django.DjangoModelFactory):
    """An expert of the experts app, reached by label: department code never imports that app."""

    class Meta:
        model = apps.get_model("experts", "Expert")
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"测试专家{n}")
    clinical_title = "chief"

    @factory.post_generation
    def departments(self, create, extracted, **kwargs):
        if create and extracted:
            self.departments.set(extracted)
