from django.apps import AppConfig


class ExpertsConfig(AppConfig):
    name = "apps.experts"
    verbose_name = "专家"
