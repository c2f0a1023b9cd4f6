"""Experts and their clinic schedules."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.core.images import PortalImageField
from apps.core.models import SluggedModel, TimeStampedModel
from apps.core.richtext import RichTextField
from apps.departments.models import Department


class ExpertQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class ExpertManager(models.Manager.from_queryset(ExpertQuerySet)):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Expert(SluggedModel, TimeStampedModel):
    class ClinicalTitle(models.TextChoices):
        CHIEF = "chief", _("主任医师")
        ASSOCIATE_CHIEF = "associate_chief", _("副主任医师")
        ATTENDING = "attending", _("主治医师")
        RESIDENT = "resident", _("住院医师")
        CHIEF_TECHNICIAN = "chief_technician", _("主任技师")
        ASSOCIATE_CHIEF_TECHNICIAN = "associate_chief_technician", _("副主任技师")
        CHIEF_NURSE = "chief_nurse", _("主任护师")
        ASSOCIATE_CHIEF_NURSE = "associate_chief_nurse", _("副主任护师")
        CHIEF_PHARMACIST = "chief_pharmacist", _("主任药师")
        OTHER = "other", _("其他")

    name = models.CharField(_("姓名"), max_length=50)
    photo = PortalImageField(_("照片"), upload_prefix="experts", blank=True)
    clinical_title = models.CharField(
        _("职称"), max_length=40, choices=ClinicalTitle.choices, blank=True, db_index=True
    )
    academic_title = models.CharField(
        _("学术职称"), max_length=50, blank=True, help_text=_("例如：教授、硕士研究生导师。")
    )
    roles = models.CharField(_("行政职务"), max_length=200, blank=True, help_text=_("例如：副院长、神经外科主任。"))
    primary_department = models.ForeignKey(
        Department,
        verbose_name=_("主要科室"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="primary_experts",
    )
    departments = models.ManyToManyField(Department, verbose_name=_("所属科室"), blank=True, related_name="experts")
    specialties = models.TextField(_("擅长"), blank=True)
    biography = RichTextField(_("个人简介"), blank=True)
    education = models.TextField(_("教育与进修经历"), blank=True, help_text=_("每行一项。"))
    academic_posts = models.TextField(_("学术任职"), blank=True, help_text=_("每行一项。"))
    honours = models.TextField(_("荣誉"), blank=True, help_text=_("每行一项。"))
    is_visiting = models.BooleanField(_("院外特聘专家"), default=False, help_text=_("定期来院坐诊的院外专家。"))
    display_order = models.PositiveSmallIntegerField(_("显示顺序"), default=100)
    is_active = models.BooleanField(_("在网站显示"), default=True)

    objects = ExpertManager()

    class Meta:
        ordering = ["display_order", "name"]
        verbose_name = _("专家")
        verbose_name_plural = _("专家")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("experts:detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)
