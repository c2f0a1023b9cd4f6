"""Finding an expert on /experts/: each filter, their combinations, bad values and page numbers."""

import re

import pytest
from django.urls import reverse

from tests.factories import CampusFactory, DepartmentFactory, ExpertFactory, WeeklySessionFactory
from tests.helpers import get_html, text_of

pytestmark = pytest.mark.django_db

LIST = reverse("experts:list")


def shown(response):
    """The names of the experts listed on the page, in order."""
    return re.findall(r'<h3 class="expert-card-name"><a href="[^"]+">([^<]+)</a>', response.content.decode())


@pytest.fixture
def hospital():
    """Four synthetic experts spread over two departments, two titles, two campuses and three days."""
    east, west = CampusFactory(name="测试东院区"), CampusFactory(name="测试西院区")
    medicine, surgery = DepartmentFactory(name="测试内科"), DepartmentFactory(name="测试外科")
    a = ExpertFactory(name="测试甲", primary_department=medicine, clinical_title="chief", display_order=1)
    b = ExpertFactory(name="测试乙", primary_department=medicine, clinical_title="associate_chief", display_order=2)
    c = ExpertFactory(name="测试丙", primary_department=surgery, clinical_title="chief", display_order=3)
    ExpertFactory(name="测试丁", primary_department=surgery, departments=[surgery, medicine], display_order=4)
    WeeklySessionFactory(expert=a, campus=east, weekday=1)  # 甲: Monday at the east campus
    WeeklySessionFactory(expert=a, campus=west, weekday=3)  # 甲: Wednesday at the west campus
    WeeklySessionFactory(expert=b, campus=west, weekday=1)  # 乙: Monday at the west campus
    WeeklySessionFactory(expert=c, campus=east, weekday=3)  # 丙: Wednesday at the east campus
    return {"east": east, "west": west, "medicine": medicine, "surgery": surgery}


def test_without_filters_every_active_expert_is_listed_in_display_order(client, hospital):
    ExpertFactory(name="测试戊", is_active=False)
    assert shown(client.get(LIST)) == ["测试甲", "测试乙", "测试丙", "测试丁"]


def test_filter_form_is_a_plain_get_form_with_labels(client, hospital):
    html = client.get(LIST).content.decode()
    form = html[
        html.index('<form class="filters expert-filters"') : html.index("</form>", html.index("expert-filters"))
    ]
    assert 'method="get"' in form
    for name, label in (("department", "科室"), ("title", "职称"), ("campus", "院区"), ("day", "出诊日")):
        assert f'<label for="id_{name}">{label}' in form
        assert f'<select name="{name}" id="id_{name}">' in form
    assert '<button type="submit" class="button">查找专家</button>' in form
    assert "data-autosubmit" not in form


def test_department_filter_includes_experts_who_belong_to_it_as_a_second_department(client, hospital):
    response = client.get(LIST, {"department": hospital["medicine"].slug})
    assert shown(response) == ["测试甲", "测试乙", "测试丁"]
    assert f'<option value="{hospital["medicine"].slug}" selected>测试内科</option>' in response.content.decode()


def test_department_filter_on_a_centre_includes_the_departments_under_it(client, hospital):
    centre = DepartmentFactory(name="测试中心")
    hospital["surgery"].parent = centre
    hospital["surgery"].save()
    assert shown(client.get(LIST, {"department": centre.slug})) == ["测试丙", "测试丁"]


def test_title_filter(client, hospital):
    assert shown(client.get(LIST, {"title": "chief"})) == ["测试甲", "测试丙", "测试丁"]
    assert shown(client.get(LIST, {"title": "associate_chief"})) == ["测试乙"]


def test_campus_filter_lists_who_sees_patients_there(client, hospital):
    assert shown(client.get(LIST, {"campus": hospital["east"].slug})) == ["测试甲", "测试丙"]


def test_day_filter_lists_who_sees_patients_that_day(client, hospital):
    assert shown(client.get(LIST, {"day": "1"})) == ["测试甲", "测试乙"]
    assert shown(client.get(LIST, {"day": "7"})) == []


