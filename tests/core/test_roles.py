"""Roles: which admin pages each role opens, derived from every app's `editor_roles`, so that a model
registered later is covered the day it lands; only superusers manage accounts, and no role can grant
itself more."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.test import RequestFactory
from django.urls import reverse

from apps.core.roles import COMMUNICATIONS, CONTENT_ADMIN, grant_role_permissions
from tests.factories import UserFactory, communications_editor, content_admin, superuser

pytestmark = pytest.mark.django_db

User = get_user_model()
STAFF_WITHOUT_ROLE = "staff without a role"
SUPERUSER = "superuser"
ROLES = (COMMUNICATIONS, CONTENT_ADMIN, STAFF_WITHOUT_ROLE, SUPERUSER)
ACCOUNT_MODELS = (User, Group)


def declared_roles(model):
    """The roles the model's app says edit it (`AppConfig.editor_roles`: a tuple, or a dict by model name)."""
    declared = getattr(model._meta.app_config, "editor_roles", ())
    if isinstance(declared, dict):
        return set(declared.get(model._meta.model_name, ()))
    return set(declared)


def may_edit(role, model):
    if role == SUPERUSER:
        return True
    if model in ACCOUNT_MODELS:
        return False  # whatever an app declares, accounts are for superusers only
    return role in declared_roles(model)


@pytest.fixture
def users():
    return {
        COMMUNICATIONS: communications_editor(username="role-xuanchuan"),
        CONTENT_ADMIN: content_admin(username="role-neirong"),
        STAFF_WITHOUT_ROLE: UserFactory(username="role-none"),
        SUPERUSER: superuser(username="role-super"),
    }


def outcome(response):
    """ "opens" for a page (or a redirect to another admin page, as singleton admins do), else the refusal."""
    if response.status_code == 200 or (response.status_code == 302 and "/login/" not in response["Location"]):
        return "opens"
    return response.status_code


@pytest.mark.parametrize("role", ROLES)
def test_each_role_opens_exactly_the_admin_pages_its_apps_declare(client, users, role):
    """For every model in the admin: its list and its add page open for the roles its app declares, 403 otherwise."""
    factory_request = RequestFactory().get("/admin/")
    factory_request.user = users[SUPERUSER]
    client.force_login(users[role])
    seen, expected = {}, {}
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        add = reverse(f"admin:{opts.app_label}_{opts.model_name}_add")
        seen[opts.label] = (outcome(client.get(changelist)), outcome(client.get(add)))
        # Some admins (login records, singletons) let nobody add by hand: their add page is 403 for every role.
        addable = model_admin.has_add_permission(factory_request)
        allowed = may_edit(role, model)
        expected[opts.label] = ("opens" if allowed else 403, "opens" if allowed and addable else 403)

    assert seen == expected


def test_every_role_can_reach_the_admin_and_sees_only_its_own_sections(client, users):
    client.force_login(users[COMMUNICATIONS])
    index = client.get(reverse("admin:index")).content.decode()
    assert reverse("admin:news_article_changelist") in index
    assert reverse("admin:auth_user_changelist") not in index
    assert reverse("admin:core_campus_changelist") not in index

    client.force_login(users[STAFF_WITHOUT_ROLE])
    assert client.get(reverse("admin:index")).status_code == 200


def test_the_groups_hold_no_permission_outside_the_content_apps():
    """Accounts, groups, sessions, the admin log, login records and version history are nobody's to edit but a
    superuser's."""
    for role in (COMMUNICATIONS, CONTENT_ADMIN):
        apps_with_permissions = set(
            Group.objects.get(name=role).permissions.values_list("content_type__app_label", flat=True)
        )
        assert apps_with_permissions
        assert not apps_with_permissions & {"auth", "contenttypes", "sessions", "admin", "axes", "reversion"}


def test_the_communications_office_edits_news_and_uploads_images_and_attachments_only():
    permissions = set(
        Group.objects.get(name=COMMUNICATIONS).permissions.values_list(
            "content_type__app_label", "content_type__model", "codename"
        )
    )
    models = {(app, model) for app, model, _ in permissions}
    assert ("core", "uploadedimage") in models
    assert ("media", "attachment") in models  # the files of 招聘 and 招标 notices
    assert {app for app, _ in models} == {"news", "core", "media"}
    assert ("core", "campus") not in models
    for app, model in models:
        for action in ("add", "change", "delete", "view"):
            assert (app, model, f"{action}_{model}") in permissions


@pytest.fixture
def content_admin_client(client, users):
    client.force_login(users[CONTENT_ADMIN])
    return client


def test_a_content_admin_cannot_make_itself_superuser(content_admin_client, users):
    me = users[CONTENT_ADMIN]
    url = reverse("admin:auth_user_change", args=[me.pk])

    response = content_admin_client.post(
        url,
        {
            "username": me.username,
            "is_active": "on",
            "is_staff": "on",
            "is_superuser": "on",
            "groups": list(Group.objects.values_list("pk", flat=True)),
            "user_permissions": list(Permission.objects.values_list("pk", flat=True)[:50]),
            "date_joined_0": "2024-01-01",
            "date_joined_1": "00:00:00",
        },
    )

    assert response.status_code == 403
    me.refresh_from_db()
    assert not me.is_superuser
    assert list(me.groups.values_list("name", flat=True)) == [CONTENT_ADMIN]
    assert not me.user_permissions.exists()


def test_a_content_admin_cannot_change_passwords_or_create_accounts(content_admin_client, users):
    other = users[COMMUNICATIONS]
    new_password = {"password1": "an-Entirely-new-passw0rd", "password2": "an-Entirely-new-passw0rd"}

    assert (
        content_admin_client.post(reverse("admin:auth_user_password_change", args=[other.pk]), new_password).status_code
        == 403
    )
    assert (
        content_admin_client.post(
            reverse("admin:auth_user_add"), {"username": "new-account", **new_password}
        ).status_code
        == 403
    )
    other.refresh_from_db()
    assert not other.check_password(new_password["password1"])
    assert not User.objects.filter(username="new-account").exists()


def test_a_content_admin_cannot_grant_its_group_more(content_admin_client):
    group = Group.objects.get(name=CONTENT_ADMIN)
    before = set(group.permissions.values_list("pk", flat=True))
    everything = list(Permission.objects.values_list("pk", flat=True))

    change = content_admin_client.post(
        reverse("admin:auth_group_change", args=[group.pk]), {"name": CONTENT_ADMIN, "permissions": everything}
    )
    add = content_admin_client.post(reverse("admin:auth_group_add"), {"name": "自建组", "permissions": everything})
    delete = content_admin_client.post(reverse("admin:auth_group_delete", args=[group.pk]), {"post": "yes"})

    assert (change.status_code, add.status_code, delete.status_code) == (403, 403, 403)
    assert set(group.permissions.values_list("pk", flat=True)) == before
    assert not Group.objects.filter(name="自建组").exists()


def test_after_migrate_a_group_holds_exactly_what_the_apps_declare():
    communications = Group.objects.get(name=COMMUNICATIONS)
    stale = Permission.objects.get(content_type__app_label="core", codename="change_campus")
    communications.permissions.add(stale)  # e.g. granted by hand, or declared by an older version of the app
    other_group = Group.objects.create(name="另设的组")
    other_group.permissions.add(stale)

    grant_role_permissions(sender=None, app_config=apps.get_app_config("core"))

    assert not communications.permissions.filter(pk=stale.pk).exists()
    assert communications.permissions.filter(codename="add_uploadedimage").exists()
    assert other_group.permissions.filter(pk=stale.pk).exists()  # groups outside the roles are left alone
