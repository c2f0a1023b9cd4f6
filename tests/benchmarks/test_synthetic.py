"""Synthetic data: clearly marked, made in bulk at any scale, and removed exactly by --clear."""

import pytest
from django.core.management import CommandError, call_command

from apps.departments.models import Department
from apps.equipment.models import Equipment
from apps.experts.models import Expert, WeeklySession
from apps.news.models import Article
from apps.search.models import SearchDocument
from benchmarks.synthetic import made

pytestmark = pytest.mark.django_db

MODELS = (Department, Expert, Equipment, Article)


def test_generated_records_are_marked_synthetic_and_named_as_examples():
    call_command("generate_synthetic_data", scale=0.005, verbosity=0)

    assert made(Department).count() == 1
    assert made(Expert).count() == 10
    assert made(Article).count() == 100
    for model in MODELS:
        names = model.objects.values_list("title" if model is Article else "name", flat=True)
        assert names and all(name.startswith("示例") for name in names)
    assert WeeklySession.objects.filter(expert__in=made(Expert)).exists()
    statuses = set(Article.objects.values_list("status", flat=True))
    assert statuses == {Article.Status.PUBLISHED, Article.Status.DRAFT}
    assert Article.objects.published().count() < Article.objects.filter(status=Article.Status.PUBLISHED).count()


def test_a_second_run_adds_records_beside_the_first():
    call_command("generate_synthetic_data", scale=0.005, verbosity=0)
    call_command("generate_synthetic_data", scale=0.005, verbosity=0)

    assert made(Department).count() == Department.objects.count() == 2
    assert made(Article).count() == Article.objects.count() == 200


def test_clear_removes_exactly_the_synthetic_records_and_keeps_the_hospitals_content():
    call_command("load_hospital_content", verbosity=0)
    real = {model: set(model.objects.values_list("pk", flat=True)) for model in MODELS}
    real_index = set(SearchDocument.objects.values_list("content_type", "object_id"))
    real_sessions = set(WeeklySession.objects.values_list("pk", flat=True))
    call_command("generate_synthetic_data", scale=0.005, verbosity=0)
    assert all(model.objects.count() > len(real[model]) for model in MODELS)
    assert SearchDocument.objects.count() > len(real_index)

    call_command("generate_synthetic_data", clear=True, verbosity=0)

    assert {model: set(model.objects.values_list("pk", flat=True)) for model in MODELS} == real
    assert set(WeeklySession.objects.values_list("pk", flat=True)) == real_sessions
    assert set(SearchDocument.objects.values_list("content_type", "object_id")) == real_index
    assert not any(made(model).exists() for model in MODELS)


def test_generated_pages_render_for_visitors(client):
    call_command("generate_synthetic_data", scale=0.005, verbosity=0)
    expert = made(Expert).first()
    article = made(Article).published().first()
    assert expert.name in client.get(expert.get_absolute_url()).content.decode()
    assert article.title in client.get(article.get_absolute_url()).content.decode()


def test_a_scale_out_of_range_is_refused_with_a_chinese_message():
    with pytest.raises(CommandError, match="--scale 必须大于 0"):
        call_command("generate_synthetic_data", scale=0)


def test_generated_records_are_findable_through_search(client):
    call_command("generate_synthetic_data", scale=0.005, verbosity=0)
    expert = made(Expert).first()
    html = client.get("/search/", {"q": expert.name}).content.decode()
    assert expert.get_absolute_url() in html
