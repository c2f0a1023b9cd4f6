"""A CompiledQuery builds its SQL once: every call must still read with its own values, and rows come back typed."""

import datetime

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.db.models import OuterRef
from django.utils import timezone

from apps.core.compiled import CompiledQuery, from_json, related_rows
from apps.core.models import Campus
from apps.departments.models import Department
from apps.news.models import Article
from tests.news.factories import ArticleFactory, DepartmentFactory

pytestmark = pytest.mark.django_db


def department_with_news():
    def build(slug, now):
        return (
            Department.objects.filter(slug=slug)
            .values("id", "name", "parent__id", "parent__name")
            .annotate(
                news=related_rows(
                    Article.objects.filter(departments=OuterRef("pk")).published(now).order_by("-published_at"),
                    *("id", "title", "published_at", "category__id", "category__name"),
                )
            )
        )

    return CompiledQuery(build, slug=str, now=datetime.datetime)


def test_each_call_reads_with_its_own_values():
    query = department_with_news()
    first, second = DepartmentFactory(), DepartmentFactory()

    assert [row["name"] for row in query(slug=first.slug, now=timezone.now())] == [first.name]
    assert [row["name"] for row in query(slug=second.slug, now=timezone.now())] == [second.name]
    assert query(slug="no-such-department", now=timezone.now()) == []


def test_a_time_value_decides_what_is_published():
    department = DepartmentFactory()
    scheduled = ArticleFactory(scheduled=True)
    scheduled.departments.add(department)
    query = department_with_news()

    (today,) = query(slug=department.slug, now=timezone.now())
    (in_two_days,) = query(slug=department.slug, now=timezone.now() + datetime.timedelta(days=2))

    assert today["news"] == []
    assert [article.title for article in in_two_days["news"]] == [scheduled.title]


def test_related_rows_come_back_as_typed_instances_with_their_foreign_keys():
    parent = DepartmentFactory()
    department = DepartmentFactory(parent=parent)
    article = ArticleFactory()
    article.departments.add(department)

    (row,) = department_with_news()(slug=department.slug, now=timezone.now())
    instance = from_json(Department, row)
    (news,) = row["news"]

    assert instance.parent.name == parent.name
    assert instance.news == row["news"]
    assert isinstance(news, Article)
    assert news.published_at == article.published_at
    assert news.category.name == article.category.name
    assert news.get_deferred_fields() >= {"body", "slug"}


def test_a_null_foreign_key_is_none():
    department = DepartmentFactory()

    (row,) = department_with_news()(slug=department.slug, now=timezone.now())

    assert from_json(Department, row).parent is None


def test_a_value_the_query_does_not_use_is_refused_when_it_is_built():
    query = CompiledQuery(lambda slug: Department.objects.filter(slug="fixed").values("name"), slug=str)

    with pytest.raises(ImproperlyConfigured, match="does not use slug"):
        query(slug="x")


def test_a_call_must_give_every_value():
    query = department_with_news()

    with pytest.raises(TypeError, match="takes slug, now"):
        query(slug="x")


def test_it_reads_from_the_database_the_router_picks(monkeypatch):
    asked = []

    class Router:
        def db_for_read(self, model, **hints):
            asked.append(model)
            return "default"

    monkeypatch.setattr("apps.core.compiled.router", Router())
    department = DepartmentFactory()

    assert department_with_news()(slug=department.slug, now=timezone.now())
    assert asked == [Department]


def test_lists_fill_their_relations_as_prefetch_related_would(django_assert_num_queries):
    parent = DepartmentFactory()
    child = DepartmentFactory(parent=parent)
    campus = Campus.objects.create(name="测试院区甲", slug="ce-shi-yuan-qu-jia")
    child.campuses.add(campus)

    def build(slug):
        return (
            Department.objects.filter(slug=slug)
            .values("id", "name")
            .annotate(
                rows=related_rows(
                    Department.objects.filter(parent=OuterRef("pk")),
                    *("id", "name"),
                    campuses=related_rows(Campus.objects.filter(departments=OuterRef("pk")), "id", "name"),
                    into="children",
                )
            )
        )

    (row,) = CompiledQuery(build, slug=str)(slug=parent.slug)
    with django_assert_num_queries(0):
        department = from_json(Department, row)
        (read_child,) = department.children.all()
        assert read_child.name == child.name
        assert read_child.parent is department  # the reverse key leads back, as the ORM's prefetch sets it
        assert [c.name for c in read_child.campuses.all()] == [campus.name]


def test_a_date_value_is_a_lookup_value_like_the_others():
    department = DepartmentFactory()
    query = CompiledQuery(
        lambda slug, day: Department.objects.filter(slug=slug, created_at__date__lte=day).values("name"),
        slug=str,
        day=datetime.date,
    )

    today = timezone.localdate()
    assert query(slug=department.slug, day=today) == [{"name": department.name}]
    assert query(slug=department.slug, day=today - datetime.timedelta(days=2)) == []


def test_only_the_request_values_are_parameters_and_the_code_strings_still_match():
    """The code's strings (JSON keys, a name with a quote and a percent sign) are written into the SQL."""
    awkward = "示例'外科' 100%"
    department = DepartmentFactory(name=awkward)
    ArticleFactory().departments.add(department)
    query = CompiledQuery(
        lambda slug, now: (
            Department.objects.filter(slug=slug, name=awkward)
            .values("name")
            .annotate(news=related_rows(Article.objects.filter(departments=OuterRef("pk")).published(now), "title"))
        ),
        slug=str,
        now=datetime.datetime,
    )
    sent = []

    def record(execute, sql, params, many, context):
        sent.append(params)
        return execute(sql, params, many, context)

    now = timezone.now()
    with connection.execute_wrapper(record):
        (row,) = query(slug=department.slug, now=now)

    assert row["name"] == awkward
    assert len(row["news"]) == 1
    assert sent == [[now, department.slug]]
