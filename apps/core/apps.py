from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "apps.core"
    verbose_name = "站点基础"

    def ready(self):
        from . import signals  # noqa: F401
