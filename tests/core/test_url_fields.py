"""Link fields: web addresses only, whatever path a value came in by.

A typed address without a scheme is saved with https in every admin form; every URL field of every model
refuses any scheme but http(s) in full_clean(); and a value written past validation (.update(), raw SQL)
renders no link on the page that shows it.
"""

import pytest
from django.apps import apps
from django.contrib import admin
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models
from django.test import RequestFactory
from django.urls import reverse

from apps.core.models import HospitalInfo
from apps.pages.models import ServiceLink, ServicePage
from tests.core.html_checks import parse, url_scheme
from tests.factories import CampusFactory, WeeklySessionFactory, content_admin

pytestmark = pytest.mark.django_db


def url_form_fields():
    """(admin's name, field name, form field) of every URL field in the admin's forms and inline forms."""
    request = RequestFactory().get("/admin/")
    request.user = content_admin(username="url-fields-admin")
    found = []
    for model, model_admin in admin.site._registry.items():
        forms = [(type(model_admin).__name__, model, model_admin.get_form(request))]
        forms += [
            (type(inline).__name__, inline.model, inline.get_formset(request).form)
            for inline in model_admin.get_inline_instances(request)
        ]
        for name, form_model, form in forms:
            for field in form_model._meta.get_fields():
                if isinstance(field, models.URLField) and field.name in form.base_fields:
                    found.append((name, field.name, form.base_fields[field.name]))
    return found


def test_every_admin_url_field_saves_an_address_without_scheme_as_https():
    fields = url_form_fields()
    names = {(admin_name, field) for admin_name, field, _ in fields}
    # The campus map, an expert's booking page and a service page's links.
    assert {("CampusAdmin", "map_url"), ("ExpertAdmin", "booking_url"), ("ServiceLinkInline", "url")} <= names
    not_https = {
        (admin_name, name): cleaned
        for admin_name, name, field in fields
        if (cleaned := field.clean("www.example.org/guahao")) != "https://www.example.org/guahao"
    }
    assert not_https == {}


# Each written as a browser would still follow it: mixed case, a leading blank, a tab inside the scheme.
HOSTILE_URLS = (
    "javascript:alert(1)",
    "JavaScript:alert(document.cookie)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html,<script>alert(1)</script>",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "ftp://example.org/file",
)
WEB_URL = "https://example.org/synthetic-link"


def model_url_fields():
    """{"app.Model.field": field} for every URLField of every installed model."""
    return {
        f"{model._meta.label}.{field.name}": field
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.URLField)
    }


@pytest.mark.parametrize("name", sorted(model_url_fields()))
def test_every_url_field_refuses_any_scheme_but_http_and_https(name):
    field = model_url_fields()[name]

    for url in HOSTILE_URLS:
        with pytest.raises(ValidationError):
            field.clean(url, None)
    assert field.clean(WEB_URL, None) == WEB_URL


def campus_map():
    return CampusFactory(), reverse("core:campuses")


def expert_booking_page():
    session = WeeklySessionFactory()  # the booking link sits beside the clinic times
    return session.expert, session.expert.get_absolute_url()


def service_page_link():
    page = ServicePage.objects.create(title="测试服务页", status=ServicePage.Status.PUBLISHED)
    return ServiceLink.objects.create(page=page, title="测试链接", url=WEB_URL), page.get_absolute_url()


def online_booking():
    page = ServicePage.objects.create(
        title="预约挂号", purpose=ServicePage.Purpose.BOOKING, status=ServicePage.Status.PUBLISHED
    )
    return HospitalInfo.objects.create(online_booking_url=WEB_URL), page.get_absolute_url()


# The page on which a visitor meets each URL field, and a record of it there.
PAGES_SHOWING = {
    "core.Campus.map_url": campus_map,
    "core.HospitalInfo.online_booking_url": online_booking,
    "experts.Expert.booking_url": expert_booking_page,
    "pages.ServiceLink.url": service_page_link,
}


def test_every_url_field_is_checked_on_the_page_that_shows_it():
    assert set(PAGES_SHOWING) == set(model_url_fields())


def hrefs(client, path):
    cache.clear()  # an .update() sends no signal, so nothing else would empty the site's caches
    response = client.get(path)
    assert response.status_code == 200
    elements, _ = parse(response.content.decode())
    return [value for _, attrs in elements for name, value in attrs if name == "href" and value]


@pytest.mark.parametrize("name", sorted(PAGES_SHOWING))
def test_a_url_written_past_validation_is_refused_by_full_clean_and_renders_no_link(client, name):
    record, path = PAGES_SHOWING[name]()
    field_name = name.rsplit(".", 1)[1]
    rows = type(record).objects.filter(pk=record.pk)
    rows.update(**{field_name: WEB_URL})
    assert WEB_URL in hrefs(client, path)  # the page does show this field as a link

    for url in HOSTILE_URLS:
        rows.update(**{field_name: url})

        record.refresh_from_db()
        with pytest.raises(ValidationError) as refused:
            record.full_clean()
        assert field_name in refused.value.message_dict
        assert [href for href in hrefs(client, path) if url_scheme(href) not in (None, "http", "https", "tel")] == []
