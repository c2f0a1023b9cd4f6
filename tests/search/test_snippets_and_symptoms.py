"""What a patient reads in the results: symptom words find departments, snippets are sentences of the page's text,
whole words and names rank first."""

import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from apps.search.query import search
from tests.factories import ArticleFactory, ConditionFactory, DepartmentFactory, ExpertFactory, SymptomFactory
from tests.helpers import get_html

from .conftest import found

pytestmark = pytest.mark.django_db

URL = reverse("search:results")


def snippets(query):
    """{title: snippet text, marks removed} of the first page, and the marked words of all of them."""
    hits = search(query).page.object_list
    marked = {word for hit in hits for word in re.findall(r"<mark>(.*?)</mark>", str(hit.snippet_html))}
    return {hit.title: re.sub(r"</?mark>", "", str(hit.snippet_html)) for hit in hits}, marked


@pytest.mark.parametrize(
    ("query", "department"),
    [
        ("头痛", "神经内科"),
        ("头疼", "神经内科"),
        ("心慌", "心血管内科"),
        ("小儿发热", "妇儿中心"),
        ("便血", "消化内科"),
    ],
)
def test_everyday_symptom_words_find_the_departments_of_this_hospital_first(client, query, department):
    call_command("load_hospital_content", verbosity=0)
    results = found(query)
    assert results, query
    assert results[0][0] == "department"
    assert ("department", department) in results[:2]
    html = get_html(client, URL, q=query)
    link = re.search(
        rf'<a href="(/departments/[^"]+)">{department}</a>', html.replace("<mark>", "").replace("</mark>", "")
    )
    assert link and client.get(link.group(1)).status_code == 200


def test_the_symptom_named_exactly_ranks_above_a_red_flag_that_contains_it():
    neurology, emergency = DepartmentFactory(name="测试神经内科"), DepartmentFactory(name="测试急诊科")
    SymptomFactory(name="测试头痛", departments=[neurology])
    SymptomFactory(
        name="剧烈测试头痛", synonyms="突发剧烈测试头痛\n炸裂样测试头痛", is_red_flag=True, departments=[emergency]
    )
    assert [title for _, title in found("测试头痛")] == ["测试神经内科", "测试急诊科"]


def test_a_department_found_by_a_symptom_says_why_in_a_sentence_marked_as_general_guidance():
    SymptomFactory(name="测试心慌", synonyms="测试心悸", departments=[DepartmentFactory(name="测试心内科")])
    texts, marked = snippets("测试心悸")
    assert texts["测试心内科"] == "通用导诊建议：测试心慌（也称测试心悸），可到本科室就诊。"
    assert "测试心悸" in marked


def test_a_snippet_is_the_sentence_around_the_hit_never_the_keyword_list():
    department = DepartmentFactory(
        name="测试神经外科",
        summary="测试省临床重点专科。",
        featured_techniques="测试神经导航\n内镜下治疗测试脑出血",
        introduction="<p>科室成立多年。科室率先开展内镜下治疗测试脑出血，患者恢复更快。</p>",
    )
    ConditionFactory(name="测试脑出血", aliases="测试脑溢血", departments=[department])
    texts, marked = snippets("测试脑出血")
    snippet = texts["测试神经外科"]
    assert snippet == "科室率先开展内镜下治疗测试脑出血，患者恢复更快。"
    assert "测试脑出血" in marked
    # The keyword list ran techniques, conditions and their other names together.
    assert "测试神经导航 内镜下治疗" not in snippet and "测试脑溢血" not in snippet


def test_a_list_on_the_page_reads_as_a_sentence_with_its_heading():
    DepartmentFactory(name="测试外科", featured_techniques="测试神经导航\n测试取栓")
    assert snippets("测试取栓")[0]["测试外科"] == "诊疗专长与特色技术：测试神经导航、测试取栓。"


def test_category_and_department_names_do_not_run_into_a_news_snippet():
    article = ArticleFactory(
        title="测试院庆新闻", summary="", body="<p>测试医院迎来院庆。当天测试义诊活动吸引了数百名市民。</p>"
    )
    article.departments.set([DepartmentFactory(name="测试义诊科")])
    assert snippets("测试义诊")[0]["测试院庆新闻"] == "当天测试义诊活动吸引了数百名市民。"


def test_a_whole_word_match_ranks_above_a_match_on_its_part():
    # 上消化道出血 holds 出血, a part of 脑出血, and says it often and in a department's keywords.
    digestive = DepartmentFactory(name="测试消化科", featured_techniques="上消化道出血救治\n上消化道出血内镜")
    ConditionFactory(name="上消化道出血", aliases="急性上消化道出血", departments=[digestive])
    ExpertFactory(name="测试专家甲", biography="<p>擅长内镜下治疗脑出血。</p>")
    titles = [title for _, title in found("脑出血")]
    assert titles.index("测试专家甲") < titles.index("测试消化科")


def test_a_name_or_title_outranks_a_mention_in_body_text():
    ExpertFactory(name="测试某某", biography="<p>多次参加测试眼科学术会议，测试眼科测试眼科。</p>")
    DepartmentFactory(name="测试眼科")
    assert found("测试眼科")[0] == ("department", "测试眼科")
