"""/departments/: grouped by kind, filtered by campus and designation, bad filter values answered in Chinese."""

import pytest
from django.urls import reverse

from apps.departments.models import Department
from tests.factories import (
    CampusFactory,
    CentreFactory,
    DepartmentFactory,
    DesignationCountFactory,
    DesignationFactory,
    DesignationTypeFactory,
)
from tests.helpers import get_html

pytestmark = pytest.mark.django_db

URL = reverse("departments:list")


@pytest.fixture
def site():
    """Two campuses, departments of three kinds (one hidden), two designation types."""
    north = CampusFactory(name="测试北院区")
    south = CampusFactory(name="测试南院区")
    centre = DepartmentFactory(name="测试外科中心", kind=Department.Kind.CENTRE)
    child = DepartmentFactory(name="测试甲科", parent=centre)
    child.campuses.set([north])
    lab = DepartmentFactory(name="测试乙检验科", kind=Department.Kind.MEDICAL_TECHNICAL, summary="测试用的一句话简介。")
    lab.campuses.set([south])
    hidden = DepartmentFactory(name="测试隐藏科", is_visible=False)
    hidden.campuses.set([north])
    national = DesignationTypeFactory(name="测试国家级称号", display_order=1)
    DesignationFactory(designation_type=national, name="测试甲科", departments=[child])
    DesignationFactory(designation_type=national, name="测试隐藏科", departments=[hidden])
    unnamed = DesignationTypeFactory(name="测试未列名称号", display_order=2)
    DesignationCountFactory(designation_type=unnamed, count=13, year=2022, source="测试日报")
    return {"north": north, "south": south, "centre": centre, "child": child, "lab": lab, "national": national}


def section(html, kind):
    """The HTML of one kind's group on the page."""
    start = html.index(f'id="kind-{kind}"')
    end = html.find('<section class="department-group"', start + 1)
    return html[start : end if end != -1 else len(html)]


def test_departments_are_grouped_by_kind_in_the_order_of_the_kinds(client, site):
    html = get_html(client, URL)
    assert html.index('<h2 id="kind-heading-clinical">临床科室</h2>') < html.index(
        '<h2 id="kind-heading-medical_technical">医技科室</h2>'
    )
    assert html.index("医技科室</h2>") < html.index("诊疗中心</h2>")
    assert "测试甲科" in section(html, "clinical")
    assert "测试乙检验科" in section(html, "medical_technical")
    assert "测试外科中心" in section(html, "centre")
    assert "急危重症救治中心</h2>" not in html  # no empty group


def test_card_links_to_the_department_and_names_its_centre(client, site):
    html = get_html(client, URL)
    assert f'<a href="{site["child"].get_absolute_url()}">测试甲科</a>' in html
    assert "隶属测试外科中心" in html
    assert "测试用的一句话简介。" in html


def test_hidden_department_is_not_listed(client, site):
    html = get_html(client, URL)
    assert "测试隐藏科</a>" not in html


def test_campus_filter_lists_only_that_campus_departments(client, site):
    html = get_html(client, URL, campus=site["north"].slug)
    assert "测试甲科</a>" in html
    assert "测试乙检验科" not in html
    assert "测试隐藏科</a>" not in html
    assert "院区：测试北院区。" in html
    assert "共 1 个科室。" in html
    assert f'<option value="{site["north"].slug}" selected>测试北院区</option>' in html


def test_designation_filter_lists_only_departments_holding_it(client, site):
    html = get_html(client, URL, designation=site["national"].slug)
    assert "测试甲科</a>" in html
    assert "测试乙检验科" not in html
    assert "测试外科中心</a>" not in html
    assert "测试国家级称号。" in html
    # Choosing no designation is "any", not a department.
    assert '<option value="">不限</option>' in html


def test_filters_combine(client, site):
    html = get_html(client, URL, campus=site["south"].slug, designation=site["national"].slug)
    assert "共 0 个科室。" in html
    assert "没有找到符合条件的科室，请查看全部科室。" in html


def test_campus_without_departments_is_not_offered_and_its_address_says_so(client, site):
    empty = CampusFactory(name="测试空院区")
    assert f'<option value="{empty.slug}"' not in get_html(client, URL)
    html = get_html(client, URL, campus=empty.slug)
    assert "没有找到符合条件的科室，请查看全部科室。" in html
    assert 'href="/departments/">显示全部科室</a>' in html


def test_no_campus_menu_while_no_department_has_a_campus(client):
    DepartmentFactory(name="测试无院区科")
    CampusFactory(name="测试院区")
    html = get_html(client, URL)
    assert 'name="campus"' not in html
    # The introduction names only the filter the page offers.
    assert "可按重点专科与资质筛选。" in html
    assert "按院区" not in html