def test_campus_and_day_together_mean_a_session_at_that_campus_on_that_day(client, hospital):
    # 甲 is at the east campus on Monday and at the west on Wednesday: not at the east on Wednesday.
    response = client.get(LIST, {"campus": hospital["east"].slug, "day": "3"})
    assert shown(response) == ["测试丙"]
    assert "周三在测试东院区出诊" in response.content.decode()
    assert shown(client.get(LIST, {"campus": hospital["west"].slug, "day": "1"})) == ["测试乙"]


def test_all_filters_combined(client, hospital):
    params = {"department": hospital["medicine"].slug, "title": "chief", "campus": hospital["east"].slug, "day": "1"}
    response = client.get(LIST, params)
    assert shown(response) == ["测试甲"]
    assert "找到 1 位专家" in response.content.decode()


def test_ended_sessions_do_not_count(client, hospital):
    expert = ExpertFactory(name="测试己")
    WeeklySessionFactory(expert=expert, campus=hospital["east"], weekday=5, valid_until="2001-01-01")
    assert shown(client.get(LIST, {"day": "5"})) == []


def test_no_match_says_so_and_offers_to_clear_the_filters(client, hospital):
    html = client.get(LIST, {"title": "resident"}).content.decode()
    assert "没有找到符合条件的专家" in html
    assert f'<a class="button button-secondary" href="{LIST}">清除筛选</a>' in html


@pytest.mark.parametrize(
    ("params", "notice"),
    [
        ({"department": "no-such-department"}, "没有找到您选择的科室，已按全部科室显示。"),
        ({"title": "professor"}, "没有这个职称选项，已按全部职称显示。"),
        ({"campus": "no-such-campus"}, "没有找到您选择的院区，已按全部院区显示。"),
        ({"day": "8"}, "出诊日应为周一至周日，已按不限出诊日显示。"),
        ({"day": "0"}, "出诊日应为周一至周日"),
        ({"day": "周一"}, "出诊日应为周一至周日"),
        ({"day": "1.5"}, "出诊日应为周一至周日"),
        ({"department": "x" * 5000}, "没有找到您选择的科室"),
        ({"title": "<script>alert(1)</script>"}, "没有这个职称选项"),
    ],
)
def test_a_bad_filter_value_gets_a_chinese_notice_and_the_other_filters_still_apply(client, hospital, params, notice):
    response = client.get(LIST, {**params, "campus": params.get("campus", hospital["west"].slug)})
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<p class="notice" role="status">{notice}' in html
    assert "<script>alert(1)</script>" not in html
    if "campus" not in params:
        assert shown(response) == ["测试甲", "测试乙"]


def test_pages_keep_the_filters(client, hospital, settings):
    for n in range(14):
        WeeklySessionFactory(expert__name=f"测试翻页{n:02d}", expert__display_order=10 + n, weekday=2)
    response = client.get(LIST, {"day": "2"})
    html = response.content.decode()
    assert len(shown(response)) == 12
    assert 'href="?day=2&amp;page=2"' in html
    second = client.get(LIST, {"day": "2", "page": "2"})
    assert shown(second) == ["测试翻页12", "测试翻页13"]
    assert '<span aria-current="page">2</span>' in second.content.decode()


@pytest.mark.parametrize("page", ["abc", "-1", "0", "1.5", "１", "²", "①", "2abc"])
def test_a_page_that_is_not_a_page_number_shows_the_first_page_with_a_notice(client, hospital, page):
    response = client.get(LIST, {"page": page})
    assert response.status_code == 200
    assert shown(response) == ["测试甲", "测试乙", "测试丙", "测试丁"]
    assert f"页码“{page}”无效，已为您显示第 1 页。" in response.content.decode()


def test_the_last_page_can_be_asked_for_by_name(client, hospital):
    response = client.get(LIST, {"page": "last"})
    assert shown(response) == ["测试甲", "测试乙", "测试丙", "测试丁"]
    assert "无效" not in response.content.decode()


