"""Clinic sessions with their exceptions applied: sessions_between() and the coming seven days on the page.

Time is frozen on Saturday 7 June 2025 in Shanghai, so the seven days run across a week boundary
(Saturday to Friday) and include a 停诊, a 替诊 and a 加诊.
"""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError

from apps.experts.models import Period, ScheduleException
from apps.experts.timetable import Session, local_today, sessions_between
from tests.factories import CampusFactory, ExpertFactory, ScheduleExceptionFactory, WeeklySessionFactory
from tests.helpers import text_of

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")
SATURDAY = datetime.date(2025, 6, 7)
NEXT_SATURDAY = SATURDAY + datetime.timedelta(days=7)


@pytest.fixture
def frozen_saturday():
    with time_machine.travel(datetime.datetime(2025, 6, 7, 10, 0, tzinfo=SHANGHAI), tick=False):
        yield


@pytest.fixture
def week():
    """测试专家甲's timetable around Saturday 7 June 2025, with a colleague who covers one session."""
    east, west = CampusFactory(name="测试东院区"), CampusFactory(name="测试西院区")
    doctor = ExpertFactory(name="测试专家甲")
    colleague = ExpertFactory(name="测试专家乙")
    WeeklySessionFactory(expert=doctor, weekday=6, period=Period.MORNING, campus=east)  # Saturday, today
    WeeklySessionFactory(expert=doctor, weekday=1, period=Period.MORNING, campus=east)  # Monday
    WeeklySessionFactory(
        expert=doctor, weekday=2, period=Period.AFTERNOON, campus=west, building="测试楼", floor="2楼", room="205诊室"
    )
    # Friday's session ends on Thursday the 12th; Wednesday's starts only on the 18th.
    WeeklySessionFactory(
        expert=doctor, weekday=5, period=Period.MORNING, campus=east, valid_until=datetime.date(2025, 6, 12)
    )
    WeeklySessionFactory(
        expert=doctor, weekday=3, period=Period.MORNING, campus=east, valid_from=datetime.date(2025, 6, 18)
    )
    ScheduleExceptionFactory(
        expert=doctor, date=datetime.date(2025, 6, 9), period=Period.MORNING, kind="cancel", reason="外出学术交流"
    )
    ScheduleExceptionFactory(
        expert=doctor, date=datetime.date(2025, 6, 10), period=None, kind="substitute", substitute=colleague, reason=""
    )
    ScheduleExceptionFactory(
        expert=doctor, date=datetime.date(2025, 6, 8), period=Period.AFTERNOON, kind="extra", campus=west, reason=""
    )
    # Next Saturday's cancellation lies outside the coming seven days.
    ScheduleExceptionFactory(expert=doctor, date=NEXT_SATURDAY, period=Period.MORNING, kind="cancel")
    return {"doctor": doctor, "colleague": colleague, "east": east, "west": west}


def summary(sessions):
    return [(s.date.isoformat(), s.period_label, s.status, s.campus.name) for s in sessions]


def test_sessions_between_applies_cancellation_substitution_and_extra_across_the_week_boundary(week):
    sessions = sessions_between(week["doctor"], SATURDAY, NEXT_SATURDAY)

    assert summary(sessions) == [
        ("2025-06-07", "上午", Session.REGULAR, "测试东院区"),
        ("2025-06-08", "下午", Session.EXTRA, "测试西院区"),
        ("2025-06-09", "上午", Session.CANCELLED, "测试东院区"),
        ("2025-06-10", "下午", Session.SUBSTITUTED, "测试西院区"),
    ]
    cancelled, substituted = sessions[2], sessions[3]
    assert cancelled.reason == "外出学术交流"
    assert substituted.substitute == week["colleague"] and substituted.location == "测试楼 2楼 205诊室"
    assert sessions[0].start == datetime.datetime(2025, 6, 7, 8, 0, tzinfo=SHANGHAI)
    assert sessions[1].end == datetime.datetime(2025, 6, 8, 17, 30, tzinfo=SHANGHAI)


def test_the_substitute_gets_the_covered_session_in_their_own_timetable(week):
    sessions = sessions_between(week["colleague"], SATURDAY, NEXT_SATURDAY)

    assert summary(sessions) == [("2025-06-10", "下午", Session.SUBSTITUTING, "测试西院区")]
    assert sessions[0].replaces == week["doctor"]


