"""The /about/, /history/ and /honors/ pages show the facts of both seed documents as a visitor reads them."""

import re

import pytest
from django.urls import reverse

from tests.factories import HonourFactory, KeyFigureFactory, KeyFigureValueFactory, MilestoneFactory
from tests.helpers import assert_accessible_page, get_html, meta_description, text_of

pytestmark = pytest.mark.django_db


def section(html, heading_id):
    """The HTML of the <section> labelled by the heading with this id."""
    match = re.search(rf'<section[^>]*aria-labelledby="{heading_id}"[^>]*>(.*?)</section>', html, flags=re.S)
    assert match, heading_id
    return match.group(1)


def figure_card(html, label):
    """The text of the key-figure card whose label is `label`."""
    match = re.search(
        rf'<p class="figure-label">{re.escape(label)}</p>(.*?)</li>\s*(?:<li class="figure|</ul>)', html, re.S
    )
    assert match, label
    return text_of(match.group(1))


def sources_note(html):
    """The text of the page's closed 资料来源 note."""
    match = re.search(r'<details class="source-note">(.*?)</details>', html, flags=re.S)
    assert match
    return text_of(match.group(1))


# /about/


def test_about_page_gives_motto_mission_and_spirit_as_the_official_introduction_does(client, hospital_content):
    culture = text_of(section(get_html(client, reverse("history:about")), "culture-heading"))
    assert "院训 性仁、品卓、知博、术精" in culture
    assert "百年仁济精神 仁心仁术、济世济民" in culture
    assert "行动使命 建精品医院、筑尖端学科、做患者和医者贴心人" in culture
    # The newspaper swaps 院训 and 精神; the page must not.
    assert "院训 仁心仁术" not in culture


def test_about_page_shows_the_latest_staff_count_and_keeps_the_older_one_with_its_year(client, hospital_content):
    card = figure_card(get_html(client, reverse("history:about")), "在职员工")
    assert card.startswith("1753 人 2024年 · 医院官方简介")
    assert "2022年：1724人" in card
    # how the year of the official introduction was judged is told once, in the closed 资料来源 note
    assert "不早于2024年" not in card
    assert "不早于2024年" in sources_note(get_html(client, reverse("history:about")))


def test_about_page_shows_every_featured_figure_with_its_year(client, hospital_content):
    html = get_html(client, reverse("history:about"))
    grid = section(html, "figures-heading")
    for label, latest in [
        ("编制床位", "1500 张 2024年"),
        ("临床医技科室", "61 个 2024年"),
        ("正高级职称", "105 人 2024年"),
        ("占地面积", "376 亩 2024年"),
        ("建筑面积", "40多万 平方米 2022年"),
        ("院区", "3 个 2024年"),
        ("医联体协作单位", "117 家 2022年"),
    ]:
        assert figure_card(grid, label).startswith(latest), label
    assert "2022年：75人" in figure_card(grid, "正高级职称")


def test_about_page_lists_the_other_figures_grouped_with_periods_and_notes(client, hospital_content):
    more = section(get_html(client, reverse("history:about")), "more-figures-heading")
    text = text_of(more)
    headings = re.findall(r"<h3>(.*?)</h3>", more)
    assert headings == ["人才队伍", "学科与平台", "科研与教学", "医疗服务"]
    assert figure_card(more, "高级职称").startswith("389 人 2022年")
    assert figure_card(more, "副高级职称").startswith("300 人 2024年")
    assert "在读12人" in figure_card(more, "博士")
    assert figure_card(more, "新技术新业务").startswith("300余 项 2012—2022年")
    assert figure_card(more, "线上预约挂号").startswith("11.8万 人次 2021年")
    assert figure_card(more, "线上预约挂号占总就诊人次").startswith("23 % 2021年")
    assert figure_card(more, "SCI论文").startswith("24 篇")
    assert "2022年：15个" in figure_card(more, "医疗质量控制中心挂靠单位")
    assert figure_card(more, "医疗质量控制中心挂靠单位").startswith("19 个 2024年")
    for label in [
        "省自然科学基金项目",
        "省卫健委科技课题",
        "市科技局指导性项目",
        "专项立项",
        "专利",
        "全科医生转岗培训",
    ]:
        assert label in text


def test_about_page_tells_the_founding_and_every_former_name_with_its_year(client, hospital_content):
    names = text_of(section(get_html(client, reverse("history:about")), "names-heading"))
    assert "1902年，基督教英国伦敦会皮克(E·C·Peake)医师创办" in names
    assert "现名 衡阳市中心医院（湖南师范大学附属衡阳市中心医院）" in names
    years = [(1902, "仁济医院"), (1951, "衡阳市立第二医院"), (1968, "衡阳市第二医院"), (1991, "衡阳市中心医院")]
    years.append((2023, "湖南师范大学附属衡阳市中心医院"))
    positions = []
    for year, name in years:
        assert f"{year}年 {name}" in names
        positions.append(names.index(f"{year}年 {name}"))
    assert positions == sorted(positions)