def test_nul_bytes_in_filters_or_page_get_the_chinese_400_page(client, hospital):
    for params in ({"department": "nei\x00ke"}, {"page": "\x00"}, {"day": "1\x00"}):
        response = client.get(LIST, params)
        assert response.status_code == 400
        assert "抱歉，请求的地址或参数有误" in response.content.decode()


@pytest.mark.parametrize("page", ["2", "99", "9" * 30, "9" * 5000])
def test_a_page_past_the_end_shows_the_last_page_with_a_notice(client, hospital, page):
    response = client.get(LIST, {"page": page})
    assert response.status_code == 200
    assert shown(response) == ["测试甲", "测试乙", "测试丙", "测试丁"]
    assert "没有您要找的那一页，已为您显示最后一页（第 1 页）。" in response.content.decode()


def menu(html, name):
    """The labels of the options of the filter menu `name`, in order."""
    select = re.search(rf'<select name="{name}" id="id_{name}">(.*?)</select>', html, re.S).group(1)
    return re.findall(r"<option [^>]*>([^<]+)</option>", select)


def test_department_menu_offers_only_departments_with_a_listed_expert_in_the_list_order(client, hospital):
    DepartmentFactory(name="测试无专家科")
    ExpertFactory(name="测试离职", primary_department=DepartmentFactory(name="测试离职科"), is_active=False)
    centre = DepartmentFactory(name="测试中心", kind="centre", display_order=1)
    DepartmentFactory(name="测试下属科", parent=centre, display_order=1)
    ExpertFactory(name="测试庚", departments=[DepartmentFactory(name="测试第二科室", display_order=1)])
    hidden = DepartmentFactory(name="测试隐藏科", is_visible=False)
    ExpertFactory(name="测试辛", primary_department=hidden)
    hospital["surgery"].display_order = 5
    hospital["surgery"].save()
    hospital["medicine"].display_order = 10
    hospital["medicine"].save()
    # A centre whose only expert works in a department under it is offered: its filter lists that expert.
    ExpertFactory(
        name="测试壬", primary_department=DepartmentFactory(name="测试心外科", parent=centre, display_order=20)
    )

    options = menu(get_html(client, LIST), "department")

    assert options == ["全部科室", "测试第二科室", "测试外科", "测试内科", "测试心外科", "测试中心"]


def test_every_offered_department_finds_an_expert(client, hospital):
    DepartmentFactory(name="测试无专家科")
    html = get_html(client, LIST)
    slugs = re.findall(r'<option value="([^"]+)"', html[html.index('name="department"') : html.index('name="title"')])
    assert slugs
    for slug in slugs:
        assert "找到 0 位专家" not in get_html(client, LIST, department=slug), slug


def test_a_department_in_an_old_address_still_filters_and_stays_chosen_in_the_menu(client, hospital):
    empty = DepartmentFactory(name="测试无专家科")
    html = get_html(client, LIST, department=empty.slug)
    assert "找到 0 位专家" in html
    assert f'<option value="{empty.slug}" selected>测试无专家科</option>' in html


def test_one_filter_with_no_match_links_to_all_experts_instead_of_asking_to_reduce_filters(client, hospital):
    html = get_html(client, LIST, department=DepartmentFactory(name="测试无专家科").slug)
    assert "减少筛选条件" not in html
    assert f'<a href="{LIST}">查看全部专家</a>' in html


def test_several_filters_with_no_match_ask_to_reduce_them(client, hospital):
    html = get_html(client, LIST, department=hospital["surgery"].slug, day="1")
    assert "没有找到符合条件的专家，请减少筛选条件再试。" in html


def test_introduction_names_the_filters_the_page_shows(client, hospital):
    html = get_html(client, LIST)
    assert "按科室、职称、院区和出诊日查找专家。选择院区和出诊日，即可找到当天在该院区出诊的专家。" in html


def test_introduction_leaves_out_a_filter_that_is_not_shown(client):
    ExpertFactory(name="测试甲", primary_department=DepartmentFactory(name="测试内科"), clinical_title="")
    html = get_html(client, LIST)
    assert 'name="title"' not in html
    assert "按科室查找专家。" in html
    assert "职称" not in text_of(html)
