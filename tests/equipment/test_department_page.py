"""A department's page shows the equipment it uses, at a fixed cost in queries however much it has."""

import pytest

from apps.equipment.models import Equipment
from tests.factories import DepartmentFactory, EquipmentCategoryFactory, EquipmentFactory
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db


def equipment_section(html):
    start = html.index('id="department-equipment"')
    return html[start : html.index("</section>", start)]


def test_department_page_lists_its_published_equipment_with_makers_and_links(client):
    department = DepartmentFactory(name="示例影像科")
    device = EquipmentFactory(name="示例磁共振", manufacturer="示例医疗公司", departments=[department])
    EquipmentFactory(name="示例草稿设备", status=Equipment.Status.DRAFT, departments=[department])
    EquipmentFactory(name="示例他科设备", departments=[DepartmentFactory(name="示例检验科")])

    response = client.get(department.get_absolute_url())
    html = response.content.decode()
    section = equipment_section(html)

    assert response.status_code == 200
    assert '<h2 id="department-equipment">医疗设备</h2>' in html
    assert f'<a href="{device.get_absolute_url()}">示例磁共振</a>' in section
    assert "示例医疗公司" in section
    assert "示例草稿设备" not in section
    assert "示例他科设备" not in section
    assert f'href="/equipment/?department={department.slug}"' in section


def test_catalogue_link_from_a_department_page_shows_that_departments_equipment(client):
    department = DepartmentFactory(name="示例影像科")
    EquipmentFactory(name="示例磁共振", departments=[department])
    EquipmentFactory(name="示例他科设备", departments=[DepartmentFactory(name="示例检验科")])

    html = client.get("/equipment/", {"department": department.slug}).content.decode()

    assert "示例磁共振" in html
    assert "示例他科设备" not in html


def test_department_without_equipment_shows_no_equipment_section(client):
    department = DepartmentFactory(name="示例无设备科室")
    EquipmentFactory(name="示例草稿设备", status=Equipment.Status.DRAFT, departments=[department])

    html = client.get(department.get_absolute_url()).content.decode()

    assert 'id="department-equipment"' not in html
    assert "示例草稿设备" not in html


def test_department_page_query_count_does_not_grow_with_its_equipment(client, django_assert_num_queries):
    department = DepartmentFactory(name="示例影像科")
    categories = [EquipmentCategoryFactory() for _ in range(3)]
    EquipmentFactory(category=categories[0], departments=[department])
    baseline = count_queries(client, department.get_absolute_url())
    assert baseline <= 10

    for n in range(25):
        EquipmentFactory(category=categories[n % 3], departments=[department, DepartmentFactory()])
    client.get(department.get_absolute_url())  # the footer and navigation, cached per content generation
    with django_assert_num_queries(baseline):
        html = client.get(department.get_absolute_url()).content.decode()
    assert equipment_section(html).count("<li>") == 26
