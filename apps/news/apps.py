from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "apps.news"
    verbose_name = "新闻"
    # The 宣传科 writes and publishes articles and picks their category; the categories' rules (which
    # need an expert's review before publishing) are the content administrators' to set.
    # Under the workflow its three duties (宣传科撰稿, 宣传科审核, 宣传科签发) all edit the text.
    editor_roles = {
        "article": ("宣传科", "内容管理员", "宣传科撰稿", "宣传科审核", "宣传科签发"),
        "articleimage": ("宣传科", "内容管理员", "宣传科撰稿", "宣传科审核", "宣传科签发"),
        "category": ("内容管理员",),
    }
