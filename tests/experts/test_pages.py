"""The expert list and an expert's page, as a visitor sees them."""

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.experts.models import Expert
from tests.factories import DepartmentFactory, ExpertFactory, WeeklySessionFactory, WorkstationFactory

pytestmark = pytest.mark.django_db


def test_expert_list_shows_active_experts_with_title_department_and_sessions(client):
    session = WeeklySessionFactory(
        expert__name="测试专家甲",
        expert__primary_department=DepartmentFactory(),
        weekday=3,
        period=2,
        campus__name="测试院区东",
    )
    ExpertFactory(name="测试专家乙", is_active=False)

    response = client.get(reverse("experts:list"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>专家介绍</h1>" in html
    assert f'href="{session.expert.get_absolute_url()}"' in html
    assert "主任医师" in html
    assert session.expert.primary_department.name in html
    assert "周三下午（测试院区东）" in html
    assert "测试专家乙" not in html


def test_expert_page_shows_profile_sections_and_schedule(client):
    expert = ExpertFactory(
        name="测试专家丙",
        roles="测试科主任",
        degree="博士",
        education="测试医院进修学习\n另一家测试医院进修学习",
        honours="测试荣誉",
        biography="<p>测试简介<script>alert(1)</script></p>",
    )
    WeeklySessionFactory(expert=expert, weekday=1, period=1, campus__name="测试院区西")

    response = client.get(expert.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>测试专家丙</h1>" in html
    assert "主任医师 · 博士" in html
    assert "测试科主任" in html
    assert "<li>测试医院进修学习</li>" in html
    assert "<li>测试荣誉</li>" in html
    assert "<p>测试简介</p>" in html and "<script>alert" not in html
    assert 'id="schedule"' in html
    assert "测试院区西" in html
    assert f'href="{reverse("experts:schedule_ics", kwargs={"slug": expert.slug})}"' in html
    # no portrait yet: the name's first character, not a grey silhouette
    assert '<span class="expert-photo expert-initial" aria-hidden="true">测</span>' in html
    assert "expert-placeholder.svg" not in html
    assert "暂无" not in html


def test_inactive_expert_is_hidden_from_visitors_and_previewable_by_editors(client, admin_client):
    expert = ExpertFactory(is_active=False)

    assert client.get(expert.get_absolute_url()).status_code == 404
    response = admin_client.get(expert.get_absolute_url())
    assert response.status_code == 200
    assert "访客看不到本页" in response.content.decode()


def test_renamed_slug_redirects_to_the_current_page(client):
    expert = ExpertFactory(name="测试专家丁")
    old = expert.slug
    expert.slug = "ce-shi-xin-zhi"
    expert.save()

    response = client.get(reverse("experts:detail", kwargs={"slug": old}))
    assert response.status_code == 301
    assert response["Location"] == "/experts/ce-shi-xin-zhi/"
    response = client.get(reverse("experts:schedule_ics", kwargs={"slug": old}))
    assert response.status_code == 301
    assert response["Location"] == "/experts/ce-shi-xin-zhi/schedule.ics"


def test_unknown_expert_is_a_404(client):
    assert client.get("/experts/no-such-expert/").status_code == 404
    assert client.get("/experts/no-such-expert/schedule.ics").status_code == 404


def test_workstations_are_listed_with_their_lead_expert(client):
    workstation = WorkstationFactory(name="测试院士工作室", kind="academician_studio")

    html = client.get(reverse("experts:list")).content.decode()

    assert "专家工作室与团队" in html
    assert f'id="{workstation.slug}"' in html
    assert "院士工作室" in html
    assert f'href="{workstation.lead_expert.get_absolute_url()}"' in html
    expert_html = client.get(workstation.lead_expert.get_absolute_url()).content.decode()
    assert "测试院士工作室" in expert_html


def test_expert_queryset_published_means_active():
    ExpertFactory(is_active=False)
    shown = ExpertFactory()
    assert list(Expert.objects.published()) == [shown]


def test_sitemap_lists_active_experts_with_their_last_change(client):
    shown = ExpertFactory(name="测试专家辰")
    hidden = ExpertFactory(name="测试专家巳", is_active=False)

    xml = client.get("/sitemap.xml").content.decode()

    assert f"http://testserver{shown.get_absolute_url()}</loc>" in xml
    assert f"<lastmod>{timezone.localtime(shown.updated_at):%Y-%m-%d}" in xml
    assert hidden.get_absolute_url() not in xml


def test_departments_link_to_their_pages_unless_hidden(client):
    shown = DepartmentFactory(name="测试显示科室")
    hidden = DepartmentFactory(name="测试隐藏科室", is_visible=False)
    expert = ExpertFactory(primary_department=shown, departments=[shown, hidden])

    html = client.get(expert.get_absolute_url()).content.decode()

    assert f'<a href="{shown.get_absolute_url()}">测试显示科室</a>' in html
    assert "测试隐藏科室" in html
    assert f'href="{hidden.get_absolute_url()}"' not in html


def test_a_booking_link_that_is_not_a_web_address_is_not_shown(client):
    expert = ExpertFactory(booking_url="javascript:alert(1)")
    html = client.get(expert.get_absolute_url()).content.decode()
    assert "javascript:" not in html
    assert "预约挂号" not in html
