from django.apps import AppConfig


class DepartmentsConfig(AppConfig):
    name = "apps.departments"
    verbose_name = "科室"
