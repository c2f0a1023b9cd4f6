"""The expert directory lists clinicians; people the sources name only for an honour are on /honors/ instead."""

import pytest
from django.urls import reverse

from apps.departments.models import Department
from apps.experts.models import Expert
from tests.content import loaded_once
from tests.helpers import get_html, text_of

pytestmark = pytest.mark.django_db

content = loaded_once("010_campuses.json", "020_history.json", "030_departments.json", "040_experts.json")

HONOUREES = ("刘军", "唐肖春", "詹济舟")


def test_honourees_are_on_the_honours_page_with_their_honour_and_not_in_the_directory(client, content):
    directory = text_of(get_html(client, reverse("experts:list")))
    honours = text_of(get_html(client, reverse("history:honors")))
    for name in HONOUREES:
        assert name not in directory
        assert name in honours
    assert "全国抗击新冠肺炎疫情先进个人" in honours
    assert "李远志" in directory
    sitemap = get_html(client, reverse("sitemap"))
    assert "/experts/liu-jun/" not in sitemap and "/experts/li-yuan-zhi/" in sitemap


def test_an_honouree_given_a_department_and_a_title_joins_the_directory(client, content):
    expert = Expert.objects.get(name="刘军")
    expert.primary_department = Department.objects.get(name="神经外科")
    expert.clinical_title = Expert.ClinicalTitle.CHIEF
    expert.save()
    listed = text_of(get_html(client, reverse("experts:list"), department=expert.primary_department.slug))
    assert "刘军" in listed


def test_an_honourees_page_offers_no_booking_or_timetable_until_they_see_patients(client, content):
    expert = Expert.objects.get(name="刘军")
    page = text_of(get_html(client, expert.get_absolute_url()))
    assert "刘军" in page
    for clinic_words in ("就诊信息", "出诊时间", "预约"):
        assert clinic_words not in page

    expert.primary_department = Department.objects.get(name="神经外科")
    expert.save()
    page = text_of(get_html(client, expert.get_absolute_url()))
    assert "就诊信息" in page and "出诊时间" in page
