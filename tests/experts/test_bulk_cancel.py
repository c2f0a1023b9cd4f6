"""Bulk 停诊 in the admin: one expert or a whole department over a range of dates, with a reason, shown at
once on the experts' pages and calendar feeds; a bad range is refused in Chinese and saves nothing."""

import datetime

import pytest
from django.urls import reverse

from apps.core.cache import content_generation
from apps.core.roles import COMMUNICATIONS, CONTENT_ADMIN
from apps.experts.models import ScheduleException
from apps.experts.timetable import local_today
from tests.factories import (
    CampusFactory,
    DepartmentFactory,
    ExpertFactory,
    ScheduleExceptionFactory,
    UserFactory,
    WeeklySessionFactory,
)
from tests.helpers import text_of

pytestmark = pytest.mark.django_db

URL = "admin:experts_scheduleexception_bulk_cancel"


@pytest.fixture
def content_admin(client):
    user = UserFactory(username="bulk-editor", roles=[CONTENT_ADMIN])
    client.force_login(user)
    return user


@pytest.fixture
def week():
    """Tomorrow and the two days after it, and a campus."""
    first = local_today() + datetime.timedelta(days=1)
    return [first + datetime.timedelta(days=offset) for offset in range(3)]


def works_every_day(expert, campus):
    for weekday in range(1, 8):
        WeeklySessionFactory(expert=expert, weekday=weekday, period=1, campus=campus)


def post(client, **data):
    values = {"expert": "", "department": "", "period": "", "reason": "春节放假", **data}
    return client.post(reverse(URL), {key: str(value) for key, value in values.items()})


def test_the_bulk_cancel_page_is_reached_from_the_exceptions_list(client, content_admin):
    changelist = client.get(reverse("admin:experts_scheduleexception_changelist")).content.decode()
    assert reverse(URL) in changelist
    html = client.get(reverse(URL)).content.decode()
    assert "批量停诊" in text_of(html)
    for label in ("专家", "科室", "开始日期", "结束日期", "时段", "原因"):
        assert f">{label}:</label>" in html or f">{label}：</label>" in html


def test_one_expert_is_cancelled_for_three_days_and_their_page_and_feed_show_it(client, content_admin, week):
    campus = CampusFactory(name="测试院区东")
    expert, colleague = ExpertFactory(name="测试专家停诊"), ExpertFactory(name="测试专家照常")
    works_every_day(expert, campus)
    works_every_day(colleague, campus)
    generation = content_generation()

    response = post(client, expert=expert.pk, start=week[0], end=week[2])

    assert response.status_code == 302
    cancelled = ScheduleException.objects.filter(expert=expert, kind="cancel")
    assert sorted(cancelled.values_list("date", flat=True)) == week
    assert set(cancelled.values_list("reason", "period")) == {("春节放假", None)}
    assert not colleague.schedule_exceptions.exists()
    assert content_generation() != generation
    listing = text_of(client.get(response["Location"]).content.decode())
    assert "已为 1 位专家添加 3 条停诊记录。" in listing

    client.logout()
    page = text_of(client.get(expert.get_absolute_url()).content.decode())
    assert page.count("停诊") >= 3 and "春节放假" in page
    feed = client.get(expert.get_schedule_ics_url()).content.decode().replace("\r\n ", "")
    for day in week:
        assert f"DTSTART;TZID=Asia/Shanghai:{day:%Y%m%d}T080000\r\nDTEND" in feed
    assert feed.count("STATUS:CANCELLED") == 3


def test_a_whole_department_is_cancelled_and_days_already_changed_are_kept(client, content_admin, week):
    campus = CampusFactory(name="测试院区东")
    department, other = DepartmentFactory(name="测试心内科"), DepartmentFactory(name="测试骨科")
    primary = ExpertFactory(name="测试专家主科室", primary_department=department)
    member = ExpertFactory(name="测试专家兼科室", departments=[other, department])
    outsider = ExpertFactory(name="测试专家别科", primary_department=other)
    retired = ExpertFactory(name="测试专家退休", primary_department=department, is_active=False)
    for expert in (primary, member, outsider, retired):
        works_every_day(expert, campus)
    substitute = ScheduleExceptionFactory(
        expert=member, date=week[1], kind="substitute", substitute=primary, reason="替诊原因"
    )

    response = post(client, department=department.pk, start=week[0], end=week[2], reason="科室外出义诊")

    assert response.status_code == 302
    cancels = ScheduleException.objects.filter(kind="cancel")
    assert sorted(cancels.values_list("expert__name", "date")) == sorted(
        [("测试专家主科室", day) for day in week] + [("测试专家兼科室", week[0]), ("测试专家兼科室", week[2])]
    )
    substitute.refresh_from_db()
    assert (substitute.kind, substitute.reason) == ("substitute", "替诊原因")
    message = text_of(client.get(response["Location"]).content.decode())
    assert "已为 2 位专家添加 5 条停诊记录。另有 1 天已有停诊、替诊或加诊记录，保持不变。" in message
    client.logout()
    for expert in (primary, member):
        assert "科室外出义诊" in text_of(client.get(expert.get_absolute_url()).content.decode())
    assert "科室外出义诊" not in text_of(client.get(outsider.get_absolute_url()).content.decode())


def test_only_days_with_sessions_get_a_cancellation_and_a_period_can_be_chosen(client, content_admin, week):
    expert = ExpertFactory()
    WeeklySessionFactory(expert=expert, weekday=week[1].isoweekday(), period=2)
    WeeklySessionFactory(expert=expert, weekday=week[1].isoweekday(), period=1)

    post(client, expert=expert.pk, start=week[0], end=week[2], period=2)

    assert list(ScheduleException.objects.values_list("date", "period")) == [(week[1], 2)]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"start": "2030-05-03", "end": "2030-05-01"}, "结束日期不能早于开始日期。"),
        ({"start": "2030-01-01", "end": "2031-06-01"}, "一次最多为 366 天停诊，请分几次填写。"),
        ({"start": "2030-13-01", "end": "2030-05-01"}, "输入一个有效的日期。"),
        ({"start": "2030-05-01", "end": "2030-05-03", "reason": ""}, "这个字段是必填项。"),
        ({"start": "2030-05-01", "end": "2030-05-03", "reason": "因" * 201}, "201"),
    ],
)
def test_a_bad_range_or_reason_is_refused_in_chinese_and_saves_nothing(client, content_admin, data, message):
    expert = ExpertFactory()
    works_every_day(expert, CampusFactory())

    response = post(client, expert=expert.pk, **data)

    assert response.status_code == 200
    text = text_of(response.content.decode())
    assert message in text
    assert "请更正下面的错误。没有保存任何内容。" in text
    assert not ScheduleException.objects.exists()


def test_an_expert_or_a_department_must_be_chosen_but_not_both(client, content_admin):
    expert = ExpertFactory(primary_department=DepartmentFactory())
    neither = post(client, start="2030-05-01", end="2030-05-02")
    both = post(client, expert=expert.pk, department=expert.primary_department_id, start="2030-05-01", end="2030-05-02")
    assert "请选择一位专家或一个科室。" in text_of(neither.content.decode())
    assert "请只选择一位专家或一个科室，不要同时选择。" in text_of(both.content.decode())
    assert not ScheduleException.objects.exists()


def test_a_news_editor_may_not_bulk_cancel(client):
    client.force_login(UserFactory(roles=[COMMUNICATIONS]))
    assert client.get(reverse(URL)).status_code == 403
