"""Pages run their queries as prepared statements: PostgreSQL plans each once per connection."""

import pytest
from django.db import connection

from tests.departments.factories import DepartmentFactory

pytestmark = pytest.mark.django_db


def prepared_statements():
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [statement for (statement,) in cursor.fetchall()]


def test_a_page_viewed_again_and_again_reads_through_prepared_statements(client):
    department = DepartmentFactory()
    for _ in range(6):
        assert client.get(department.get_absolute_url()).status_code == 200
    assert any('FROM "departments_department"' in statement for statement in prepared_statements())
