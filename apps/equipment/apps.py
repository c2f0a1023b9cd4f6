from django.apps import AppConfig


class EquipmentConfig(AppConfig):
    name = "apps.equipment"
    verbose_name = "医疗设备"
    editor_roles = ("内容管理员",)
