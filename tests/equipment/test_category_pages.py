"""A catalogue of any size stays one page a phone can load: a few devices per category, the rest a click away.

The overview shows each category's first devices (featured first) with a link to the whole category,
which /equipment/?category=<slug> shows page by page; bad values get a Chinese notice, never an error.
"""

import re

import pytest
from django.urls import reverse

from apps.equipment.models import Equipment
from apps.equipment.views import EquipmentListView
from tests.factories import DepartmentFactory, EquipmentCategoryFactory, EquipmentFactory
from tests.helpers import assert_accessible_page, get_html, outline

pytestmark = pytest.mark.django_db

LIST_URL = reverse("equipment:list")
PER_CATEGORY = EquipmentListView.per_category
PER_PAGE = EquipmentListView.paginate_by


def section_of(html, heading_id):
    start = html.index(f'id="{heading_id}"')
    return html[start : html.index("</section>", start)]


def card_names(html):
    return re.findall(r'<h3><a href="[^"]*">([^<]*)</a></h3>', html)


def fill(category, count, prefix, **fields):
    return [
        EquipmentFactory(name=f"{prefix}{n:03d}", category=category, display_order=n, **fields)
        for n in range(1, count + 1)
    ]


def test_a_large_category_shows_its_first_devices_featured_first_and_links_to_the_rest(client):
    large = EquipmentCategoryFactory(name="示例大类")
    fill(large, PER_CATEGORY + 3, "示例大类设备")
    EquipmentFactory(name="示例大类重点设备", category=large, display_order=999, is_featured=True)

    html = get_html(client, LIST_URL)

    names = card_names(section_of(html, f"heading-{large.slug}"))
    assert names == ["示例大类重点设备", *(f"示例大类设备{n:03d}" for n in range(1, PER_CATEGORY))]
    total = PER_CATEGORY + 4
    link = f'href="{LIST_URL}?category={large.slug}">查看本类全部 {total} 项</a>'
    assert link in section_of(html, f"heading-{large.slug}")
    assert f'示例大类<span class="equipment-count">（{total}）</span>' in html  # the jump list counts them all
    assert_accessible_page(html)


def test_a_category_of_at_most_the_limit_shows_every_device_and_no_link(client):
    full = EquipmentCategoryFactory(name="示例满类")
    small = EquipmentCategoryFactory(name="示例小类")
    fill(full, PER_CATEGORY, "示例满类设备")
    fill(small, 2, "示例小类设备")

    html = get_html(client, LIST_URL)

    assert len(card_names(section_of(html, f"heading-{full.slug}"))) == PER_CATEGORY
    assert len(card_names(section_of(html, f"heading-{small.slug}"))) == 2
    assert "查看本类全部" not in html
    assert "?category=" not in html


def test_drafts_are_not_counted_nor_shown_in_a_category(client):
    category = EquipmentCategoryFactory(name="示例影像类")
    fill(category, PER_CATEGORY, "示例已发布设备")
    fill(category, 5, "示例草稿设备", status=Equipment.Status.DRAFT)

    overview = get_html(client, LIST_URL)
    whole = get_html(client, LIST_URL, category=category.slug)

    assert "查看本类全部" not in overview
    assert "示例草稿设备" not in overview + whole
    assert f"共 {PER_CATEGORY} 项设备" in whole


def test_the_category_page_shows_that_category_page_by_page(client):
    imaging = EquipmentCategoryFactory(name="示例影像类", description="示例：影像检查设备。")
    other = EquipmentCategoryFactory(name="示例检验类")
    fill(imaging, PER_PAGE + 6, "示例影像设备")
    EquipmentFactory(name="示例检验设备", category=other)

    first = get_html(client, LIST_URL, category=imaging.slug)
    second = get_html(client, LIST_URL, category=imaging.slug, page="2")

    assert card_names(first) == [f"示例影像设备{n:03d}" for n in range(1, PER_PAGE + 1)]
    assert card_names(second) == [f"示例影像设备{n:03d}" for n in range(PER_PAGE + 1, PER_PAGE + 7)]
    assert "示例检验设备" not in first + second
    assert "<h1>示例影像类</h1>" in first
    assert f"共 {PER_PAGE + 6} 项设备，第 1 / 2 页" in first
    assert '<li><span aria-current="page">1</span></li>' in first
    assert f'href="?category={imaging.slug}&amp;page=2" aria-label="第2页"' in first
    assert f'href="?category={imaging.slug}&amp;page=1" rel="prev"' in second
    assert '<li><span aria-current="page">2</span></li>' in second
    # Where the visitor is, for people and for search engines.
    assert "<title>示例影像类 · 医疗设备 - 衡阳市中心医院</title>" in first
    assert "<title>示例影像类 · 医疗设备 · 第2页 - 衡阳市中心医院</title>" in second
    assert '<meta name="description" content="示例：影像检查设备。">' in first
    assert re.search(rf'<link rel="canonical" href="[^"]*{LIST_URL}\?category={imaging.slug}">', first)
    assert re.search(rf'<link rel="canonical" href="[^"]*{LIST_URL}\?category={imaging.slug}&amp;page=2">', second)
    assert f'<li><a href="{LIST_URL}">医疗设备</a></li>' in first
    assert '<li aria-current="page">示例影像类</li>' in first
    # Every category stays one click away, this one marked as the current page.
    assert f'href="{LIST_URL}?category={other.slug}">示例检验类' in first
    assert f'href="{LIST_URL}?category={imaging.slug}" aria-current="page">示例影像类' in first
    assert_accessible_page(first)
    assert_accessible_page(second)


