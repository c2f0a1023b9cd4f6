"""get_FOO_display() reads a dictionary made once per field, and still answers as Django's does."""

from apps.departments.models import Department
from apps.experts.models import WeeklySession
from apps.experts.models.schedule import Period, Weekday


def test_label_of_a_stored_value_is_a_plain_string():
    label = Department(kind=Department.Kind.MEDICAL_TECHNICAL).get_kind_display()
    assert label == "医技科室"
    assert type(label) is str
    session = WeeklySession(weekday=Weekday.MONDAY, period=Period.AFTERNOON)
    assert (session.get_weekday_display(), session.get_period_display()) == ("周一", "下午")


def test_each_field_keeps_its_own_labels():
    session = WeeklySession(weekday=Weekday.TUESDAY, period=Period.MORNING)
    assert session.get_weekday_display() == "周二"
    assert session.get_period_display() == "上午"


def test_value_without_a_label_is_shown_as_it_is():
    assert Department(kind="retired_kind").get_kind_display() == "retired_kind"
    assert WeeklySession(weekday=9, period=Period.MORNING).get_weekday_display() == 9
