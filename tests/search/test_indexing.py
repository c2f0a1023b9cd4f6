"""The index follows the content: saving, linking, renaming and deleting records update it at once."""

import json

import pytest
from django.core.management import call_command

from apps.news.models import Article
from apps.search.documents import build_documents, index_objects, save_documents
from apps.search.models import SearchDocument
from apps.search.signals import indexing_deferred
from tests.factories import (
    ArticleFactory,
    ArticleImageFactory,
    CategoryFactory,
    ConditionFactory,
    DepartmentFactory,
    EquipmentFactory,
    ExpertFactory,
    WorkstationFactory,
)

from .conftest import found

pytestmark = pytest.mark.django_db


def test_a_saved_department_is_found_by_its_name_and_links_to_its_page(titles_found):
    department = DepartmentFactory(name="测试甲状腺科", summary="测试科室简介。")
    assert titles_found("测试甲状腺科") == ["测试甲状腺科"]
    document = SearchDocument.objects.filter(kind="department", object_id=department.pk).get()
    assert document.get_absolute_url() == department.get_absolute_url()


def test_renaming_a_department_updates_its_experts(titles_found):
    department = DepartmentFactory(name="测试旧名科")
    ExpertFactory(name="测试专家甲", departments=[department])
    assert "测试专家甲" in titles_found("测试旧名科", kind="expert")

    department.name = "测试新名科"
    department.save()

    assert titles_found("测试新名科") == ["测试新名科", "测试专家甲"]
    assert titles_found("测试旧名科") == []


def test_a_deleted_record_disappears_from_the_index(titles_found):
    expert = ExpertFactory(name="测试专家乙")
    assert titles_found("测试专家乙") == ["测试专家乙"]
    expert.delete()
    assert titles_found("测试专家乙") == []
    assert not SearchDocument.objects.filter(title="测试专家乙").exists()


def test_a_hidden_department_or_expert_is_not_found(titles_found):
    DepartmentFactory(name="测试隐藏科", is_visible=False)
    ExpertFactory(name="测试离职专家", is_active=False)
    assert titles_found("测试隐藏科") == []
    assert titles_found("测试离职专家") == []


def test_linking_a_condition_makes_the_department_findable_by_it(titles_found):
    department = DepartmentFactory(name="测试皮肤科")
    condition = ConditionFactory(name="测试癣病", aliases="测试顽癣")
    assert titles_found("测试癣病") == []

    condition.departments.add(department)
    assert titles_found("测试癣病") == ["测试皮肤科"]
    assert titles_found("测试顽癣") == ["测试皮肤科"]

    department.conditions.clear()
    assert titles_found("测试癣病") == []


def test_an_experts_department_and_specialties_find_the_expert_and_the_department(titles_found):
    department = DepartmentFactory(name="测试脑科")
    expert = ExpertFactory(name="测试专家丙", specialties="测试导航手术")
    assert "测试专家丙" not in titles_found("测试脑科")

    expert.departments.add(department)

    assert "测试专家丙" in titles_found("测试脑科")
    assert set(titles_found("测试导航手术")) == {"测试专家丙", "测试脑科"}


def test_a_workstation_is_found_by_what_its_department_treats(titles_found):
    department = DepartmentFactory(name="测试皮肤病科")
    WorkstationFactory(name="测试院士工作室", department=department)
    ConditionFactory(name="测试白斑", departments=[department])
    assert set(titles_found("测试白斑")) == {"测试皮肤病科", "测试院士工作室"}


def test_an_article_image_caption_is_searchable_with_its_article(titles_found):
    article = ArticleFactory(title="测试院庆新闻")
    ArticleImageFactory(article=article, caption="测试专家开展换瓣手术")
    assert titles_found("换瓣") == ["测试院庆新闻"]


def test_a_draft_device_is_not_found_until_published(titles_found):
    device = EquipmentFactory(name="测试核磁共振", status="draft")
    assert titles_found("测试核磁共振") == []
    device.status = "published"
    device.save()
    assert titles_found("测试核磁共振") == ["测试核磁共振"]


def test_records_made_in_bulk_are_indexed_by_index_objects(titles_found):
    category = CategoryFactory()
    Article.objects.bulk_create(
        [
            Article(
                title=f"测试批量新闻{n}",
                slug=f"ce-shi-pi-liang-{n}",
                category=category,
                body="<p>测试义诊</p>",
                status="published",
            )
            for n in range(30)
        ]  # fmt: skip
    )
    assert titles_found("测试批量新闻") == []

    assert index_objects(Article.objects.filter(title__startswith="测试批量新闻"), batch_size=7) == 30

    assert len(titles_found("测试批量新闻")) == 30


def test_build_documents_makes_rows_a_generator_can_save_itself():
    category = CategoryFactory()
    articles = Article.objects.bulk_create(
        [Article(title="测试生成新闻", slug="ce-shi-sheng-cheng", category=category, body="<p>正文</p>")]
    )
    documents = build_documents(articles)
    assert [document.title for document in documents] == ["测试生成新闻"]
    assert save_documents(documents) == 1
    assert SearchDocument.objects.filter(title="测试生成新闻", published=False).exists()  # a draft


@pytest.mark.parametrize("jobs", [1, 2])
def test_rebuild_command_indexes_everything_again(capsys, jobs):
    DepartmentFactory(name="测试重建科")
    ArticleFactory(title="测试重建新闻")
    SearchDocument.objects.all().delete()

    call_command("rebuild_search_index", jobs=jobs, batch_size=1)

    assert found("测试重建科") == [("department", "测试重建科")]
    assert found("测试重建新闻") == [("news", "测试重建新闻")]
    assert "搜索索引已重建" in capsys.readouterr().out


def test_deferred_indexing_indexes_each_record_once_at_the_end(titles_found):
    with indexing_deferred():
        department = DepartmentFactory(name="测试延后科")
        for number in range(3):
            department.conditions.add(ConditionFactory(name=f"测试延后病种{number}"))
        assert titles_found("测试延后科") == []  # noted, not yet indexed

        gone = ExpertFactory(name="测试延后专家")
        gone.delete()

    assert titles_found("测试延后病种2") == ["测试延后科"]
    assert titles_found("测试延后专家") == []
    assert SearchDocument.objects.filter(kind="department", object_id=department.pk).count() == 1


def test_a_failed_block_indexes_nothing_and_leaves_indexing_on(titles_found):
    with pytest.raises(RuntimeError), indexing_deferred():
        DepartmentFactory(name="测试失败科")
        raise RuntimeError
    assert titles_found("测试失败科") == []

    DepartmentFactory(name="测试之后科")
    assert titles_found("测试之后科") == ["测试之后科"]


def test_loaddata_indexes_what_it_loads(tmp_path, titles_found):
    fixture = tmp_path / "departments.json"
    stamp = "2026-01-01T00:00:00Z"
    fields = {"name": "测试载入科", "slug": "ce-shi-zai-ru-ke", "created_at": stamp, "updated_at": stamp}
    fixture.write_text(json.dumps([{"model": "departments.department", "fields": fields}]), encoding="utf-8")
    call_command("loaddata", str(fixture), verbosity=0)
    assert titles_found("测试载入科") == ["测试载入科"]
