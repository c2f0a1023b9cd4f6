"""The hospital's contact facts: entered once in the admin, checked on entry, shown wherever a patient looks."""

import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from apps.core.models import Campus, HospitalInfo
from apps.pages.models import ServicePage
from tests.factories import (
    CampusFactory,
    DepartmentFactory,
    ExpertFactory,
    communications_editor,
    content_admin,
    noise_png,
    upload,
)
from tests.helpers import admin_form_data, assert_accessible_page, count_queries, get_html, text_of

pytestmark = pytest.mark.django_db

FILLED = {
    "switchboard_phone": "0734-1111111",
    "emergency_phone": "0734-2222222",
    "booking_phone": "400-123-4567",
    "booking_hotlines": "114、12320",
    "online_booking_url": "https://example.org/synthetic-booking",
    "wechat_account": "测试公众号",
    "icp_number": "湘ICP备12345678号-1",
    "public_security_number": "湘公网安备43040502000123号",
}


def service_pages():
    return {
        purpose: ServicePage.objects.create(title=label, purpose=purpose, status=ServicePage.Status.PUBLISHED)
        for purpose, label in ServicePage.Purpose.choices
    }


@pytest.mark.parametrize(
    "number",
    ["0734-8888888", "07348888888", "0734 8888888", "010-12345678", "13812345678", "400-123-4567", "120", "12320"],
)
def test_chinese_phone_formats_are_accepted(number):
    HospitalInfo(switchboard_phone=number).full_clean()


@pytest.mark.parametrize("number", ["8888888", "12345", "0734-88", "+1 555 0100", "电话待定", "1381234567"])
def test_a_malformed_phone_number_is_refused_in_chinese(number):
    with pytest.raises(ValidationError) as error:
        HospitalInfo(emergency_phone=number).full_clean()
    assert "电话号码格式不正确" in error.value.message_dict["emergency_phone"][0]


def test_each_number_of_a_hotline_list_is_checked():
    HospitalInfo(booking_hotlines="114、12320").full_clean()
    with pytest.raises(ValidationError) as error:
        HospitalInfo(booking_hotlines="114、9999").full_clean()
    assert "“9999”不是有效的电话号码" in error.value.message_dict["booking_hotlines"][0]


@pytest.mark.parametrize("url", ["http://example.org/booking", "javascript:alert(1)", "ftp://example.org/"])
def test_the_booking_address_must_be_https(url):
    with pytest.raises(ValidationError) as error:
        HospitalInfo(online_booking_url=url).full_clean()
    assert any("https://" in message for message in error.value.message_dict["online_booking_url"])


def test_filing_numbers_are_checked():
    with pytest.raises(ValidationError) as error:
        HospitalInfo(icp_number="ICP12345", public_security_number="43040502000123").full_clean()
    assert "湘ICP备12345678号-1" in error.value.message_dict["icp_number"][0]
    assert "湘公网安备" in error.value.message_dict["public_security_number"][0]


def test_a_campus_phone_is_checked_too():
    with pytest.raises(ValidationError) as error:
        Campus(name="测试院区", emergency_phone="急诊").full_clean()
    assert "电话号码格式不正确" in error.value.message_dict["emergency_phone"][0]


def test_there_is_only_ever_one_record():
    HospitalInfo.objects.create(switchboard_phone="0734-1111111")
    HospitalInfo(emergency_phone="0734-2222222").save()
    assert HospitalInfo.objects.count() == 1
    assert HospitalInfo.load().emergency_phone == "0734-2222222"


# The admin


def test_content_admin_fills_the_record_and_every_page_shows_it_at_once(client, page_cache):
    campus = CampusFactory(name="测试院区")
    before = get_html(client, "/")
    assert "0734-2222222" not in before
    editor = content_admin()
    client.force_login(editor)
    response = client.get(reverse("admin:core_hospitalinfo_changelist"))
    assert response.status_code == 302 and response["Location"] == reverse("admin:core_hospitalinfo_add")
    response = client.post(reverse("admin:core_hospitalinfo_add"), FILLED)
    assert response.status_code == 302
    client.logout()

    html = get_html(client, "/")  # from the page cache, which the save emptied
    assert '<a class="phone-link" href="tel:07342222222">0734-2222222</a>' in html
    assert 'href="tel:07341111111"' in html
    assert "湘ICP备12345678号-1" in html and 'href="https://beian.miit.gov.cn/"' in html
    assert "code=43040502000123" in html
    assert campus.name in html
    client.force_login(editor)
    assert client.get(reverse("admin:core_hospitalinfo_changelist"))["Location"] == reverse(
        "admin:core_hospitalinfo_change", args=[1]
    )
    assert client.get(reverse("admin:core_hospitalinfo_add")).status_code == 403  # one record only


