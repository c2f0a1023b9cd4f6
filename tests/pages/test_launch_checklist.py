"""上线检查: the admin page that lists what a patient needs and is still missing, until nothing is."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.core.models import HospitalInfo
from apps.pages.checklist import DISCLOSURE_HEADINGS
from apps.pages.models import ServicePage
from tests.factories import (
    ArticleFactory,
    ArticleImageFactory,
    CampusFactory,
    DepartmentFactory,
    ExpertFactory,
    WeeklySessionFactory,
    communications_editor,
    content_admin,
    image_bytes,
    superuser,
    upload,
)
from tests.helpers import text_of

pytestmark = pytest.mark.django_db

URL = reverse("launch-checklist")


def checklist(client):
    response = client.get(URL)
    assert response.status_code == 200
    return text_of(response.content.decode())


def photo():
    return upload("photo.png", image_bytes(), "image/png")


@pytest.mark.parametrize("make_user", [superuser, content_admin])
def test_superusers_and_content_administrators_open_it_from_the_admin_index(client, make_user):
    client.force_login(make_user())
    index = client.get(reverse("admin:index")).content.decode()
    assert f'href="{URL}"' in index and "上线检查" in index
    assert client.get(URL).status_code == 200


def test_communications_staff_and_visitors_do_not(client):
    assert client.get(URL).status_code == 302  # to the admin login
    client.force_login(communications_editor())
    assert client.get(URL).status_code == 403
    assert f'href="{URL}"' not in client.get(reverse("admin:index")).content.decode()


def test_the_list_shrinks_to_nothing_as_the_data_is_entered(client):
    client.force_login(content_admin())
    campus = CampusFactory(name="测试院区")
    department = DepartmentFactory(name="测试科")
    expert = ExpertFactory(name="测试专家", primary_department=department)
    honouree = ExpertFactory(name="测试荣誉获得者", clinical_title="")  # not in the directory: not counted
    article = ArticleFactory(title="测试新闻", cover_image=photo())
    ArticleImageFactory(article=article, image=photo(), alt_text="")

    text = checklist(client)
    assert "还有" in text
    for missing in (
        "未填写总机电话",
        "未填写急诊电话",
        "未填写ICP 备案号",
        "测试院区：未填写地址、电话、门诊时间",
        "没有用途为“预约挂号”的页面",
        "测试专家",
        "测试科",
        "测试新闻（封面图片）",
        "测试新闻（新闻图片）",
        *DISCLOSURE_HEADINGS,
    ):
        assert missing in text, missing
    assert honouree.name not in text
    html = client.get(URL).content.decode()
    assert f'href="{reverse("admin:core_campus_change", args=[campus.pk])}"' in html
    assert f'href="{reverse("admin:experts_expert_change", args=[expert.pk])}"' in html
    assert f'href="{reverse("admin:core_hospitalinfo_add")}"' in html

    HospitalInfo.objects.create(
        switchboard_phone="0734-1111111",
        emergency_phone="0734-2222222",
        booking_phone="0734-3333333",
        online_booking_url="https://example.org/synthetic-booking",
        icp_number="湘ICP备12345678号-1",
        public_security_number="湘公网安备43040502000123号",
    )
    text = checklist(client)
    assert "未填写" in text and "未填写总机电话" not in text and "预约渠道" not in text

    campus.address, campus.phone, campus.opening_hours = "测试路1号", "0734-4444444", "测试门诊时间"
    campus.save()
    WeeklySessionFactory(expert=expert, campus=campus)
    expert.photo = photo()
    expert.save()
    department.introduction = "<p>测试介绍</p>"
    department.save()
    department.campuses.add(campus)
    article.cover_alt = "测试封面说明"
    article.save()
    article.images.update(alt_text="测试图片说明")
    body = "".join(f"<h2>{heading}</h2><p>测试内容</p>" for heading in DISCLOSURE_HEADINGS)
    published = {"status": ServicePage.Status.PUBLISHED, "published_at": timezone.now() - datetime.timedelta(hours=1)}
    for purpose, label in ServicePage.Purpose.choices:
        ServicePage.objects.create(
            title=label, purpose=purpose, body=body if purpose == "disclosure" else "", **published
        )

    text = checklist(client)
    assert "患者需要的信息都已填写，可以上线。" in text
    assert "还有" not in text


def test_disclosure_headings_without_content_are_listed(client):
    client.force_login(superuser())
    ServicePage.objects.create(
        title="院务公开",
        purpose=ServicePage.Purpose.DISCLOSURE,
        body="<h2>机构基本概况</h2><p>测试内容</p><h2>招标采购</h2><p></p>",
    )
    text = checklist(client)
    assert "院务公开缺少的栏目" in text
    assert "招标采购" in text and "健康科普" in text
    assert "机构基本概况" not in text
    assert "院务公开" in text  # still a draft
