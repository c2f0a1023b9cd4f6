"""A number in an address is ASCII digits 0-9, on every list and for every numeric parameter.

str.isdigit() passes ², ① and any script's digits; int() refuses the first two and reads the others
(１２, ٢). Each is a bad value like any other: the page's Chinese notice, its first page or unfiltered
list, never a 500 and never a filter applied.
"""

import datetime
import html
from urllib.parse import quote

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import (
    ArticleFactory,
    CategoryFactory,
    DepartmentFactory,
    EquipmentCategoryFactory,
    EquipmentFactory,
    ExpertFactory,
    WeeklySessionFactory,
)
from tests.helpers import get_html

pytestmark = pytest.mark.django_db

NOT_ASCII_NUMBERS = {
    "superscript-two": "²",  # ?page=%C2%B2
    "circled-one": "①",  # ?page=%E2%91%A0
    "fullwidth-one": "１",
    "fullwidth-twelve": "１２",
    "arabic-indic-two": "٢",
    "devanagari-one": "१",
}
PAGE_NOTICE = "页码“{}”无效，已为您显示第 1 页。"
# Digits and numerals of every script but ASCII's.
OTHER_DIGITS = st.characters(categories=["Nd", "Nl", "No"], exclude_characters="0123456789")


def with_query(url, name, value):
    return f"{url}{'&' if '?' in url else '?'}{name}={quote(value)}"


@pytest.fixture
def lists():
    """{name: address} of every paginated list, each with one record on it."""
    category = CategoryFactory(name="测试栏目")
    ArticleFactory(title="测试数字新闻", category=category)
    ExpertFactory(name="测试数字专家")
    devices = EquipmentCategoryFactory(name="测试数字设备类")
    EquipmentFactory(name="测试数字设备", category=devices)
    DepartmentFactory(name="测试数字科")
    return {
        "news": reverse("news:list"),
        "news-category": category.get_absolute_url(),
        "experts": reverse("experts:list"),
        "equipment-category": f"{reverse('equipment:list')}?category={devices.slug}",
        "search": f"{reverse('search:results')}?q=测试数字科",
    }


@pytest.mark.parametrize("value", NOT_ASCII_NUMBERS.values(), ids=NOT_ASCII_NUMBERS.keys())
@pytest.mark.parametrize("name", ["news", "news-category", "experts", "equipment-category", "search"])
def test_a_page_number_in_other_digits_shows_the_first_page_with_a_notice(client, lists, name, value):
    response = client.get(with_query(lists[name], "page", value))

    assert response.status_code == 200
    assert PAGE_NOTICE.format(value) in html.unescape(response.content.decode())
    assert response.context["page_obj"].number == 1


@pytest.mark.parametrize(
    "value", [*NOT_ASCII_NUMBERS.values(), "２０２１", "٢٠٢١", "2021\n", " 2021", "+2021"], ids=repr
)
def test_a_year_not_in_ascii_digits_is_ignored_with_a_notice(client, value):
    earlier = datetime.datetime(2020, 6, 1, 9, tzinfo=datetime.UTC)
    ArticleFactory(title="测试二〇二〇年的新闻", published_at=earlier)

    page = html.unescape(get_html(client, reverse("news:list"), year=value))

    assert f"年份“{value}”无效，以下显示全部年份的新闻。" in page
    assert "测试二〇二〇年的新闻" in page


@pytest.mark.parametrize("value", NOT_ASCII_NUMBERS.values(), ids=NOT_ASCII_NUMBERS.keys())
def test_a_day_not_in_ascii_digits_is_ignored_with_a_notice(client, value):
    WeeklySessionFactory(expert=ExpertFactory(name="测试周二专家"), weekday=2)

    page = get_html(client, reverse("experts:list"), day=value)

    assert "出诊日应为周一至周日，已按不限出诊日显示。" in page
    assert "测试周二专家" in page


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=st.text(OTHER_DIGITS, min_size=1, max_size=6))
def test_no_number_in_other_digits_is_ever_read_as_a_number(client, lists, value):
    for url in lists.values():
        response = client.get(with_query(url, "page", value))
        assert response.status_code == 200, url
        assert PAGE_NOTICE.format(value) in html.unescape(response.content.decode()), url
    assert client.get(with_query(lists["news"], "year", value)).context["year"] is None
    assert "day" not in client.get(with_query(lists["experts"], "day", value)).context["filters"]
