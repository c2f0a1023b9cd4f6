"""Marks the synthetic rows made before this table existed, so that `--clear` still finds them.

They were marked by an `is_synthetic` column, which is gone by now; the generator's slugs and names
(示例…) still tell them apart from the hospital's content.
"""

from django.db import migrations

# The slugs and name fields the generator has always given each model's rows.
MADE = [
    ("departments", "Department", r"^shi-li-ke-shi-\d{4,}$", "name"),
    ("experts", "Expert", r"^shi-li-zhuan-jia-\d{5,}$", "name"),
    ("equipment", "Equipment", r"^shi-li-she-bei-\d{5,}$", "name"),
    ("news", "Article", r"^shi-li-xin-wen-\d{6,}$", "title"),
]


def mark_earlier_rows(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    SyntheticRecord = apps.get_model("benchmarks", "SyntheticRecord")
    for app_label, model_name, slug, name_field in MADE:
        model = apps.get_model(app_label, model_name)
        content_type = ContentType.objects.get_for_model(model)
        ids = model.objects.filter(slug__regex=slug, **{f"{name_field}__startswith": "示例"}).values_list(
            "pk", flat=True
        )
        SyntheticRecord.objects.bulk_create(
            [SyntheticRecord(content_type=content_type, object_id=pk) for pk in ids.iterator()],
            batch_size=1000,
            ignore_conflicts=True,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("benchmarks", "0001_initial"),
        ("departments", "0004_remove_department_is_synthetic"),
        ("equipment", "0004_remove_equipment_is_synthetic"),
        ("experts", "0005_remove_expert_is_synthetic"),
        ("news", "0005_remove_article_is_synthetic"),
    ]

    operations = [migrations.RunPython(mark_earlier_rows, migrations.RunPython.noop)]
