from django.apps import AppConfig


class MediaConfig(AppConfig):
    name = "apps.media"
    label = "media"
    verbose_name = "附件"
    # Files are attached to news (宣传科 and 内容管理员) and to service pages (内容管理员 only, through the page).
    editor_roles = {"attachment": ("宣传科", "内容管理员")}
