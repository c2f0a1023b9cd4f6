from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "apps.pages"
    verbose_name = "页面"
    editor_roles = ("内容管理员",)

    def ready(self):
        from . import signals  # noqa: F401