def test_a_category_that_fits_one_page_has_no_page_links(client):
    category = EquipmentCategoryFactory(name="示例内镜类")
    fill(category, 3, "示例内镜设备")

    html = get_html(client, LIST_URL, category=category.slug)

    assert len(card_names(html)) == 3
    assert 'class="pagination"' not in html
    assert "共 3 项设备</h2>" in html


def test_category_and_department_combine_and_their_links_keep_both(client):
    surgery = DepartmentFactory(name="示例外科")
    category = EquipmentCategoryFactory(name="示例手术类")
    fill(category, PER_CATEGORY + 1, "示例外科设备", departments=[surgery])
    EquipmentFactory(name="示例他科设备", category=category, departments=[DepartmentFactory(name="示例内科")])

    overview = get_html(client, LIST_URL, department=surgery.slug)
    whole = get_html(client, LIST_URL, department=surgery.slug, category=category.slug)

    more = (
        f'href="{LIST_URL}?department={surgery.slug}&amp;category={category.slug}">查看本类全部 {PER_CATEGORY + 1} 项'
    )
    assert more in overview
    assert len(card_names(whole)) == PER_CATEGORY + 1
    assert "示例他科设备" not in whole
    assert "示例外科的医疗设备，共 13 项。" in whole
    assert f'<input type="hidden" name="category" value="{category.slug}">' in whole  # the filter keeps the category
    assert f'<option value="{surgery.slug}" selected>示例外科</option>' in whole
    assert f'href="{LIST_URL}?category={category.slug}">显示全部科室的本类设备</a>' in whole
    assert "<title>示例手术类 · 示例外科的医疗设备 - 衡阳市中心医院</title>" in whole


@pytest.mark.parametrize(
    "value",
    ["no-such-category", "x" * 5000, "<script>alert(1)</script>", "示例影像类", "科室' OR 1=1--", "{{7*7}}"],
)
def test_unknown_category_gets_a_chinese_notice_and_the_overview(client, value):
    category = EquipmentCategoryFactory(name="示例影像类")
    fill(category, 2, "示例影像设备")

    html = get_html(client, LIST_URL, category=value, page="2")

    assert "没有找到您选择的设备类别，已按全部类别显示。" in html
    assert "<h1>医疗设备</h1>" in html
    assert card_names(section_of(html, f"heading-{category.slug}")) == ["示例影像设备001", "示例影像设备002"]
    assert "<script>alert(1)</script>" not in html
    assert "页码" not in html  # the overview has no pages


def test_category_without_devices_of_the_chosen_department_says_so_and_shows_that_department(client):
    surgery = DepartmentFactory(name="示例外科")
    imaging = EquipmentCategoryFactory(name="示例影像类")
    surgical = EquipmentCategoryFactory(name="示例手术类")
    EquipmentFactory(name="示例磁共振", category=imaging)
    EquipmentFactory(name="示例腹腔镜", category=surgical, departments=[surgery])

    html = get_html(client, LIST_URL, department=surgery.slug, category=imaging.slug)

    assert "示例外科没有您选择的这类设备，已按全部类别显示。" in html
    assert "示例腹腔镜" in html
    assert "示例磁共振" not in html


def test_empty_category_value_is_the_overview_without_a_notice(client):
    EquipmentFactory(name="示例加速器")

    html = get_html(client, LIST_URL, category="")

    assert "示例加速器" in html
    assert 'class="notice"' not in html


@pytest.mark.parametrize("value", ["abc", "0", "-1", "1.5", "٢", "x" * 5000, "<script>alert(1)</script>"])
def test_a_page_number_that_is_not_one_shows_the_first_page_with_a_notice(client, value):
    category = EquipmentCategoryFactory(name="示例影像类")
    fill(category, PER_PAGE + 1, "示例影像设备")

    html = get_html(client, LIST_URL, category=category.slug, page=value)

    assert re.search(r"页码“[^”]*”无效，已为您显示第 1 页。", html)
    assert card_names(html)[0] == "示例影像设备001"
    assert '<li><span aria-current="page">1</span></li>' in html
    assert "<script>alert(1)</script>" not in html


@pytest.mark.parametrize("value", ["3", "99999999999999999999"])
def test_a_page_past_the_end_shows_the_last_page_with_a_notice(client, value):
    category = EquipmentCategoryFactory(name="示例影像类")
    fill(category, PER_PAGE + 1, "示例影像设备")

    html = get_html(client, LIST_URL, category=category.slug, page=value)

    assert "没有您要找的那一页，已为您显示最后一页（第 2 页）。" in html
    assert card_names(html) == [f"示例影像设备{PER_PAGE + 1:03d}"]


def test_the_category_page_query_count_does_not_grow_with_the_category(client, django_assert_num_queries):
    category = EquipmentCategoryFactory()
    department = DepartmentFactory()
    fill(category, 2, "示例设备甲", departments=[department])
    # A chosen department is one query more.
    cases = [({"category": category.slug}, 4), ({"category": category.slug, "department": department.slug}, 5)]
    for params, queries in cases:
        get_html(client, LIST_URL, **params)  # warm the footer, the navigation and the filter
        with django_assert_num_queries(queries):
            get_html(client, LIST_URL, **params)

    fill(category, PER_PAGE * 3, "示例设备乙", departments=[department, DepartmentFactory()])
    EquipmentFactory(category=EquipmentCategoryFactory())
    for params, queries in cases:
        get_html(client, LIST_URL, **params, page="2")  # the edits moved the content generation on
        with django_assert_num_queries(queries):
            html = get_html(client, LIST_URL, **params, page="2")
        assert len(outline(html).headings) > PER_PAGE
        assert len(card_names(html)) == PER_PAGE
