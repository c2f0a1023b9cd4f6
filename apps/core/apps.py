from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    name = "apps.core"
    verbose_name = "站点基础"
    editor_roles = {
        "campus": ("内容管理员",),
        "hospitalinfo": ("内容管理员",),
        "uploadedimage": ("宣传科", "内容管理员", "宣传科撰稿", "宣传科审核", "宣传科签发"),
    }

    def ready(self):
        from . import checks  # noqa: F401
        from .cache import connect_invalidation
        from .library import connect_library
        from .roles import grant_role_permissions

        post_migrate.connect(grant_role_permissions, dispatch_uid="core.grant_role_permissions")
        connect_invalidation()
        connect_library()
