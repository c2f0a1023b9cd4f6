"""A site whose records have every optional field empty shows no placeholder and no empty heading on any page."""

import datetime
import re

import pytest
from django.utils import timezone

from apps.pages.models import ServicePage
from tests.factories import (
    ArticleFactory,
    CampusFactory,
    CategoryFactory,
    DepartmentFactory,
    EquipmentCategoryFactory,
    EquipmentFactory,
    ExpertFactory,
)
from tests.helpers import assert_accessible_page, get_html, outline
from tests.public_pages import html_pages

pytestmark = pytest.mark.django_db

PLACEHOLDERS = ("待公布", "暂无", "正在整理中", "待医院公布")
# A heading with nothing under it: closed right before its section ends or before the next heading of its level.
EMPTY_SECTION = re.compile(r"</h([2-6])>\s*(?:</section>|</div>\s*</section>|<h\1[\s>])")


@pytest.fixture
def bare_records():
    """One record of each kind with only what the model requires."""
    campus = CampusFactory(name="华新院区", slug="hua-xin-yuan-qu")
    department = DepartmentFactory(name="测试科")
    ExpertFactory(name="测试专家", clinical_title="", primary_department=department)
    EquipmentFactory(category=EquipmentCategoryFactory())
    CategoryFactory(name="测试空栏目")  # a category with no article
    ArticleFactory(category=CategoryFactory(name="测试栏目"))
    yesterday = timezone.now() - datetime.timedelta(days=1)
    for purpose, label in ServicePage.Purpose.choices:
        ServicePage.objects.create(
            title=label, purpose=purpose, status=ServicePage.Status.PUBLISHED, published_at=yesterday
        )
    return campus


def test_no_page_shows_a_placeholder_or_an_empty_heading(client, bare_records):
    for name, path in html_pages(required=False):
        html = get_html(client, path)
        for placeholder in PLACEHOLDERS:
            assert placeholder not in html, (name, placeholder)
        assert not EMPTY_SECTION.search(html), (name, EMPTY_SECTION.search(html).group(0))
        assert all(text for _, text in outline(html).headings), name
        assert_accessible_page(html)


def test_an_expert_without_sessions_gets_one_sentence_and_no_timetable(client, bare_records):
    html = get_html(client, "/experts/ce-shi-zhuan-jia/")
    assert "出诊时间以门诊当日公布为准。" in html
    assert "查看出诊时间" not in html
    assert "schedule.ics" not in html
    assert "近七天出诊" not in html and "每周出诊安排" not in html


def test_filters_that_match_nothing_are_not_offered(client, bare_records):
    html = get_html(client, "/experts/")
    # No sessions and no clinical title: neither campus, day nor title can find anyone.
    assert 'name="campus"' not in html and 'name="day"' not in html and 'name="title"' not in html
    assert 'name="department"' in html


def test_a_news_category_without_articles_is_not_among_the_tabs(client, bare_records):
    html = get_html(client, "/news/")
    assert "测试栏目" in html
    assert "测试空栏目" not in html
