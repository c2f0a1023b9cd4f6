"""/departments/<slug>/: what a department page shows, its stable address and who may see it."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from apps.departments.models import Department
from tests.factories import (
    CampusFactory,
    CentreFactory,
    ConditionFactory,
    DepartmentFactory,
    DesignationFactory,
    DesignationTypeFactory,
    ExpertFactory,
)
from tests.helpers import get_html

pytestmark = pytest.mark.django_db


@pytest.fixture
def department():
    centre = DepartmentFactory(name="测试外科中心", kind=Department.Kind.CENTRE)
    department = DepartmentFactory(
        name="测试神经科",
        parent=centre,
        aliases="测试脑科\n测试神外",
        summary="测试用的一句话简介。",
        introduction='<p>测试介绍<script>alert(1)</script><a href="javascript:alert(1)">链接</a></p>',
        specialties="测试专长甲\n\n测试专长乙",
        featured_techniques="测试技术丙",
        phone="0734-0000000",
        location="测试楼三楼",
    )
    department.campuses.set([CampusFactory(name="测试北院区")])
    DepartmentFactory(name="测试下属科", parent=department)
    DepartmentFactory(name="测试隐藏下属科", parent=department, is_visible=False)
    key = DesignationTypeFactory(name="测试重点专科")
    DesignationFactory(designation_type=key, name="测试神经科", departments=[department])
    qc = DesignationTypeFactory(name="测试质控中心挂靠单位")
    DesignationFactory(designation_type=qc, name="测试神经外科质控", departments=[department], note="测试说明")
    CentreFactory(name="测试标准病房", departments=[department], established="2023年7月")
    CentreFactory(name="测试隐藏病房", departments=[department], is_visible=False)
    ConditionFactory(name="测试脑病", aliases="测试中风", departments=[department])
    return department


def test_page_shows_name_kind_parent_and_facts(client, department):
    html = get_html(client, department.get_absolute_url())
    assert "<h1>测试神经科</h1>" in html
    assert '<span class="tag">临床科室</span>' in html
    assert "又称：测试脑科、测试神外" in html
    assert '<p class="lead">测试用的一句话简介。</p>' in html
    assert f'<a href="{department.parent.get_absolute_url()}">测试外科中心</a>' in html
    assert ">测试北院区</a>" in html
    assert "测试楼三楼" in html
    assert '<a class="phone-link" href="tel:07340000000">0734-0000000</a>' in html
    assert html.count("<h1") == 1


def test_page_lists_visible_children_only(client, department):
    html = get_html(client, department.get_absolute_url())
    assert "下设科室" in html
    assert "测试下属科</a>" in html
    assert "测试隐藏下属科" not in html


def test_page_lists_designations_centres_and_conditions(client, department):
    html = get_html(client, department.get_absolute_url())
    assert "测试重点专科</a>" in html
    assert "测试质控中心挂靠单位</a>：测试神经外科质控" in html
    assert "测试说明" in html
    assert "测试标准病房</a>" in html
    assert "2023年7月设立" in html
    assert "测试隐藏病房" not in html
    assert "测试脑病" in html
    assert "又称测试中风" in html


def test_page_lists_specialties_and_techniques_one_per_line(client, department):
    html = get_html(client, department.get_absolute_url())
    assert "<li>测试专长甲</li>" in html
    assert "<li>测试专长乙</li>" in html
    assert "<li>测试技术丙</li>" in html
    assert "<li></li>" not in html


def test_introduction_is_shown_cleaned(client, department):
    html = get_html(client, department.get_absolute_url())
    assert "<p>测试介绍" in html
    assert "<script>alert(1)</script>" not in html
    assert "javascript:" not in html


def test_empty_department_shows_no_placeholder_and_no_empty_section(client):
    html = get_html(client, DepartmentFactory(name="测试空科").get_absolute_url())
    assert "正在整理中" not in html
    assert "待公布" not in html
    assert "科室介绍" not in html
    assert "所在院区" not in html
    assert "专家团队" not in html


def test_empty_department_leaves_no_trace_of_missing_facts(client):
    html = get_html(client, DepartmentFactory(name="测试空科").get_absolute_url())
    assert "待公布" not in html
    sidebar = html.split('<aside class="facts-panel"', 1)[1].split("</aside>", 1)[0]
    assert "<dt>" not in sidebar and "<dl" not in sidebar
    for label in ("所在院区", "所属中心", "专家团队", "资料来源"):
        assert label not in html, label


def test_practical_facts_stand_in_their_own_sidebar(client, department):
    html = get_html(client, department.get_absolute_url())
    sidebar = html.split('<aside class="facts-panel"', 1)[1].split("</aside>", 1)[0]
    assert "就诊信息" in sidebar
    assert ">测试北院区</a>" in sidebar
    assert "测试楼三楼" in sidebar
    assert 'href="tel:' in sidebar and ">0734-0000000</a>" in sidebar
    assert '<a href="tel:120">120</a>' in sidebar
    # the main text sits beside it, not inside it
    assert "科室介绍" not in sidebar


def test_page_lists_its_active_experts_with_title_and_link(client, department):
    active = ExpertFactory(
        name="测试专家甲", clinical_title="chief", academic_title="教授", roles="测试科主任", departments=[department]
    )
    ExpertFactory(name="测试专家乙", is_active=False, departments=[department])
    ExpertFactory(name="测试专家丙")
    html = get_html(client, department.get_absolute_url())
    assert '<h2 id="department-experts">专家团队</h2>' in html
    assert f'<a href="{active.get_absolute_url()}">测试专家甲</a>' in html
    assert "主任医师 · 教授" in html
    assert "测试科主任" in html
    assert "测试专家乙" not in html
    assert "测试专家丙" not in html


def test_expert_photo_is_a_resized_image_with_alt_text(client, department, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    buffer = io.BytesIO()
    Image.new("RGB", (800, 1000), "#3366aa").save(buffer, "PNG")
    photo = SimpleUploadedFile("face.png", buffer.getvalue(), content_type="image/png")
    expert = ExpertFactory(name="测试专家丁", photo=photo, departments=[department])
    html = get_html(client, department.get_absolute_url())
    assert 'alt="测试专家丁"' in html
    assert "srcset=" in html
    assert expert.photo.url not in html  # the original upload is never sent


def test_renaming_a_department_keeps_its_address(client, department):
    old_url = department.get_absolute_url()
    department.name = "测试神经医学科"
    department.save()
    department.refresh_from_db()
    assert department.get_absolute_url() == old_url
    assert "<h1>测试神经医学科</h1>" in get_html(client, department.get_absolute_url())


def test_old_address_redirects_permanently_after_a_slug_change(client, department):
    old_url = department.get_absolute_url()
    department.slug = "ce-shi-xin-wang-zhi"
    department.save()
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == "/departments/ce-shi-xin-wang-zhi/"
    assert client.get(response["Location"]).status_code == 200


def test_hidden_department_is_not_found_for_visitors(client, settings):
    settings.DEBUG = False
    hidden = DepartmentFactory(name="测试隐藏科", is_visible=False)
    response = client.get(hidden.get_absolute_url())
    assert response.status_code == 404
    assert "抱歉，您要找的页面不存在" in response.content.decode()


def test_old_address_of_a_hidden_department_does_not_redirect(client):
    hidden = DepartmentFactory(name="测试隐藏科")
    old_url = hidden.get_absolute_url()
    hidden.slug = "ce-shi-xin-wang-zhi"
    hidden.is_visible = False
    hidden.save()
    assert client.get(old_url).status_code == 404


def test_editor_may_preview_a_hidden_department(admin_client):
    hidden = DepartmentFactory(name="测试隐藏科", is_visible=False)
    response = admin_client.get(hidden.get_absolute_url())
    assert response.status_code == 200
    assert "预览：本科室目前设为不在网站显示" in response.content.decode()


def test_hidden_parent_is_not_linked(client):
    parent = DepartmentFactory(name="测试隐藏中心", is_visible=False)
    html = get_html(client, DepartmentFactory(name="测试科", parent=parent).get_absolute_url())
    assert "测试隐藏中心" not in html


@pytest.mark.parametrize("slug", ["no-such-department", "a" * 300])
def test_unknown_address_is_not_found(client, slug):
    assert client.get(reverse("departments:detail", kwargs={"slug": slug})).status_code == 404


def test_related_block_is_left_for_equipment_and_news(client, department):
    from django.template.loader import get_template

    source = get_template("departments/department_detail.html").template.source
    assert "{% block related %}" in source


def test_department_photo_is_shown_in_renditions_and_the_kind_icon_stands_in_without_one(
    client, department, settings, tmp_path
):
    html = get_html(client, department.get_absolute_url())
    assert '<span class="kind-badge kind-clinical" aria-hidden="true"><svg class="icon"' in html
    assert "detail-photo" not in html

    settings.MEDIA_ROOT = tmp_path
    buffer = io.BytesIO()
    Image.new("RGB", (1600, 900), "#3366aa").save(buffer, "PNG")
    department.photo = SimpleUploadedFile("ward.png", buffer.getvalue(), content_type="image/png")
    department.save()
    html = get_html(client, department.get_absolute_url())
    photo = html.split('<figure class="detail-photo">', 1)[1].split("</figure>", 1)[0]
    assert 'alt="测试神经科"' in photo and "srcset=" in photo and ".webp" in photo
    assert department.photo.url not in html
