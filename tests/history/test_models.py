"""Rules the history models keep: dates as precise as their source, one profile, dated figures kept."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from apps.history.models import HospitalProfile, Milestone
from tests.factories import (
    HospitalProfileFactory,
    KeyFigureFactory,
    KeyFigureValueFactory,
    MilestoneFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("precision", "date", "shown", "machine"),
    [
        ("year", datetime.date(1951, 1, 1), "1951年", "1951"),
        ("month", datetime.date(1951, 1, 1), "1951年1月", "1951-01"),
        ("day", datetime.date(2021, 11, 26), "2021年11月26日", "2021-11-26"),
    ],
)
def test_milestone_date_is_shown_as_precisely_as_its_source_gives_it(precision, date, shown, machine):
    milestone = MilestoneFactory(date=date, precision=precision)
    assert milestone.display_date == shown
    assert milestone.datetime_value == machine


def test_milestone_known_to_the_month_is_stored_on_the_first_so_it_sorts_before_later_days():
    month = MilestoneFactory(date=datetime.date(2030, 2, 24), precision=Milestone.Precision.MONTH, title="月份事件")
    day = MilestoneFactory(date=datetime.date(2030, 2, 10), precision=Milestone.Precision.DAY, title="具体日期事件")
    year = MilestoneFactory(date=datetime.date(2030, 9, 9), precision=Milestone.Precision.YEAR, title="年份事件")
    month.refresh_from_db()
    year.refresh_from_db()
    assert month.date == datetime.date(2030, 2, 1)
    assert year.date == datetime.date(2030, 1, 1)
    assert list(Milestone.objects.filter(pk__in=[month.pk, day.pk, year.pk])) == [year, month, day]


def test_database_refuses_a_milestone_date_more_precise_than_its_precision():
    milestone = MilestoneFactory(precision=Milestone.Precision.YEAR)
    with pytest.raises(IntegrityError), transaction.atomic():
        Milestone.objects.filter(pk=milestone.pk).update(date=datetime.date(2030, 5, 5))


def test_there_can_be_only_one_hospital_profile():
    HospitalProfileFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        HospitalProfileFactory(name="第二个示例医院")
    assert HospitalProfile.objects.count() == 1


def test_a_key_figure_keeps_every_dated_value_and_the_newest_is_its_latest():
    figure = KeyFigureFactory(unit="人")
    old = KeyFigureValueFactory(figure=figure, value="100", year=2028)
    new = KeyFigureValueFactory(figure=figure, value="120", year=2031)
    assert figure.latest == new
    assert figure.earlier == [old]


def test_a_cumulative_value_must_start_before_it_ends():
    figure = KeyFigureFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        KeyFigureValueFactory(figure=figure, year=2020, since_year=2025)
    value = KeyFigureValueFactory(figure=figure, year=2025, since_year=2020)
    assert value.period_display == "2020—2025年"


def test_the_same_figure_cannot_be_recorded_twice_for_one_year_from_one_source():
    figure, source = KeyFigureFactory(), SourceFactory()
    KeyFigureValueFactory(figure=figure, year=2030, source=source)
    with pytest.raises(IntegrityError), transaction.atomic():
        KeyFigureValueFactory(figure=figure, year=2030, source=source)