def test_introduction_names_the_campus_filter_when_it_is_offered(client, site):
    html = get_html(client, URL)
    assert "医院设置临床医技科室61个，以下按类别列出各科室与中心。可按院区或重点专科与资质筛选。" in html
    assert "已整理上线" not in html


def test_groups_and_the_overview_open_as_an_index_on_a_phone(client, site):
    html = get_html(client, URL)
    # every group and every list of the overview is a closed disclosure (open from 960px by the CSS)
    assert html.count('<details class="phone-collapsible">') >= 3
    assert "<summary>展开 1 个科室</summary>" in html
    assert html.index('id="kind-heading-clinical"') < html.index('id="overview-heading"')
    filtered = get_html(client, URL, campus=site["north"].slug)
    assert '<details class="phone-collapsible" open>' in filtered


def test_published_counts_of_a_named_list_go_to_the_closed_source_note(client, site):
    DesignationCountFactory(designation_type=site["national"], count=5, year=2022, source="测试综述")
    html = get_html(client, URL)
    note = html.split('<details class="source-note">', 1)[1].split("</details>", 1)[0]
    assert "资料公布5个（2022年，测试综述）" in note
    assert html.count("资料公布5个") == 1


def test_designation_whose_members_the_sources_do_not_name_shows_its_published_count(client, site):
    html = get_html(client, URL)
    assert "测试未列名称号" in html
    assert "13个（2022年，测试日报）" in html
    assert "资料未列出具体名单。" in html
    filtered = get_html(client, URL, designation="ce-shi-wei-lie-ming-cheng-hao")
    assert "没有找到符合条件的科室，请查看全部科室。" in filtered
    assert "13个（2022年，测试日报）" in filtered


@pytest.mark.parametrize("param", ["campus", "designation"])
@pytest.mark.parametrize("value", ["no-such-thing", "a" * 5000, "<script>alert(1)</script>", "测试北院区"])
def test_bad_filter_value_gets_a_chinese_notice_and_the_full_list(client, site, param, value):
    html = get_html(client, URL, **{param: value})
    assert "没有找到您选择的" in html
    assert "测试甲科</a>" in html
    assert "测试乙检验科</a>" in html
    assert "<script>alert(1)</script>" not in html


@pytest.mark.parametrize("param", ["campus", "designation"])
def test_nul_byte_in_a_filter_gets_the_chinese_bad_request_page(client, site, param):
    response = client.get(URL, {param: "yan\x00feng"})
    assert response.status_code == 400
    assert "抱歉，请求的地址或参数有误" in response.content.decode()


def test_repeated_and_empty_parameters_are_harmless(client, site):
    response = client.get(f"{URL}?campus=&designation=&campus={site['north'].slug}&page=abc")
    assert response.status_code == 200
    assert "测试乙检验科" not in response.content.decode()


def test_filter_form_is_a_plain_get_form_with_labels(client, site):
    html = get_html(client, URL)
    assert '<form class="filters department-filters" method="get" action="/departments/">' in html
    assert '<label for="id_campus">院区' in html
    assert '<label for="id_designation">重点专科与资质' in html
    assert '<button type="submit" class="button">筛选</button>' in html
    assert "onchange" not in html and "style=" not in html


def test_unfiltered_page_shows_centres_with_their_departments(client, site):
    CentreFactory(name="测试示范基地", departments=[site["lab"]], established="2023年7月", led_by_hospital=True)
    CentreFactory(name="测试隐藏基地", is_visible=False)
    html = get_html(client, URL)
    assert '<h3 id="centres-heading">中心与基地</h3>' in html
    assert "<h4>测试示范基地</h4>" in html
    assert "2023年7月设立" in html
    assert "医院牵头成立" in html
    assert f'依托科室：<a href="{site["lab"].get_absolute_url()}">测试乙检验科</a>' in html
    assert "测试隐藏基地" not in html


def test_unfiltered_page_lists_designations_and_their_visible_holders(client, site):
    html = get_html(client, URL)
    overview = html[html.index('id="overview-heading"') :]
    assert "测试国家级称号" in overview
    assert f'<a href="{site["child"].get_absolute_url()}">测试甲科</a>' in overview
    assert "测试隐藏科" in overview  # the designation is real; its hidden department is just not linked
    assert "/departments/ce-shi-yin-cang-ke/" not in overview
    assert f'href="{URL}?designation={site["national"].slug}"' in overview


def test_filtered_page_leaves_out_the_overview(client, site):
    html = get_html(client, URL, campus=site["north"].slug)
    assert "中心与基地</h3>" not in html
    assert 'id="overview-heading"' not in html


def test_empty_site_shows_no_placeholder(client):
    html = get_html(client, URL)
    assert "正在整理中" not in html
