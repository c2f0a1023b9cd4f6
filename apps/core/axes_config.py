"""django-axes under a Chinese name in the admin (its own app config has none: the admin showed "AXES")."""

from axes.apps import AppConfig


class AxesConfig(AppConfig):
    verbose_name = "登录安全记录"
