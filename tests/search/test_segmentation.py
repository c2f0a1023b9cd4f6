"""Chinese words are cut the same way for the index and for queries, and hospital names stay whole."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.core.cache import bump_content_generation
from apps.search import segmentation
from apps.search.models import SearchDocument
from apps.search.query import highlight, search
from tests.factories import DepartmentFactory


def test_search_mode_yields_the_parts_of_a_long_word():
    segmentation.add_terms(["胸痛中心"])
    tokens = segmentation.index_tokens("胸痛中心是衡阳首家通过国家认证的标准版胸痛中心")
    assert {"胸痛中心", "胸痛", "中心"} <= set(tokens)


def test_a_hospital_term_stays_one_word_in_queries():
    segmentation.add_terms(["肝胆外科"])
    assert [word for word, _ in segmentation.query_words("肝胆外科")] == ["肝胆外科"]


def test_an_expert_name_added_as_a_term_is_not_cut_into_a_herb():
    # Without the name, jieba reads 李远志 as 李 + 远志 (a medicinal herb).
    segmentation.add_terms(["李远志"])
    assert "李远志" in segmentation.index_tokens("神经外科主任李远志")
    assert [word for word, _ in segmentation.query_words("李远志")] == ["李远志"]


def test_a_device_name_keeps_its_latin_parts():
    segmentation.add_terms(["飞利浦PET-CT", "STORZ3D腹腔镜"])
    assert {"飞利浦", "pet", "ct"} <= set(segmentation.index_tokens("飞利浦PET-CT"))
    assert {"storz3d", "storz", "3", "d", "腹腔镜", "腹腔"} <= set(segmentation.index_tokens("STORZ3D腹腔镜"))


def test_full_width_and_capital_letters_are_folded():
    assert segmentation.normalize("ＰＥＴ－ＣＴ  检查") == "pet-ct 检查"
    assert [word for word, _ in segmentation.query_words("ＰＥＴ－ＣＴ")] == ["pet", "ct"]


def test_a_stem_of_a_centre_name_matches_the_condition_it_is_about():
    segmentation.add_terms(["卒中中心", "脑卒中"])
    assert "卒中" in segmentation.index_tokens("卒中中心通过湖南卒中联盟认证")
    (word, alternatives), *_ = segmentation.query_words("脑卒中")
    assert word == "脑卒中"
    assert ["卒中"] in alternatives


def test_a_query_becomes_a_safe_tsquery_whatever_it_contains():
    words = segmentation.query_words("胸痛' & | ! :* (医院) <b>")
    query = segmentation.tsquery(words)
    assert "'胸痛'" in query and "'医院'" in query
    # Only quoted lexemes, the operators between them and prefix marks remain.
    assert set(query) - set("胸痛医院b'&|():* ") == set()


def test_punctuation_alone_gives_nothing_to_search():
    assert segmentation.query_words("，。！？——") == []
    assert segmentation.tsquery([]) is None


def test_pinyin_queries_are_recognised():
    assert segmentation.pinyin_query("LYZ") == "lyz"
    assert segmentation.pinyin_query("li yuan zhi") == "liyuanzhi"
    assert segmentation.pinyin_query("PET-CT") is None
    assert segmentation.pinyin_query("胸痛") is None


def test_highlighting_marks_the_terms_and_escapes_everything_else():
    html = highlight('<script>alert("胸痛")</script> & 胸痛中心', ["胸痛中心", "胸痛"])
    assert html == ("&lt;script&gt;alert(&quot;<mark>胸痛</mark>&quot;)&lt;/script&gt; &amp; <mark>胸痛中心</mark>")


def test_highlighting_ignores_the_case_of_latin_letters():
    assert highlight("飞利浦PET-CT", ["pet", "ct"]) == "飞利浦<mark>PET</mark>-<mark>CT</mark>"


@pytest.mark.django_db
def test_a_term_indexed_by_another_process_joins_this_ones_dictionary_after_the_edit():
    term = "鹭湖慢病驿站"
    department = DepartmentFactory(name="全科医学科")
    search("全科")  # this process has read the index's terms
    assert [word for word, _ in segmentation.query_words(term)] != [term]

    # What an edit made through another worker or server leaves: a new term in the index, and a new generation.
    SearchDocument.objects.filter(object_id=department.pk, kind="department").update(terms=[department.name, term])
    bump_content_generation()
    search("全科")

    assert [word for word, _ in segmentation.query_words(term)] == [term]


@pytest.mark.django_db
def test_the_terms_are_not_read_again_while_nothing_changed():
    DepartmentFactory(name="全科医学科")
    search("全科")
    with CaptureQueriesContext(connection) as queries:
        search("全科")
    assert queries and not any("unnest" in query["sql"] for query in queries)