def test_bad_input_in_the_admin_saves_nothing_and_says_why_in_chinese(client):
    client.force_login(content_admin())
    data = {**FILLED, "emergency_phone": "12345", "online_booking_url": "http://example.org/"}
    response = client.post(reverse("admin:core_hospitalinfo_add"), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "电话号码格式不正确" in html
    assert "请填写以 https:// 开头的网址" in html
    assert not HospitalInfo.objects.exists()


def test_an_oversized_qr_image_is_refused(client, settings):
    settings.MAX_IMAGE_UPLOAD_BYTES = 50_000
    client.force_login(content_admin())
    data = {**FILLED, "wechat_qr_code": upload("qr.png", noise_png((400, 400)), "image/png")}
    response = client.post(reverse("admin:core_hospitalinfo_add"), data)
    assert response.status_code == 200
    assert not HospitalInfo.objects.exists()
    assert "errorlist" in response.content.decode()


def test_communications_staff_cannot_edit_the_contact_facts(client):
    client.force_login(communications_editor())
    assert client.get(reverse("admin:core_hospitalinfo_add")).status_code == 403
    assert client.post(reverse("admin:core_hospitalinfo_add"), FILLED).status_code == 403
    assert not HospitalInfo.objects.exists()


def test_an_edit_through_the_change_form_is_kept(client):
    HospitalInfo.objects.create(**FILLED)
    client.force_login(content_admin())
    url = reverse("admin:core_hospitalinfo_change", args=[1])
    data = admin_form_data(client.get(url))
    data["emergency_phone"] = "120"
    assert client.post(url, data).status_code == 302
    assert HospitalInfo.load().emergency_phone == "120"


# Display


def test_with_nothing_filled_no_label_and_no_empty_heading_is_shown(client):
    pages = service_pages()
    campus = CampusFactory(name="测试院区")
    expert = ExpertFactory(primary_department=DepartmentFactory(name="测试科"))
    for path in (
        "/",
        reverse("core:campuses"),
        pages["contact"].get_absolute_url(),
        pages["booking"].get_absolute_url(),
        expert.get_absolute_url(),
    ):
        html = get_html(client, path)
        text = text_of(html)
        assert "contact-bar" not in html
        for label in ("总机", "急诊电话", "预约挂号电话", "ICP", "公网安备", "微信公众号", "网上预约"):
            assert label not in text, (path, label)
        assert "待公布" not in text and "暂无" not in text
        assert_accessible_page(html)
    contact = text_of(get_html(client, pages["contact"].get_absolute_url()))
    assert "急危重症请立即拨打 120" in contact  # where to turn while nothing is filled
    assert campus.name in contact


def test_filled_facts_show_in_header_footer_service_and_detail_pages(client):
    HospitalInfo.objects.create(**FILLED)
    pages = service_pages()
    CampusFactory(
        name="测试院区",
        address="测试路1号",
        phone="0734-3333333",
        opening_hours="测试门诊时间",
        emergency_hours="24 小时",
    )
    expert = ExpertFactory(primary_department=DepartmentFactory(name="测试科"))
    department = expert.primary_department

    for path in ("/", reverse("experts:list"), department.get_absolute_url(), reverse("history:honors")):
        header = get_html(client, path).split('<header class="site-header">', 1)[0]
        assert 'href="tel:07342222222"' in header and 'href="tel:07341111111"' in header, path

    contact = get_html(client, pages["contact"].get_absolute_url())
    for fact in ("0734-1111111", "0734-2222222", "400-123-4567", "测试路1号", "0734-3333333", "24 小时"):
        assert fact in contact
    assert 'href="tel:07343333333"' in contact
    assert_accessible_page(contact)

    booking = get_html(client, pages["booking"].get_absolute_url())
    assert 'href="tel:114"' in booking and 'href="tel:12320"' in booking
    assert 'href="https://example.org/synthetic-booking"' in booking
    assert "测试公众号" in booking
    assert_accessible_page(booking)

    for path in (expert.get_absolute_url(), department.get_absolute_url()):
        html = get_html(client, path)
        assert 'href="tel:4001234567"' in html
        assert f'href="{pages["booking"].get_absolute_url()}"' in html
        assert_accessible_page(html)
    # An expert with no sessions: one sentence, with the booking phone.
    assert "出诊时间以门诊当日公布为准。可拨打预约挂号电话" in text_of(get_html(client, expert.get_absolute_url()))

    campuses = get_html(client, reverse("core:campuses"))
    assert "<dt>急诊时间</dt><dd>24 小时</dd>" in campuses


def test_hospital_json_ld_carries_the_phones_and_campus_addresses(client):
    HospitalInfo.objects.create(**FILLED)
    CampusFactory(name="测试院区", address="测试路1号")
    CampusFactory(name="测试空院区")
    html = get_html(client, "/")
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["@type"] == "Hospital"
    assert data["telephone"] == "0734-1111111"
    assert {"@type": "ContactPoint", "telephone": "0734-2222222", "contactType": "emergency"} in data["contactPoint"]
    assert [place["name"] for place in data["location"]] == ["测试院区"]


def test_without_facts_the_json_ld_holds_no_phone(client):
    html = get_html(client, "/")
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert "telephone" not in data and "contactPoint" not in data and "location" not in data


@pytest.mark.parametrize("path", ["/", "/campuses/"])
def test_the_facts_cost_no_query_once_cached_and_one_when_the_content_changed(client, path):
    HospitalInfo.objects.create(**FILLED)
    warm = count_queries(client, path)
    assert count_queries(client, path, tables="core_hospitalinfo") == 0
    HospitalInfo.objects.update(emergency_phone="120")  # no signal: the cached record is still shown
    assert count_queries(client, path) == warm
    HospitalInfo.load().save()  # a save moves the content generation on: the record is read again
    assert "0734-2222222" not in get_html(client, path)
