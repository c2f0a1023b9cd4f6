"""/experts/<slug>/schedule.ics: the coming weeks' sessions as valid RFC 5545, exceptions applied."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from apps.experts.ical import escape_text, fold
from apps.experts.models import Period
from tests.factories import CampusFactory, ExpertFactory, ScheduleExceptionFactory, WeeklySessionFactory

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def calendar(client):
    """The feeds of an expert and of the colleague who covers one of their sessions, on Saturday 7 June 2025."""
    east = CampusFactory(name="测试东院区")
    doctor = ExpertFactory(name="测试专家甲")
    colleague = ExpertFactory(name="测试专家乙")
    WeeklySessionFactory(
        expert=doctor,
        weekday=1,
        period=Period.MORNING,
        campus=east,
        building="门诊楼",
        floor="3楼",
        room="302诊室",
        note="单周出诊, 限号30人; 请提前预约",
    )
    WeeklySessionFactory(expert=doctor, weekday=3, period=Period.AFTERNOON, campus=east)
    ScheduleExceptionFactory(
        expert=doctor, date=datetime.date(2025, 6, 9), period=Period.MORNING, kind="cancel", reason="外出学术交流"
    )
    ScheduleExceptionFactory(
        expert=doctor, date=datetime.date(2025, 6, 11), period=None, kind="substitute", substitute=colleague
    )
    ScheduleExceptionFactory(
        expert=doctor, date=datetime.date(2025, 6, 8), period=Period.EVENING, kind="extra", campus=east
    )
    with time_machine.travel(datetime.datetime(2025, 6, 7, 10, 0, tzinfo=SHANGHAI), tick=False):
        yield {
            "doctor": client.get(reverse("experts:schedule_ics", kwargs={"slug": doctor.slug})),
            "colleague": client.get(reverse("experts:schedule_ics", kwargs={"slug": colleague.slug})),
            "slug": doctor.slug,
        }


def unfold(body):
    """Content lines with folding undone (RFC 5545 section 3.1)."""
    return body.replace("\r\n ", "").split("\r\n")


def events(body):
    found, current = [], None
    for line in unfold(body):
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            found.append(current)
            current = None
        elif current is not None:
            name, _, value = line.partition(":")
            current[name] = value
    return {event["DTSTART;TZID=Asia/Shanghai"]: event for event in found}


def test_feed_is_served_as_utf8_calendar_text(calendar):
    response = calendar["doctor"]
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert f'filename="{calendar["slug"]}-schedule.ics"' in response["Content-Disposition"]


def test_feed_is_well_formed_rfc_5545(calendar):
    raw = calendar["doctor"].content
    body = raw.decode("utf-8")
    assert body.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:")
    assert body.endswith("END:VCALENDAR\r\n")
    assert "\n" not in body.replace("\r\n", "")  # every line ends in CRLF
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))  # folded at 75 octets
    lines = unfold(body)
    for component in ("VCALENDAR", "VTIMEZONE", "STANDARD", "VEVENT"):
        assert lines.count(f"BEGIN:{component}") == lines.count(f"END:{component}") >= 1
    assert "TZID:Asia/Shanghai" in lines and "TZOFFSETTO:+0800" in lines
    for event in events(body).values():
        for required in ("UID", "DTSTAMP", "DTEND;TZID=Asia/Shanghai", "SUMMARY", "STATUS"):
            assert required in event
        assert event["DTSTAMP"] == "20250607T020000Z"


def test_feed_asks_calendars_to_refresh_every_hour(calendar):
    lines = unfold(calendar["doctor"].content.decode())
    # A 停诊 entered today must reach subscribed calendars within the hour, not half a day later.
    assert "REFRESH-INTERVAL;VALUE=DURATION:PT1H" in lines
    assert "X-PUBLISHED-TTL:PT1H" in lines
    assert not any("PT12H" in line for line in lines)


def test_feed_holds_four_weeks_of_sessions_with_exceptions_applied(calendar):
    feed = events(calendar["doctor"].content.decode())

    # Four weeks from Saturday 7 June: four Mondays, four Wednesdays and the extra Sunday evening.
    assert sorted(feed) == [
        "20250608T183000", "20250609T080000", "20250611T143000", "20250616T080000", "20250618T143000",
        "20250623T080000", "20250625T143000", "20250630T080000", "20250702T143000",
    ]  # fmt: skip
    monday = feed["20250616T080000"]
    assert monday["SUMMARY"] == "测试专家甲 专家门诊"
    assert monday["LOCATION"] == "测试东院区 门诊楼 3楼 302诊室"
    assert monday["DTEND;TZID=Asia/Shanghai"] == "20250616T120000"
    assert monday["STATUS"] == "CONFIRMED"
    assert "单周出诊\\, 限号30人\\; 请提前预约" in monday["DESCRIPTION"]
    assert monday["UID"].startswith(f"{calendar['slug']}-20250616-1@")

    cancelled = feed["20250609T080000"]
    assert cancelled["STATUS"] == "CANCELLED"
    assert cancelled["SUMMARY"].startswith("【停诊】")
    assert "外出学术交流" in cancelled["DESCRIPTION"]
    substituted = feed["20250611T143000"]
    assert substituted["STATUS"] == "CANCELLED" and "由测试专家乙替诊" in substituted["DESCRIPTION"]
    extra = feed["20250608T183000"]
    assert extra["SUMMARY"].startswith("【加诊】") and extra["STATUS"] == "CONFIRMED"


def test_the_substitute_feed_holds_the_covered_session(calendar):
    feed = events(calendar["colleague"].content.decode())
    assert list(feed) == ["20250611T143000"]
    covered = feed["20250611T143000"]
    assert covered["STATUS"] == "CONFIRMED"
    assert "代测试专家甲出诊" in covered["DESCRIPTION"]
    assert covered["UID"].startswith(f"{calendar['slug']}-20250611-2-cover@")


def test_inactive_experts_have_no_feed(client):
    expert = ExpertFactory(is_active=False)
    assert client.get(expert.get_schedule_ics_url()).status_code == 404


def test_text_escaping_and_folding_follow_the_rfc():
    assert escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    line = "DESCRIPTION:" + "出诊" * 40
    folded = fold(line)
    pieces = folded.split("\r\n")
    assert all(len(piece.encode()) <= 75 for piece in pieces)
    assert all(piece.startswith(" ") for piece in pieces[1:])
    assert folded.replace("\r\n ", "") == line
