from django.apps import AppConfig


class DepartmentsConfig(AppConfig):
    name = "apps.departments"
    verbose_name = "科室"
    editor_roles = ("内容管理员",)
