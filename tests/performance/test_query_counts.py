"""Every public page type runs the same small number of SQL queries whatever the amount of data."""

import pytest
from django.core.management import call_command

from tests.helpers import count_queries
from tests.public_pages import feed_pages, html_pages

pytestmark = pytest.mark.django_db

MAX_QUERIES = 10


def test_every_page_type_keeps_a_fixed_query_count_as_content_grows(client):
    call_command("load_hospital_content", verbosity=0)
    from apps.pages.models import ServicePage

    ServicePage.objects.update(status=ServicePage.Status.PUBLISHED)
    call_command("generate_synthetic_data", scale=0.005, verbosity=0)  # every list has something in it
    pages = html_pages() + feed_pages()
    small = {name: count_queries(client, path) for name, path in pages}

    call_command("generate_synthetic_data", scale=0.02, verbosity=0)
    large = {name: count_queries(client, path) for name, path in pages}

    assert large == small
    assert {name: n for name, n in large.items() if n > MAX_QUERIES} == {}