def test_sessions_start_with_their_first_valid_day_and_stop_after_their_last(week):
    later = sessions_between(week["doctor"], datetime.date(2025, 6, 16), datetime.date(2025, 6, 23))
    assert ("2025-06-18", "上午", Session.REGULAR, "测试东院区") in summary(later)
    assert all(s.date.isoweekday() != 5 for s in later)
    assert ("2025-06-06", "上午", Session.REGULAR, "测试东院区") in summary(
        sessions_between(week["doctor"], datetime.date(2025, 6, 6), SATURDAY)
    )


def test_a_cancellation_for_one_period_wins_over_a_whole_day_substitution(week):
    ScheduleExceptionFactory(
        expert=week["doctor"], date=datetime.date(2025, 6, 10), period=Period.AFTERNOON, kind="cancel"
    )
    tuesday = sessions_between(week["doctor"], datetime.date(2025, 6, 10), datetime.date(2025, 6, 11))
    assert [s.status for s in tuesday] == [Session.CANCELLED]


def test_exact_hours_given_by_the_editor_replace_the_usual_ones(week):
    WeeklySessionFactory(
        expert=week["doctor"],
        weekday=4,
        period=Period.EVENING,
        campus=week["east"],
        start_time=datetime.time(19, 0),
        end_time=datetime.time(20, 30),
    )
    (thursday,) = sessions_between(week["doctor"], datetime.date(2025, 6, 12), datetime.date(2025, 6, 13))
    assert (thursday.start.time(), thursday.end.time(), thursday.exact_hours) == (
        datetime.time(19, 0),
        datetime.time(20, 30),
        True,
    )


def test_today_is_the_date_in_shanghai_not_in_utc():
    # 01:00 on Saturday in Shanghai is still Friday in UTC.
    with time_machine.travel(datetime.datetime(2025, 6, 6, 17, 0, tzinfo=datetime.UTC), tick=False):
        assert local_today() == SATURDAY


def coming_days(html):
    """{'6月7日 周六': 'text of that day'} from the page's coming-seven-days list."""
    section = html[html.index('<ol class="coming-days">') : html.index("</ol>", html.index('<ol class="coming-days">'))]
    days = {}
    for block in section.split('<li class="coming-day')[1:]:
        text = text_of(block.split(">", 1)[1])
        label = " ".join(text.split()[:2])
        days[label] = text
    return days


def test_expert_page_shows_the_coming_seven_days_with_exceptions_applied(client, week, frozen_saturday):
    html = client.get(week["doctor"].get_absolute_url()).content.decode()
    days = coming_days(html)

    # Only the days with a session: Wednesday's starts on the 18th, Friday's ended on the 12th.
    assert list(days) == ["6月7日 周六", "6月8日 周日", "6月9日 周一", "6月10日 周二"]
    assert "今天" in days["6月7日 周六"] and "上午 测试东院区" in days["6月7日 周六"]
    assert "下午 测试西院区" in days["6月8日 周日"] and "加诊" in days["6月8日 周日"]
    assert "停诊" in days["6月9日 周一"] and "外出学术交流" in days["6月9日 周一"]
    assert "由 测试专家乙 替诊" in days["6月10日 周二"] and "205诊室" in days["6月10日 周二"]
    assert "无出诊" not in html
    assert f'由 <a href="{week["colleague"].get_absolute_url()}">测试专家乙</a> 替诊' in html
    # The weekly timetable lists Wednesday's coming session with its first day, not Friday's ended one... yet.
    assert "2025年6月18日起" in html
    assert "至2025年6月12日" in html


def test_substitute_page_shows_the_session_they_cover(client, week, frozen_saturday):
    days = coming_days(client.get(week["colleague"].get_absolute_url()).content.decode())
    assert "代 测试专家甲 出诊" in days["6月10日 周二"]


def test_schedule_shows_when_it_was_last_changed(client, week):
    with time_machine.travel(datetime.datetime(2030, 6, 20, 15, 45, tzinfo=SHANGHAI), tick=False):
        WeeklySessionFactory(expert=week["doctor"], weekday=7, period=Period.MORNING, campus=week["east"])
    html = client.get(week["doctor"].get_absolute_url()).content.decode()
    assert "出诊信息更新于 2030年6月20日 15:45" in html
    week["doctor"].refresh_from_db()
    assert week["doctor"].schedule_updated_at == datetime.datetime(2030, 6, 20, 15, 45, tzinfo=SHANGHAI)


