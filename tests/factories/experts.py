"""Experts, their workstations and their clinic schedules."""

import factory

from apps.experts.models import ClinicType, Expert, Period, ScheduleException, WeeklySession, Workstation

from .core import CampusFactory


class ExpertFactory(factory.django.DjangoModelFactory):
    """An active expert of no department: `departments=[...]` lists them in some, else their `primary_department`."""

    class Meta:
        model = Expert
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"测试专家{n}")
    clinical_title = Expert.ClinicalTitle.CHIEF

    @factory.post_generation
    def departments(self, create, extracted, **kwargs):
        if create and (extracted or self.primary_department):
            self.departments.add(*(extracted or [self.primary_department]))


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