def test_about_page_shows_the_grade_and_each_review(client, hospital_content):
    grade = text_of(section(get_html(client, reverse("history:about")), "grade-heading"))
    assert "三级甲等综合医院" in grade
    assert "1997年 被评审为第一批三级甲等综合医院" in grade
    assert "2019年 通过三级甲等综合医院复审" in grade
    assert "2023年 通过三级甲等综合医院复审验收 通过省卫健委新一轮三级甲等综合医院复审验收" in grade


def test_about_page_carries_the_official_introduction_and_names_its_sources(client, hospital_content):
    html = get_html(client, reverse("history:about"))
    intro = text_of(section(html, "intro-heading"))
    assert "湘南西医之源" in intro
    assert "编制床位1500张，设置临床医技科室61个" in intro
    sources = text_of(section(html, "sources-heading"))
    assert "衡阳市中心医院官方简介" in sources
    assert "铿锵前行双甲子 风华正茂看今朝" in sources
    assert meta_description(html).startswith("衡阳市中心医院（湖南师范大学附属衡阳市中心医院）始建于1902年")
    assert "<title>医院简介 - 衡阳市中心医院</title>" in html
    assert_accessible_page(html)


# /history/


def test_timeline_is_an_ordered_list_with_machine_readable_dates_at_the_source_precision(client, hospital_content):
    html = get_html(client, reverse("history:timeline"))
    assert '<ol class="timeline">' in html
    assert '<time class="timeline-date" datetime="1902">1902年</time>' in html
    assert '<time class="timeline-date" datetime="1951-01">1951年1月</time>' in html
    assert '<time class="timeline-date" datetime="1951-11">1951年11月</time>' in html
    assert '<time class="timeline-date" datetime="2020-02-24">2020年2月24日</time>' in html
    assert '<time class="timeline-date" datetime="2021-11-26">2021年11月26日</time>' in html
    assert '<time class="timeline-date" datetime="2023-07">2023年7月</time>' in html


def test_timeline_reads_from_1902_to_today_with_every_dated_event_of_both_seeds(client, hospital_content):
    text = text_of(get_html(client, reverse("history:timeline")))
    events = [
        "1902年 仁济医院创办",
        "1951年1月 衡阳市军管会接管仁济医院",
        "1951年11月 更名为衡阳市立第二医院",
        "1968年 更名为衡阳市第二医院",
        "1991年 改称衡阳市中心医院",
        "1997年 被评审为第一批三级甲等综合医院",
        "2019年 通过三级甲等综合医院复审",
        "2020年1月 组建援鄂医疗队",
        "2020年2月 第二批抗疫医疗队",
        "2020年2月24日 3D腹腔镜下行胰腺假性囊肿—空肠Rou-Y吻合内引流术",
        "2021年3月 140名医护骨干投入新冠疫苗接种",
        "2021年11月26日 万峰院士开展换瓣加搭桥手术",
        "2022年 建院120周年",
        "2022年 推进“清廉医院”“清廉家庭”建设",
        "2023年 挂牌湖南师范大学附属衡阳市中心医院",
        "2023年 通过三级甲等综合医院复审验收",
        "2023年7月 挂牌上海市骨科临床医学研究中心衡阳市分中心",
    ]
    positions = [text.index(event) for event in events]
    assert positions == sorted(positions)
    for fact in [
        "16名援鄂医疗队员",
        "在黄冈奋战58天，治愈病人112名",
        "17名队员",
        "连续工作15天，治愈病人18名",
        "300余名医务人员",
    ]:
        assert fact in text
    assert "来源：" in text and "衡阳日报建院120周年综述" in text


def test_timeline_page_has_a_title_a_description_and_an_accessible_outline(client, hospital_content):
    html = get_html(client, reverse("history:timeline"))
    assert "<title>历史沿革 - 衡阳市中心医院</title>" in html
    assert "1902年仁济医院创办" in meta_description(html)
    assert_accessible_page(html)


# /honors/


def level_sections(html):
    found = re.findall(
        r'<section class="history-section honour-level" id="level-(\d)"[^>]*>(.*?)</section>', html, re.S
    )
    return {int(level): text_of(body) for level, body in found}


def test_honours_are_grouped_by_level_in_order_national_provincial_municipal_other(client, hospital_content):
    html = get_html(client, reverse("history:honors"))
    levels = level_sections(html)
    assert list(levels) == [1, 2, 3, 9]
    assert levels[1].startswith("国家级")
    assert levels[2].startswith("省级")
    assert levels[3].startswith("市级")
    assert levels[9].startswith("其他")


