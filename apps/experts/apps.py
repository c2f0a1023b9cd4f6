from django.apps import AppConfig


class ExpertsConfig(AppConfig):
    name = "apps.experts"
    verbose_name = "专家"
    editor_roles = ("内容管理员",)
