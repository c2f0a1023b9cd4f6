"""Creates the groups of the 宣传科's three duties; apps.core.roles gives them their permissions after every migrate."""

from django.db import migrations

ROLES = ("宣传科撰稿", "宣传科审核", "宣传科签发")


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ROLES:
        Group.objects.get_or_create(name=name)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("workflow", "0001_workflow_state_steps_and_switches"),
        ("core", "0002_editor_groups"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