def test_honours_of_hospital_departments_teams_and_people_are_all_shown_at_their_level(client, hospital_content):
    levels = level_sections(get_html(client, reverse("history:honors")))
    national, provincial, municipal = levels[1], levels[2], levels[3]
    assert "全国平安医院工作表现突出集体 荣誉称号 获得者：衡阳市中心医院（医院）" in national
    assert "全国巾帼建功先进集体 荣誉称号 获得者：乳甲外科（科室） 《衡阳日报》综述作“甲乳外科”" in national
    assert "全国巾帼文明岗 荣誉称号 获得者：妇产科（科室）" in national
    assert "全国优秀共产党员 荣誉称号 获得者：刘军（个人）" in national
    assert "全国抗击新冠肺炎疫情先进个人 荣誉称号 获得者：刘军（个人）" in national
    assert "获得者：唐肖春（个人）" in national
    assert "湖南省芙蓉标兵岗 荣誉称号 获得者：手术室（科室）" in provincial
    assert "全省优秀共产党员 荣誉称号 获得者：詹济舟（个人）" in provincial
    assert "全省抗击新冠肺炎疫情先进集体" in provincial
    assert "授予单位：湖南卒中联盟" in provincial
    for department in ["急诊科", "呼吸内科", "超声科"]:
        assert f"衡阳市芙蓉标兵岗 荣誉称号 获得者：{department}（科室）" in municipal
    assert "衡阳市三八红旗集体 荣誉称号 获得者：神经内科（科室）" in municipal
    assert "获得者：益众志愿者服务队（团队）" in municipal


def test_honours_within_a_level_are_grouped_by_year_newest_first_and_undated_last(client, hospital_content):
    levels = level_sections(get_html(client, reverse("history:honors")))
    provincial, other = levels[2], levels[9]
    assert provincial.index("1997年 三级甲等综合医院") < provincial.index("年份未注明")
    assert other.index("2023年") < other.index("年份未注明")
    assert "上海儿童医学中心儿科湘南分中心" in other


def test_honours_page_has_a_title_a_description_and_an_accessible_outline(client, hospital_content):
    html = get_html(client, reverse("history:honors"))
    assert "<title>荣誉资质 - 衡阳市中心医院</title>" in html
    assert "国家级、省级、市级荣誉" in meta_description(html)
    assert '<a href="#level-1">国家级' in html
    assert_accessible_page(html)


# Every page


@pytest.mark.parametrize("name", ["history:about", "history:timeline", "history:honors"])
def test_pages_answer_before_any_content_is_loaded(client, name):
    html = get_html(client, reverse(name))
    assert "正在整理中" not in html
    assert_accessible_page(html)


@pytest.mark.parametrize("name", ["history:about", "history:timeline", "history:honors"])
@pytest.mark.parametrize(
    "params",
    [{"page": "abc"}, {"level": "不存在"}, {"year": "\x00"}, {"q": "长" * 5000}],
    ids=["page-abc", "unknown-level", "nul-byte", "over-long"],
)
def test_bad_query_strings_never_break_a_page(client, hospital_content, name, params):
    response = client.get(reverse(name), params)
    if any("\x00" in value for value in params.values()):
        # The site refuses NUL bytes before any view sees them, with a Chinese explanation.
        assert response.status_code == 400
        assert "无法识别的字符" in response.content.decode()
    else:
        assert response.status_code == 200


@pytest.mark.parametrize("name", ["history:about", "history:timeline", "history:honors"])
def test_pages_link_to_each_other_and_mark_the_current_one(client, name):
    html = get_html(client, reverse(name))
    assert f'href="{reverse(name)}" aria-current="page"' in html
    for other in ["history:about", "history:timeline", "history:honors", "core:campuses"]:
        assert f'href="{reverse(other)}"' in html


def test_entries_an_editor_hides_stay_off_the_pages(client):
    MilestoneFactory(title="隐藏的测试大事", is_visible=False)
    MilestoneFactory(title="公开的测试大事")
    HonourFactory(title="隐藏的测试荣誉", is_visible=False)
    HonourFactory(title="公开的测试荣誉")
    KeyFigureValueFactory(figure=KeyFigureFactory(label="隐藏的测试指标", is_visible=False))
    KeyFigureValueFactory(figure=KeyFigureFactory(label="公开的测试指标"))

    timeline, honours = get_html(client, reverse("history:timeline")), get_html(client, reverse("history:honors"))
    about = get_html(client, reverse("history:about"))
    assert "公开的测试大事" in timeline and "隐藏的测试大事" not in timeline
    assert "公开的测试荣誉" in honours and "隐藏的测试荣誉" not in honours
    assert "公开的测试指标" in about and "隐藏的测试指标" not in about
