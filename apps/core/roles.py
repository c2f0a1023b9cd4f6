"""Editor roles. Groups are created by a migration; their permissions follow the apps' declarations.

An app declares in its AppConfig which roles edit it: `editor_roles = ("内容管理员",)` for all its
models, or a dict from model name to roles. After every migrate the groups get every permission
(add, change, delete, view) on those models, so a new model is covered the day it lands. Nothing
here grants permissions on users or groups: only superusers manage accounts.
"""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType

COMMUNICATIONS = "宣传科"
CONTENT_ADMIN = "内容管理员"
ROLES = (COMMUNICATIONS, CONTENT_ADMIN)


def models_for_role(app_config, role):
    declared = getattr(app_config, "editor_roles", ())
    if isinstance(declared, dict):
        return [model for model in app_config.get_models() if role in declared.get(model._meta.model_name, ())]
    return list(app_config.get_models()) if role in declared else []


def grant_role_permissions(sender, app_config, using="default", **kwargs):
    """post_migrate receiver: give each role the permissions its apps declare."""
    if not getattr(app_config, "editor_roles", None):
        return
    for role in ROLES:
        models = models_for_role(app_config, role)
        if not models:
            continue
        group, _ = Group.objects.using(using).get_or_create(name=role)
        content_types = ContentType.objects.db_manager(using).get_for_models(*models, for_concrete_models=False)
        permissions = Permission.objects.using(using).filter(content_type__in=content_types.values())
        group.permissions.add(*permissions)
