"""The weekly grid on an expert's admin page: a cell per half-day with campus, clinic type and room,
labelled for screen readers, saved into weekly sessions, and refused whole with a Chinese message."""

import datetime
import re

import pytest
from django.urls import reverse

from apps.core.roles import CONTENT_ADMIN
from apps.experts.models import Expert, WeeklySession
from apps.experts.timetable import local_today
from tests.factories import CampusFactory, ExpertFactory, UserFactory, WeeklySessionFactory
from tests.helpers import admin_form_data, inline_code, outline, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def content_admin(client):
    user = UserFactory(username="grid-editor", roles=[CONTENT_ADMIN])
    client.force_login(user)
    return user


@pytest.fixture
def expert():
    return ExpertFactory(name="测试专家网格")


def change_url(expert):
    return reverse("admin:experts_expert_change", args=[expert.pk])


def cell(day, period, part):
    return f"weekly_grid_{day}_{period}_{part}"


def test_the_grid_has_a_labelled_cell_for_every_half_day_of_the_week(client, content_admin, expert):
    campus = CampusFactory(name="测试院区东")
    WeeklySessionFactory(expert=expert, weekday=2, period=3, campus=campus, room="208诊室", clinic_type="general")

    html = client.get(change_url(expert)).content.decode()

    start = html.index('<table class="weekly-grid">')
    table = html[start : html.index("</table>", start)]
    assert re.findall(r'<th scope="row">([^<]+)</th>', table) == "周一 周二 周三 周四 周五 周六 周日".split()
    assert re.findall(r'<th scope="col">([^<]+)</th>', table) == ["星期", "上午", "下午", "晚上"]
    # 21 half-days, three labelled controls each; every control's label names its half-day.
    controls = re.findall(r'<(?:select|input)[^>]* id="([^"]+)"', table)
    assert len(controls) == 63
    for control in controls:
        assert re.search(rf'<label for="{control}"><span class="visually-hidden">周.(上午|下午|晚上)</span>', table)
    assert '<label for="id_weekly_grid_15"><span class="visually-hidden">周二晚上</span>院区</label>' in table
    assert re.search(
        r'name="weekly_grid_2_3_campus"[^>]*>\s*<option value="">不出诊</option>\s*'
        r'<option value="\d+" selected>测试院区东',
        table,
    )
    assert 'name="weekly_grid_2_3_room" value="208诊室"' in table
    assert '<option value="general" selected>普通门诊</option>' in table


def test_the_grid_page_keeps_headings_in_order_and_needs_no_inline_script(client, content_admin, expert):
    WeeklySessionFactory(expert=expert)

    html = client.get(change_url(expert)).content.decode()

    levels = [level for level, _text in outline(html).headings]
    assert levels.count(1) == 1
    assert all(current <= previous + 1 for previous, current in zip(levels, levels[1:], strict=False))
    assert inline_code(html) == []
    assert "css/admin-schedule.css" in html


