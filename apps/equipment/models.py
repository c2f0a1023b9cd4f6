"""The equipment catalogue: devices grouped by category, linked to the departments that use them."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from apps.core.images import PortalImageField
from apps.core.models import Campus, PublishableModel, PublishableQuerySet, SluggedModel
from apps.core.richtext import RichTextField
from apps.departments.models import Department

# The hospital was founded in 1902; no device it holds can have been acquired earlier.
EARLIEST_YEAR = 1902


class EquipmentCategoryManager(models.Manager):
    def get_by_natural_key(self, name):
        return self.get(name=name)


class EquipmentCategory(SluggedModel):
    """A group on /equipment/ (放射治疗, 医学影像, 内镜…); editors add new ones as needed."""

    name = models.CharField(_("名称"), max_length=50, unique=True)
    description = models.CharField(
        _("说明"), max_length=200, blank=True, help_text=_("显示在设备列表中该类别标题下方，可不填。")
    )
    display_order = models.PositiveSmallIntegerField(_("显示顺序"), default=100, help_text=_("数字小的类别排在前面。"))

    objects = EquipmentCategoryManager()

    class Meta(SluggedModel.Meta):
        ordering = ["display_order", "name"]
        verbose_name = _("设备类别")
        verbose_name_plural = _("设备类别")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("equipment:list") + f"#{self.slug}"

    def natural_key(self):
        return (self.name,)


class EquipmentQuerySet(PublishableQuerySet):
    def featured(self):
        return self.filter(is_featured=True)


class EquipmentManager(models.Manager.from_queryset(EquipmentQuerySet)):
    def get_by_natural_key(self, name):
        return self.get(name=name)


class Equipment(PublishableModel, SluggedModel):
    """One device (or one kind of device) the hospital has, with what the sources say about it."""

    class Acquisition(models.TextChoices):
        PROCUREMENT = "procurement", _("招标采购")
        ADDED = "added", _("添置")

    name = models.CharField(
        _("名称"), max_length=100, unique=True, help_text=_("按医院简介中的写法，例如：飞利浦3.0T核磁共振。")
    )
    other_names = models.CharField(
        _("其他叫法"),
        max_length=200,
        blank=True,
        help_text=_("其他资料中对同一设备的叫法，多个用顿号“、”分隔；在网站搜索这些叫法也能找到本设备。"),
    )
    category = models.ForeignKey(
        EquipmentCategory, verbose_name=_("类别"), on_delete=models.PROTECT, related_name="equipment"
    )
    manufacturer = models.CharField(
        _("生产厂商"), max_length=100, blank=True, help_text=_("例如：飞利浦、西门子。资料未写明时留空。")
    )
    model_number = models.CharField(_("型号"), max_length=100, blank=True, help_text=_("知道具体型号时填写。"))
    departments = models.ManyToManyField(
        Department,
        verbose_name=_("使用科室"),
        blank=True,
        related_name="equipment",
        help_text=_("设备所服务的科室，会显示在这些科室的页面上。不确定时请留空。"),
    )
    campus = models.ForeignKey(
        Campus,
        verbose_name=_("所在院区"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="equipment",
    )
    year_acquired = models.PositiveSmallIntegerField(
        _("购置年份"), null=True, blank=True, help_text=_("引进、采购或装机的年份；不确定时留空。")
    )
    acquisition = models.CharField(_("购置方式"), max_length=20, choices=Acquisition.choices, blank=True)
    acquisition_note = models.CharField(
        _("购置时间说明"),
        max_length=200,
        blank=True,
        help_text=_("没有确切年份时填写时间范围，例如“2012年至2022年间”；网站上显示为“2012年至2022年间添置”。"),
    )
    quantity = models.PositiveSmallIntegerField(_("数量（台/套）"), null=True, blank=True)
    description = RichTextField(_("设备介绍"), blank=True)
    image = PortalImageField(
        _("图片"), upload_prefix="equipment", blank=True, help_text=_("设备照片，JPEG、PNG、WebP 或 GIF。")
    )
    is_featured = models.BooleanField(
        _("重点展示"), default=False, help_text=_("勾选后在设备列表中排在本类别前面，并带“重点设备”标记。")
    )
    display_order = models.PositiveSmallIntegerField(
        _("显示顺序"), default=100, help_text=_("同一类别内，数字小的排在前面。")
    )
    source = models.CharField(
        _("资料来源"), max_length=300, blank=True, help_text=_("这条信息出自哪份资料，便于日后核对。")
    )

    objects = EquipmentManager()

    class Meta(SluggedModel.Meta):
        ordering = ["display_order", "name"]
        verbose_name = _("医疗设备")
        verbose_name_plural = _("医疗设备")
        constraints = [
            *SluggedModel.Meta.constraints,
            models.CheckConstraint(
                condition=Q(year_acquired__isnull=True) | Q(year_acquired__gte=EARLIEST_YEAR),
                name="equipment_year_acquired_not_before_founding",
                violation_error_message=_("购置年份不能早于医院建院的1902年。"),
            ),
            models.CheckConstraint(
                condition=Q(quantity__isnull=True) | Q(quantity__gte=1),
                name="equipment_quantity_at_least_one",
                violation_error_message=_("数量至少为 1；不清楚时请留空。"),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("equipment:detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.name,)

    natural_key.dependencies = ["equipment.equipmentcategory", "departments.department", "core.campus"]

    @property
    def other_name_list(self):
        return [name.strip() for name in self.other_names.replace(",", "、").split("、") if name.strip()]

    @property
    def acquisition_summary(self):
        """When and how it came, in one phrase: 2022年招标采购, 2012年至2022年间添置."""
        if self.year_acquired:
            when = gettext("%(year)d年") % {"year": self.year_acquired}
            if self.acquisition_note:
                return f"{when}{self.get_acquisition_display()}（{self.acquisition_note}）"
            return f"{when}{self.get_acquisition_display()}"
        return f"{self.acquisition_note}{self.get_acquisition_display()}"
