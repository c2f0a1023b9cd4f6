from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "apps.news"
    verbose_name = "新闻"
    # The 宣传科 writes and publishes articles and picks their category; the categories' rules (which
    # need an expert's review before publishing) are the content administrators' to set.
    editor_roles = {
        "article": ("宣传科", "内容管理员"),
        "articleimage": ("宣传科", "内容管理员"),
        "category": ("内容管理员",),
    }
