"""Every field of the hospital's content can be filled in the admin: a field no form shows can never be entered."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.test import RequestFactory

pytestmark = pytest.mark.django_db

CONTENT_MODELS = [
    model for model in apps.get_models() if model.__module__.startswith("apps.") and admin.site.is_registered(model)
]


def editable_fields(model):
    return {
        field.name
        for field in model._meta.get_fields()
        if not field.auto_created and (field.concrete or field.many_to_many) and field.editable
    }


@pytest.mark.parametrize("model", CONTENT_MODELS, ids=lambda model: model.__name__)
def test_every_editable_field_is_on_the_form_or_shown(model, admin_user):
    model_admin = admin.site.get_model_admin(model)
    request = RequestFactory().get("/")
    request.user = admin_user
    shown = set(model_admin.get_form(request, obj=None).base_fields) | set(model_admin.get_readonly_fields(request))
    missing = editable_fields(model) - shown
    assert not missing, f"{model._meta.verbose_name}: {sorted(missing)} cannot be entered in the admin"
