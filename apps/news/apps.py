from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "apps.news"
    verbose_name = "新闻"
    editor_roles = ("宣传科", "内容管理员")