def test_booking_link_and_qr_code_show_when_set(client, week, frozen_saturday):
    doctor = week["doctor"]
    html = client.get(doctor.get_absolute_url()).content.decode()
    assert "预约挂号" not in html
    doctor.booking_url = "https://example.org/booking/test"
    doctor.save()
    html = client.get(doctor.get_absolute_url()).content.decode()
    assert '<a class="button" href="https://example.org/booking/test" rel="noopener">预约测试专家甲的号</a>' in html


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"kind": "substitute"}, "替诊必须选择替诊专家"),
        ({"kind": "extra", "period": None}, "加诊必须填写时段和院区"),
        ({"kind": "extra", "period": 1, "campus": None}, "加诊必须填写时段和院区"),
        ({"kind": "cancel", "substitute": "colleague"}, "停诊和加诊不填替诊专家"),
        ({"kind": "substitute", "substitute": "doctor"}, "替诊专家不能是本人"),
    ],
)
def test_exceptions_that_make_no_sense_are_refused_with_a_chinese_message(week, fields, message):
    values = {"expert": week["doctor"], "date": datetime.date(2025, 7, 1), "period": 1, "campus": week["east"]}
    values.update(fields)
    if isinstance(values.get("substitute"), str):
        values["substitute"] = week[values["substitute"]]
    with pytest.raises(ValidationError, match=message):
        ScheduleException(**values).full_clean()


def test_two_sessions_in_the_same_half_day_are_refused(week):
    duplicate = WeeklySessionFactory.build(expert=week["doctor"], weekday=1, period=Period.MORNING, campus=week["west"])
    with pytest.raises(ValidationError, match="已有一条生效日期相同的出诊安排"):
        duplicate.full_clean()
    with pytest.raises(ValidationError, match="截止日期不能早于生效日期"):
        WeeklySessionFactory.build(
            expert=week["doctor"],
            weekday=7,
            campus=week["west"],
            valid_from=datetime.date(2025, 6, 2),
            valid_until=datetime.date(2025, 6, 1),
        ).full_clean()


def test_a_single_session_shows_one_day_card_and_no_empty_day_cards(client, frozen_saturday):
    doctor = ExpertFactory(name="测试专家丙")
    WeeklySessionFactory(expert=doctor, weekday=1, period=Period.MORNING, campus=CampusFactory(name="测试东院区"))
    html = client.get(doctor.get_absolute_url()).content.decode()
    assert list(coming_days(html)) == ["6月9日 周一"]
    assert html.count('<li class="coming-day') == 1
    assert "无出诊" not in html


def test_sessions_only_beyond_the_coming_week_say_so_in_one_line(client, frozen_saturday):
    doctor = ExpertFactory(name="测试专家丁")
    WeeklySessionFactory(
        expert=doctor, weekday=3, period=Period.MORNING, campus=CampusFactory(), valid_from=datetime.date(2025, 7, 2)
    )
    html = client.get(doctor.get_absolute_url()).content.decode()
    assert "近七天没有出诊。" in html
    assert "coming-day" not in html.replace("coming-days-none", "")
    assert "每周出诊安排" in html


def timetable_headers(html):
    table = html[html.index('<table class="weekly-sessions">') : html.index("</thead>")]
    return text_of(table).split()


def test_timetable_leaves_out_location_and_note_columns_no_session_fills(client, frozen_saturday):
    doctor = ExpertFactory(name="测试专家戊")
    WeeklySessionFactory(
        expert=doctor, weekday=1, period=Period.MORNING, campus=CampusFactory(), building="", floor="", room=""
    )
    html = client.get(doctor.get_absolute_url()).content.decode()
    assert timetable_headers(html) == ["星期", "时段", "院区", "门诊类型"]
    table = html[html.index('<table class="weekly-sessions">') : html.index("</table>")]
    assert "—" not in table
    assert "<td></td>" not in table.replace(" ", "")


def test_timetable_shows_location_and_note_columns_when_a_session_has_them(client, week, frozen_saturday):
    html = client.get(week["doctor"].get_absolute_url()).content.decode()
    assert timetable_headers(html) == ["星期", "时段", "院区", "地点", "门诊类型", "说明"]
    assert "205诊室" in html
