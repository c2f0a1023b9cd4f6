"""The department pages run the same small number of SQL queries whatever the amount of data."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from apps.departments.models import Department
from tests.factories import (
    CampusFactory,
    CentreFactory,
    ConditionFactory,
    DepartmentFactory,
    DesignationCountFactory,
    DesignationFactory,
    DesignationTypeFactory,
    ExpertFactory,
)
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db

MAX_QUERIES = 10

# The page's own queries, on the department tables; the others are site-wide or other apps' sections.
OWN_QUERIES = {
    # the campus menu (campuses with departments); the filter's designation types; the overview's
    # designation types, their counts, designations and their departments, centres and theirs; departments
    "list": 9,
    # the campus menu, the filter's designation types, departments
    "list-by-campus": 3,
    # the campus menu, the chosen designation type, its counts, the filter's designation types, departments
    "list-by-designation": 5,
    # department, children, campuses, designations (with their types), centres, conditions; the experts,
    # equipment and news sections are counted in the total
    "detail": 6,
}


def populate(department, campus, size):
    """`size` of everything around `department`: departments, children, designations, centres, conditions, experts."""
    others = DepartmentFactory.create_batch(size, parent=department)
    for other in others:
        other.campuses.set([campus])
    DepartmentFactory.create_batch(size, kind=Department.Kind.MEDICAL_TECHNICAL)
    DepartmentFactory.create_batch(size, kind=Department.Kind.CENTRE, is_visible=False)
    for _ in range(size):
        designation_type = DesignationTypeFactory()
        DesignationCountFactory(designation_type=designation_type)
        DesignationFactory(designation_type=designation_type, departments=[department, *others[:3]])
        CentreFactory(departments=[department, *others[:3]])
        ConditionFactory(departments=[department, *others[:2]])
    ExpertFactory.create_batch(size, departments=[department])
    ExpertFactory.create_batch(size, departments=[department], is_active=False)


@pytest.fixture
def department():
    department = DepartmentFactory(name="测试中心", kind=Department.Kind.CENTRE)
    department.campuses.set([CampusFactory(name="测试院区")])
    return department


PAGES = {
    "list": lambda department, campus: reverse("departments:list"),
    "list-by-campus": lambda department, campus: f"{reverse('departments:list')}?campus={campus.slug}",
    "list-by-designation": lambda department, campus: (
        f"{reverse('departments:list')}?designation={department.designations.first().designation_type.slug}"
    ),
    "detail": lambda department, campus: department.get_absolute_url(),
}


@pytest.mark.parametrize("name", PAGES)
def test_page_query_count_does_not_grow_with_the_data(client, django_assert_num_queries, department, name):
    campus = department.campuses.get()
    populate(department, campus, 2)
    url = PAGES[name](department, campus)
    first_visit = count_queries(client, url, first_visit=True)
    own = count_queries(client, url, first_visit=True, tables="departments_")
    # Later visits find the site-wide navigation and footer in the cache: only the page's own work is left.
    later_visit = count_queries(client, url)
    assert later_visit <= MAX_QUERIES
    assert own == OWN_QUERIES[name]

    populate(department, campus, 12)
    cache.clear()
    with django_assert_num_queries(first_visit):
        client.get(url)
    with django_assert_num_queries(later_visit):
        response = client.get(url)
    if name == "detail":
        assert response.content.decode().count("测试专家") == 14  # 2 + 12 active experts, none of the inactive
