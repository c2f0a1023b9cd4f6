"""Three members of the 宣传科, one per duty, and the workflow switched on for news as an administrator would."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse

from apps.core.roles import AUTHOR, REVIEWER, SIGNER
from apps.news.models import Article
from apps.workflow.models import WorkflowSetting
from tests.factories import UserFactory
from tests.helpers import admin_form_data


@pytest.fixture
def news_workflow(db):
    return WorkflowSetting.objects.create(content_type=ContentType.objects.get_for_model(Article), enabled=True)


def logged_in(username, role):
    client = Client()
    client.force_login(UserFactory(username=username, roles=[role]))
    return client


@pytest.fixture
def author(db):
    return logged_in("zhuangao", AUTHOR)


@pytest.fixture
def reviewer(db):
    return logged_in("shenhe", REVIEWER)


@pytest.fixture
def signer(db):
    return logged_in("qianfa", SIGNER)


def change_url(record):
    opts = record._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])


def post_form(client, record, step=None, comment="", **changes):
    """Opens the record's change form and posts it back with the changes and the workflow button pressed."""
    url = change_url(record)
    data = admin_form_data(client.get(url))
    data.update(changes)
    data["workflow_comment"] = comment
    if step:
        data["_workflow"] = step
    return client.post(url, data)


def messages_of(response):
    return [str(message) for message in response.context["messages"]] if response.context else []


@pytest.fixture
def default_rules(db):
    """The default word lists as their migration writes them (a transactional test elsewhere may have flushed them)."""
    from importlib import import_module

    from django.apps import apps

    import_module("apps.workflow.migrations.0005_default_compliance_rules").add_rules(apps, None)
