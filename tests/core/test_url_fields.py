"""Web addresses typed in the admin without a scheme are saved with https, in every form that has one."""

import pytest
from django.contrib import admin
from django.db import models
from django.test import RequestFactory

from tests.factories import content_admin

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
