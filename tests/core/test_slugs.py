"""Every slug the database holds can be linked to: each slug field has a named check constraint that
accepts what the <slug:> URL converter accepts, however the row is written (admin, fixture, import,
script), so no page that links a record can fail on it."""

import json
import re

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import IntegrityError, models, transaction

from apps.core.models import Campus, OldSlug
from apps.departments.models import Condition, Department
from tests.helpers import get_html
from tests.security.routes import make_record

pytestmark = pytest.mark.django_db

SLUG_MODELS = [
    model for model in apps.get_models() if any(isinstance(field, models.SlugField) for field in model._meta.fields)
]
# What `<slug:>` refuses: a blank, a space, a slash, a letter outside ASCII, a Chinese name, a newline.
BAD_SLUGS = ["bad slug/é", "", "ce shi", "ce-shi/ke", "ké", "神经外科", "ce-shi\n"]


def linked(html):
    """The paths a page links to, in href="…" and in a sitemap's <loc>."""
    return set(re.findall(r'(?:href="|<loc>)(?:https?://[^/"<]+)?([^"<#?]+)', html))


def test_every_slug_field_has_the_constraint():
    assert len(SLUG_MODELS) >= 13
    for model in SLUG_MODELS:
        names = {constraint.name for constraint in model._meta.constraints}
        assert f"{model._meta.app_label}_{model._meta.model_name}_slug_is_url_safe" in names, model


@pytest.mark.parametrize("model", SLUG_MODELS, ids=lambda model: model._meta.label)
def test_the_database_refuses_a_slug_the_url_cannot_carry(model):
    if model is OldSlug:
        record = OldSlug.objects.create(
            content_type=ContentType.objects.get_for_model(Campus), object_id=1, slug="ce-shi-jiu-wang-zhi"
        )
    else:
        record = make_record(model)

    for slug in BAD_SLUGS:
        with pytest.raises(IntegrityError, match="slug_is_url_safe"), transaction.atomic():
            model._default_manager.filter(pk=record.pk).update(slug=slug)

    assert model._default_manager.get(pk=record.pk).slug == record.slug


def test_a_fixture_with_a_bad_slug_is_refused_and_changes_nothing(tmp_path):
    fixture = tmp_path / "campuses.json"
    fixture.write_text(
        json.dumps(
            [
                {"model": "core.campus", "pk": 901, "fields": {"name": "测试好院区", "slug": "ce-shi-hao-yuan-qu"}},
                {"model": "core.campus", "pk": 902, "fields": {"name": "测试坏院区", "slug": "bad slug/é"}},
            ]
        ),
        encoding="utf-8",
    )

    with pytest.raises(IntegrityError, match="core_campus_slug_is_url_safe"):
        call_command("loaddata", str(fixture), verbosity=0)

    assert not Campus.objects.filter(pk__in=[901, 902]).exists()


def test_the_pages_that_link_every_department_show_each_of_them(client):
    call_command("load_hospital_content", verbosity=0)
    first = Department.objects.visible().first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Department.objects.filter(pk=first.pk).update(slug="bad slug/é")

    pages = {url: get_html(client, url) for url in ("/", "/departments/", "/sitemap.xml", "/guide/")}

    visible = Department.objects.visible()
    for url, departments in {
        "/": visible.filter(parent__isnull=True),
        "/departments/": visible,
        "/sitemap.xml": visible,
        "/guide/": visible.filter(pk__in=Condition.objects.values("departments")),
    }.items():
        assert departments.exists(), url
        for department in departments:
            assert department.get_absolute_url() in linked(pages[url]), (url, department.slug)