def test_filling_the_grid_creates_changes_and_removes_sessions(client, content_admin, expert):
    east, west = CampusFactory(name="测试院区东"), CampusFactory(name="测试院区西")
    kept = WeeklySessionFactory(expert=expert, weekday=1, period=1, campus=east, building="门诊楼", note="单周")
    dropped = WeeklySessionFactory(expert=expert, weekday=3, period=2, campus=east)
    data = admin_form_data(client.get(change_url(expert)))
    data[cell(1, 1, "room")] = "101诊室"
    data[cell(1, 1, "clinic_type")] = "special_needs"
    data[cell(3, 2, "campus")] = ""
    data[cell(3, 2, "room")] = ""
    data[cell(5, 3, "campus")] = str(west.pk)
    data[cell(5, 3, "clinic_type")] = "specialist"
    data[cell(5, 3, "room")] = "夜间诊室"

    response = client.post(change_url(expert), {**data, "_continue": "保存并继续编辑"})

    assert response.status_code == 302, text_of(response.content.decode())
    sessions = {(s.weekday, s.period): s for s in expert.weekly_sessions.all()}
    assert sorted(sessions) == [(1, 1), (5, 3)]
    monday = sessions[1, 1]
    assert monday.pk == kept.pk
    assert (monday.room, monday.clinic_type, monday.building, monday.note) == (
        "101诊室",
        "special_needs",
        "门诊楼",
        "单周",
    )
    friday = sessions[5, 3]
    assert (friday.campus, friday.clinic_type, friday.room) == (west, "specialist", "夜间诊室")
    assert not WeeklySession.objects.filter(pk=dropped.pk).exists()
    page = text_of(client.get(expert.get_absolute_url()).content.decode())
    assert "测试院区西" in page and "夜间诊室" in page


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({cell(2, 2, "room"): "诊" * 51}, "周二下午 诊室：最多填写 50 个字（现在是 51 个）。"),
        ({cell(4, 1, "room"): "402诊室"}, "周四上午：填写了诊室但没有选择院区；不出诊请清空诊室。"),
        ({cell(6, 1, "campus"): "999999"}, "周六上午 院区：没有“999999”这个选项，请重新选择。"),
        (
            {cell(6, 1, "campus"): "CAMPUS", cell(6, 1, "clinic_type"): "surgery"},
            "周六上午 门诊类型：没有“surgery”这个选项，请重新选择。",
        ),
    ],
)
def test_a_bad_cell_is_named_in_chinese_and_saves_nothing(client, content_admin, expert, changes, message):
    east = CampusFactory(name="测试院区东")
    WeeklySessionFactory(expert=expert, weekday=1, period=1, campus=east, room="101诊室")
    data = admin_form_data(client.get(change_url(expert)))
    data["name"] = "测试专家网格改名"
    data[cell(2, 2, "campus")] = str(east.pk)
    data.update(changes)

    response = client.post(change_url(expert), {**data, "_save": "保存"})

    assert response.status_code == 200
    assert message in text_of(response.content.decode()), response.context["adminform"].form.errors
    assert Expert.objects.get(pk=expert.pk).name == "测试专家网格"
    assert list(expert.weekly_sessions.values_list("weekday", "period", "room")) == [(1, 1, "101诊室")]


def test_a_half_day_with_dated_sessions_is_left_to_the_sessions_list(client, content_admin, expert):
    east = CampusFactory(name="测试院区东")
    today = local_today()
    first = WeeklySessionFactory(
        expert=expert, weekday=4, period=2, campus=east, valid_until=today + datetime.timedelta(days=10)
    )
    second = WeeklySessionFactory(
        expert=expert, weekday=4, period=2, campus=east, valid_from=today + datetime.timedelta(days=11), room="新诊室"
    )
    response = client.get(change_url(expert))
    html = response.content.decode()
    assert cell(4, 2, "campus") not in html
    assert "这个半天有多条按日期生效的安排" in text_of(html)
    sessions_url = reverse("admin:experts_weeklysession_changelist") + f"?expert__id__exact={expert.pk}"
    assert sessions_url in html
    other = WeeklySessionFactory(campus=east, room="别人的诊室")
    listing = client.get(sessions_url)
    assert listing.status_code == 200
    assert "别人的诊室" not in text_of(listing.content.decode()) and other.expert.name not in text_of(
        listing.content.decode()
    )

    data = admin_form_data(response)
    client.post(change_url(expert), {**data, "_save": "保存"})

    assert set(expert.weekly_sessions.values_list("pk", flat=True)) == {first.pk, second.pk}


def test_a_half_day_whose_session_ended_gets_a_new_session_from_today(client, content_admin, expert):
    east = CampusFactory(name="测试院区东")
    today = local_today()
    ended = WeeklySessionFactory(
        expert=expert, weekday=7, period=1, campus=east, valid_until=today - datetime.timedelta(days=1)
    )
    data = admin_form_data(client.get(change_url(expert)))
    assert data[cell(7, 1, "campus")] == ""
    data[cell(7, 1, "campus")] = str(east.pk)

    client.post(change_url(expert), {**data, "_save": "保存"})

    new = expert.weekly_sessions.exclude(pk=ended.pk).get()
    assert (new.weekday, new.period, new.valid_from) == (7, 1, today)
    assert expert.weekly_sessions.filter(pk=ended.pk).exists()


def test_a_new_expert_gets_their_sessions_from_the_grid(client, content_admin):
    campus = CampusFactory(name="测试院区东")
    data = admin_form_data(client.get(reverse("admin:experts_expert_add")))
    data.update({"name": "测试新专家", "clinical_title": "chief", cell(2, 1, "campus"): str(campus.pk)})

    response = client.post(reverse("admin:experts_expert_add"), {**data, "_save": "保存"})

    assert response.status_code == 302, text_of(response.content.decode())
    expert = Expert.objects.get(name="测试新专家")
    assert list(expert.weekly_sessions.values_list("weekday", "period", "clinic_type")) == [(2, 1, "expert")]
