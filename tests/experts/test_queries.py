"""The expert pages run a fixed, small number of SQL queries however many experts and sessions there are."""

import datetime

import pytest
from django.urls import reverse

from apps.experts.timetable import local_today
from tests.factories import (
    CampusFactory,
    DepartmentFactory,
    ExpertFactory,
    ScheduleExceptionFactory,
    WeeklySessionFactory,
    WorkstationFactory,
)
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db

MAX_QUERIES = 10


def add_experts(count, department, campus):
    for _ in range(count):
        expert = ExpertFactory(primary_department=department, departments=[department, DepartmentFactory()])
        for weekday in (1, 3, 5):
            WeeklySessionFactory(expert=expert, weekday=weekday, campus=campus)
        WorkstationFactory(lead_expert=expert)


def add_schedule(expert, campus, colleague, weeks, first=0):
    """More weekly sessions, exceptions and covered sessions for one expert."""
    today = local_today()
    for n in range(first, first + weeks):
        WeeklySessionFactory(
            expert=expert,
            weekday=(n % 7) + 1,
            period=(n // 7) % 3 + 1,
            campus=campus,
            valid_from=today - datetime.timedelta(days=n),
        )
    for offset in range(first, first + weeks):
        day = today + datetime.timedelta(days=offset)
        ScheduleExceptionFactory(expert=expert, date=day, period=1, kind="cancel")
        ScheduleExceptionFactory(expert=expert, date=day, period=3, kind="extra", campus=CampusFactory())
        ScheduleExceptionFactory(expert=colleague, date=day, period=2, kind="substitute", substitute=expert)
    WeeklySessionFactory(expert=colleague, weekday=today.isoweekday(), period=2, campus=campus)
    expert.departments.add(*(DepartmentFactory() for _ in range(weeks)))
    for _ in range(weeks):
        WorkstationFactory(lead_expert=expert)


@pytest.fixture
def place():
    return {"department": DepartmentFactory(name="测试内科"), "campus": CampusFactory(name="测试东院区")}


FILTERS = {
    "none": {},
    "department": {"department": "department"},
    "title": {"title": "chief"},
    "campus": {"campus": "campus"},
    "day": {"day": "3"},
    "campus+day": {"campus": "campus", "day": "3"},
    "all": {"department": "department", "title": "chief", "campus": "campus", "day": "1"},
    "bad": {"department": "nothing-like-it", "day": "9"},
    "page-2": {"page": "2"},
}


def test_expert_list_query_count_does_not_grow_with_the_data(client, place):
    """Every filter at two data sizes; the data is made once for all of them (it is the slow part)."""
    url = reverse("experts:list")
    filters = {
        name: {key: place[value].slug if value in place else value for key, value in params.items()}
        for name, params in FILTERS.items()
    }
    add_experts(14, place["department"], place["campus"])
    small = {name: count_queries(client, url, **params) for name, params in filters.items()}

    add_experts(40, place["department"], place["campus"])
    large = {name: count_queries(client, url, **params) for name, params in filters.items()}

    assert large == small
    assert max(small.values()) <= MAX_QUERIES


@pytest.mark.parametrize("url_name", ["experts:detail", "experts:schedule_ics"])
def test_expert_page_and_feed_query_count_does_not_grow_with_the_schedule(
    client, django_assert_num_queries, place, url_name
):
    expert = ExpertFactory(primary_department=place["department"])
    colleague = ExpertFactory()
    add_schedule(expert, place["campus"], colleague, weeks=1)
    url = reverse(url_name, kwargs={"slug": expert.slug})
    small = count_queries(client, url)

    add_schedule(expert, place["campus"], ExpertFactory(), weeks=20, first=1)
    client.get(url)  # warm again: the new campuses emptied the footer's cache
    with django_assert_num_queries(small):
        response = client.get(url)
    body = response.content.decode()
    assert body.count("停诊") >= 7 if url_name == "experts:detail" else body.count("BEGIN:VEVENT") > 20
    assert small <= MAX_QUERIES
