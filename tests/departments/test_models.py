"""Rules the department data keeps: slugs, parents, unique designations, published counts, 导诊 lookups."""

import pytest
from django.core import serializers
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from apps.departments.models import Condition, Department, Designation
from tests.factories import (
    CentreFactory,
    ConditionFactory,
    DepartmentFactory,
    DesignationCountFactory,
    DesignationFactory,
    DesignationTypeFactory,
)

pytestmark = pytest.mark.django_db


def test_slug_is_readable_pinyin_of_the_name():
    assert DepartmentFactory(name="神经外科").slug == "shen-jing-wai-ke"
    assert DepartmentFactory(name="神经外科（测试）").slug == "shen-jing-wai-ke-ce-shi"


def test_same_pinyin_gets_a_numbered_slug():
    first = DepartmentFactory(name="测试")
    second = DepartmentFactory(name="侧室")  # ce-shi too
    assert first.slug == "ce-shi"
    assert second.slug == "ce-shi-2"


def test_a_department_cannot_be_its_own_parent_in_the_database():
    department = DepartmentFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Department.objects.filter(pk=department.pk).update(parent=department)


def test_a_centre_cannot_sit_below_one_of_its_own_divisions():
    centre = DepartmentFactory(name="测试中心", kind=Department.Kind.CENTRE)
    division = DepartmentFactory(name="测试分科", parent=centre)
    centre.parent = division
    with pytest.raises(ValidationError) as error:
        centre.full_clean()
    assert "所属中心不能是本科室或其下属科室。" in error.value.message_dict["parent"]


def test_designation_names_are_unique_within_their_type_only():
    quality = DesignationTypeFactory(name="测试质控中心")
    committees = DesignationTypeFactory(name="测试专委会")
    DesignationFactory(designation_type=quality, name="口腔")
    DesignationFactory(designation_type=committees, name="口腔")  # the sources list 口腔 under both
    with pytest.raises(IntegrityError), transaction.atomic():
        DesignationFactory(designation_type=quality, name="口腔")


def test_a_source_gives_one_count_per_designation_type_and_never_before_1902():
    count = DesignationCountFactory(source="测试资料", count=13, year=2022)
    assert str(count) == f"{count.designation_type}：13"
    with pytest.raises(IntegrityError), transaction.atomic():
        DesignationCountFactory(designation_type=count.designation_type, source="测试资料")
    with pytest.raises(IntegrityError), transaction.atomic():
        DesignationCountFactory(year=1900)


def test_hospital_wide_designation_has_no_department():
    designation = DesignationFactory(name="测试试点单位")
    assert designation.departments.count() == 0
    assert designation.status == Designation.Status.CURRENT


@pytest.mark.parametrize("typed", ["中风", "卒中", "脑卒"])
def test_a_complaint_finds_its_condition_by_name_or_other_name(typed):
    stroke = ConditionFactory(name="脑卒中", aliases="中风")
    ConditionFactory(name="银屑病", aliases="牛皮癣")
    assert list(Condition.objects.matching(typed)) == [stroke]


@pytest.mark.parametrize("typed", ["", "   ", "\x00"])
def test_blank_input_matches_nothing(typed):
    ConditionFactory(name="脑卒中", aliases="中风")
    assert list(Condition.objects.matching(typed)) == []
    assert list(Department.objects.matching(typed)) == []


def test_nul_bytes_in_typed_input_are_dropped_rather_than_sent_to_the_database():
    stroke = ConditionFactory(name="脑卒中", aliases="中风")
    assert list(Condition.objects.matching("中\x00风")) == [stroke]


def test_a_department_is_found_by_another_name():
    thoracic = DepartmentFactory(name="心胸外科", aliases="胸心外科")
    assert list(Department.objects.matching("胸心")) == [thoracic]
    assert list(Department.objects.matching("心胸外科")) == [thoracic]


def test_one_per_line_fields_drop_blank_lines():
    department = DepartmentFactory(aliases="甲\n\n 乙 \n", specialties="", featured_techniques="丙")
    assert department.alias_list == ["甲", "乙"]
    assert department.specialty_list == []
    assert department.technique_list == ["丙"]


def test_addresses_of_the_records_without_a_page_of_their_own():
    designation = DesignationFactory(name="测试称号")
    centre = CentreFactory(name="测试基地")
    condition = ConditionFactory(name="测试病症")
    assert designation.get_absolute_url() == f"/departments/?designation={designation.designation_type.slug}"
    assert centre.get_absolute_url() == f"/departments/#centre-{centre.slug}"
    assert condition.get_absolute_url() == f"/guide/#condition-{condition.slug}"


def test_records_round_trip_through_natural_keys():
    department = DepartmentFactory(name="测试科")
    designation = DesignationFactory(name="测试称号", departments=[department])
    count = DesignationCountFactory(designation_type=designation.designation_type)
    data = serializers.serialize(
        "json",
        [designation.designation_type, count, designation],
        use_natural_foreign_keys=True,
        use_natural_primary_keys=True,
    )
    for item in serializers.deserialize("json", data):
        assert item.object.pk in {designation.designation_type.pk, count.pk, designation.pk}
