"""Synthetic experts, departments, campuses and schedules for tests: obviously made up, never real people."""

import factory

from apps.core.models import Campus
from apps.departments.models import Department
from apps.experts.models import ClinicType, Expert, Period, ScheduleException, WeeklySession, Workstation


class CampusFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campus
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"测试院区{n}")


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"测试科室{n}")


class ExpertFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Expert
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"测试专家{n}")
    clinical_title = Expert.ClinicalTitle.CHIEF
    primary_department = factory.SubFactory(DepartmentFactory)
    specialties = "测试用擅长内容"

    @factory.post_generation
    def departments(self, create, extracted, **kwargs):
        if not create:
            return
        self.departments.add(*(extracted or ([self.primary_department] if self.primary_department else [])))


class WeeklySessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WeeklySession

    expert = factory.SubFactory(ExpertFactory)
    weekday = 1
    period = Period.MORNING
    campus = factory.SubFactory(CampusFactory)
    clinic_type = ClinicType.EXPERT
    building = "测试楼"
    floor = "3楼"
    room = "301诊室"


class ScheduleExceptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ScheduleException

    expert = factory.SubFactory(ExpertFactory)
    kind = ScheduleException.Kind.CANCEL
    reason = "测试原因"


class WorkstationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Workstation

    name = factory.Sequence(lambda n: f"测试工作室{n}")
    kind = Workstation.Kind.EXPERT_TEAM
    lead_expert = factory.SubFactory(ExpertFactory, is_visiting=True)
