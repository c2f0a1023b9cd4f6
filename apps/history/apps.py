from django.apps import AppConfig


class HistoryConfig(AppConfig):
    name = "apps.history"
    verbose_name = "医院概况"
    editor_roles = ("内容管理员",)
