"""Which rows the synthetic-data generator made, so that `--clear` removes exactly those."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class SyntheticRecordQuerySet(models.QuerySet):
    def of(self, model):
        return self.filter(content_type=ContentType.objects.get_for_model(model))


class SyntheticRecord(models.Model):
    """One row of the portal's tables that `generate_synthetic_data` made."""

    content_type = models.ForeignKey(ContentType, verbose_name=_("内容类型"), on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField(_("记录编号"))

    objects = SyntheticRecordQuerySet.as_manager()

    class Meta:
        ordering = ["content_type", "object_id"]
        verbose_name = _("合成数据记录")
        verbose_name_plural = _("合成数据记录")
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="synthetic_record_one_per_row"),
        ]

    def __str__(self):
        return f"{self.content_type} {self.object_id}"
