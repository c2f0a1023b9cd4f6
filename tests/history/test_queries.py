"""Each history page runs the same small number of SQL queries whatever the amount of content."""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse

from apps.history.models import Milestone
from tests.factories import (
    HonourFactory,
    HospitalNameFactory,
    HospitalProfileFactory,
    KeyFigureFactory,
    KeyFigureValueFactory,
    MilestoneFactory,
    SourceFactory,
)
from tests.helpers import count_queries, get_html

pytestmark = pytest.mark.django_db

# The page's own queries, on the history tables; the rest are the site-wide ones (navigation, footer).
OWN_QUERIES = {
    # profile, its names, figures, their values, grade reviews, sources
    "history:about": 6,
    # milestones or honours, and their sources
    "history:timeline": 2,
    "history:honors": 2,
}


def add_content(profile, count):
    sources = SourceFactory.create_batch(2)
    for index in range(count):
        HospitalNameFactory(profile=profile, source=sources[0])
        figure = KeyFigureFactory(is_featured=index % 2 == 0)
        KeyFigureValueFactory(figure=figure, year=2028, source=sources[0])
        KeyFigureValueFactory(figure=figure, year=2030, since_year=2029, source=sources[1])
        MilestoneFactory(category=Milestone.Category.GRADE, sources=sources)
        MilestoneFactory(date=datetime.date(2031, 3, 1), precision="month", sources=sources)
        HonourFactory(level=1, year=2030, sources=sources)
        HonourFactory(level=3, sources=sources)


def render(client, name):
    """A first visit's queries, how many of them are on the history tables, and the page's HTML."""
    url = reverse(name)
    total = count_queries(client, url, first_visit=True)
    own = count_queries(client, url, first_visit=True, tables="history_")
    return total, own, get_html(client, url)


@pytest.mark.parametrize("name", list(OWN_QUERIES))
def test_page_runs_the_same_few_queries_with_two_or_fifty_of_everything(client, django_assert_num_queries, name):
    profile = HospitalProfileFactory()
    add_content(profile, 1)
    small_total, small_own, small_html = render(client, name)

    add_content(profile, 24)
    cache.clear()
    with django_assert_num_queries(small_total):
        response = client.get(reverse(name))

    large_total, large_own, large_html = render(client, name)
    assert small_own == large_own == OWN_QUERIES[name]
    assert large_total == small_total <= 10
    assert len(large_html) > len(small_html)  # the larger data set really is on the page
    assert response.status_code == 200
