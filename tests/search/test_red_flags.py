"""A search that names a red-flag symptom (胸痛) shows the guide's red card, 立即拨打 120, above the results."""

import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.factories import DepartmentFactory, SymptomFactory
from tests.helpers import assert_accessible_page, get_html, text_of

pytestmark = pytest.mark.django_db

URL = reverse("search:results")


@pytest.fixture
def hospital_content():
    call_command("load_hospital_content", verbosity=0)


def urgent_section(html):
    found = re.search(r'<section class="search-urgent".*?</section>', html, re.S)
    return found.group() if found else None


@pytest.mark.parametrize(
    ("query", "red_flag"), [("胸痛", "胸痛伴大汗"), ("突然胸口压榨样痛", "胸痛伴大汗"), ("孩子抽筋", "小儿抽搐")]
)
def test_a_query_naming_a_red_flag_shows_the_120_card_above_the_results(client, hospital_content, query, red_flag):
    html = get_html(client, URL, q=query)
    section = urgent_section(html)
    assert section, query
    assert f'<h3 class="condition-name">{red_flag}</h3>' in section
    assert '<a class="button" href="tel:120">拨打 120</a>' in section
    assert "立即拨打 120" in text_of(section)
    # Above the results, and the results are still there.
    assert html.index('class="search-urgent"') < html.index('class="search-results"')
    assert_accessible_page(html)


@pytest.mark.parametrize("query", ["医院", "神经外科", "挂号"])
def test_other_queries_show_no_emergency_card(client, hospital_content, query):
    html = get_html(client, URL, q=query)
    assert urgent_section(html) is None
    assert 'href="tel:120">拨打 120' not in html


def test_the_card_is_shown_even_when_nothing_else_is_found_and_follows_edits_at_once(client):
    emergency = DepartmentFactory(name="测试急诊科")
    symptom = SymptomFactory(name="测试胸闷", synonyms="测试憋闷", departments=[emergency])
    assert urgent_section(get_html(client, URL, q="测试憋闷")) is None

    symptom.is_red_flag = True
    symptom.advice = "测试憋闷加重时立即拨打 120"
    symptom.save()
    section = urgent_section(get_html(client, URL, q="测试憋闷"))
    assert "测试憋闷加重时立即拨打 120" in text_of(section)
    assert '<a href="/departments/' in section and "测试急诊科" in section
