"""Editor roles. Groups are created by a migration; their permissions follow the apps' declarations.

An app declares in its AppConfig which roles edit it: `editor_roles = ("内容管理员",)` for all its
models, or a dict from model name to roles. After every migrate each group holds exactly those
permissions (add, change, delete, view) on the app's models: a new model is covered the day it
lands, and a permission an app stops declaring is taken away. Change a role in the code, not in
the admin. Nothing here grants permissions on users or groups: only superusers manage accounts.

A permission of an app that is not one of a model's four (e.g. the workflow's "review_content") goes
to the roles named in the AppConfig's `extra_role_permissions = {role: (codename, ...)}`.
"""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType

COMMUNICATIONS = "宣传科"
CONTENT_ADMIN = "内容管理员"
# The 宣传科's three duties when the workflow is on (撰稿 → 审核 → 签发); 内容管理员 may do all three.
AUTHOR = "宣传科撰稿"
REVIEWER = "宣传科审核"
SIGNER = "宣传科签发"
ROLES = (COMMUNICATIONS, CONTENT_ADMIN, AUTHOR, REVIEWER, SIGNER)


def models_for_role(app_config, role):
    declared = getattr(app_config, "editor_roles", ())
    if isinstance(declared, dict):
        return [model for model in app_config.get_models() if role in declared.get(model._meta.model_name, ())]
    return list(app_config.get_models()) if role in declared else []


def grant_role_permissions(sender, app_config, using="default", **kwargs):
    """post_migrate receiver: each role gets the permissions its apps declare on their models, and no others."""
    extra = getattr(app_config, "extra_role_permissions", {})
    if not getattr(app_config, "editor_roles", None) and not extra:
        return
    app_models = list(app_config.get_models())
    if not app_models:
        return
    content_types = ContentType.objects.db_manager(using).get_for_models(*app_models, for_concrete_models=False)
    app_permissions = Permission.objects.using(using).filter(content_type__in=content_types.values())
    for role in ROLES:
        models = models_for_role(app_config, role)
        if models or extra.get(role):
            group, _ = Group.objects.using(using).get_or_create(name=role)
        else:
            group = Group.objects.using(using).filter(name=role).first()
            if group is None:
                continue
        declared = app_permissions.filter(content_type__in=[content_types[model] for model in models]).exclude(
            codename__in=[codename for codenames in extra.values() for codename in codenames]
        ) | app_permissions.filter(codename__in=extra.get(role, ()))
        group.permissions.remove(*app_permissions.exclude(pk__in=declared.values("pk")))
        group.permissions.add(*declared)
