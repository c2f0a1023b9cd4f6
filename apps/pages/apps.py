from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "apps.pages"
    verbose_name = "页面"
    editor_roles = ("内容管理员",)

    def ready(self):
        from . import search_index, signals  # noqa: F401

        search_index.connect()
