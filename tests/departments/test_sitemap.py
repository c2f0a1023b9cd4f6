"""Search engines find every department page visitors can see, with when it last changed."""

import pytest
from django.utils import timezone

from tests.factories import DepartmentFactory

pytestmark = pytest.mark.django_db


def test_sitemap_lists_visible_departments_with_their_last_change(client):
    shown = DepartmentFactory(name="测试显示科")
    DepartmentFactory(name="测试隐藏科", is_visible=False)
    response = client.get("/sitemap.xml")
    xml = response.content.decode()
    assert response.status_code == 200
    assert f"{shown.get_absolute_url()}</loc>" in xml
    # The date of the last change in the hospital's time zone, as the sitemap writes it.
    assert f"<lastmod>{timezone.localdate(shown.updated_at).isoformat()}" in xml
    assert "/departments/ce-shi-yin-cang-ke/" not in xml
