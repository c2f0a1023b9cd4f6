from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "apps.search"
    verbose_name = "搜索"

    def ready(self):
        from . import signals

        signals.connect()
