"""Experts, and the workstations and teams some of them lead."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.core.images import PortalImageField
from apps.core.links import validate_web_url
from apps.core.models import SluggedModel, TimeStampedModel
from apps.core.richtext import RichTextField
from apps.departments.models import Department


class ExpertQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def published(self):
        """What a visitor may see: the same rule as active(), under the name every other app asks."""
        return self.active()

    def in_directory(self):
        """The clinicians the expert list offers: active, with a department or a clinical title.

        People the sources name only for an honour have neither; they are shown on /honors/ instead.
        """
        return self.active().filter(models.Q(primary_department__isnull=False) | ~models.Q(clinical_title=""))


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
    photo = PortalImageField(
        _("照片"),
        upload_prefix="experts",
        blank=True,
        help_text=_("可不填，不填时显示统一的占位图。JPEG、PNG、WebP 或 GIF，网站会自动生成合适的尺寸。"),
    )
    clinical_title = models.CharField(
        _("职称"), max_length=40, choices=ClinicalTitle.choices, blank=True, db_index=True
    )
    academic_title = models.CharField(
        _("学术职称"), max_length=50, blank=True, help_text=_("例如：教授、硕士研究生导师、院士。")
    )
    degree = models.CharField(_("学位"), max_length=20, blank=True, help_text=_("例如：博士、硕士。"))
    roles = models.CharField(_("行政职务"), max_length=200, blank=True, help_text=_("例如：副院长、神经外科主任。"))
    primary_department = models.ForeignKey(
        Department,
        verbose_name=_("主要科室"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="primary_experts",
        help_text=_("专家页面和专家列表上显示的科室；保存时会自动加入“所属科室”。"),
    )
    departments = models.ManyToManyField(
        Department,
        verbose_name=_("所属科室"),
        blank=True,
        related_name="experts",
        help_text=_("专家出现在这些科室的页面上，也能按这些科室筛选到。"),
    )
    specialties = models.TextField(_("擅长"), blank=True, help_text=_("擅长诊治的疾病与技术，患者最关心这一项。"))
    biography = RichTextField(_("个人简介"), blank=True)
    education = models.TextField(_("教育与进修经历"), blank=True, help_text=_("每行一项，例如：北京天坛医院进修学习。"))
    academic_posts = models.TextField(_("学术任职"), blank=True, help_text=_("每行一项。"))
    honours = models.TextField(_("荣誉"), blank=True, help_text=_("每行一项。"))
    is_visiting = models.BooleanField(_("院外特聘专家"), default=False, help_text=_("定期来院坐诊的院外专家。"))
    booking_url = models.URLField(
        _("预约挂号链接"),
        blank=True,
        validators=[validate_web_url],
        help_text=_("可不填。填写后，专家页面出诊时间旁显示“预约挂号”按钮，链接到这个地址。"),
    )
    booking_qr_code = PortalImageField(
        _("预约挂号二维码"),
        upload_prefix="experts/booking",
        blank=True,
        help_text=_("可不填。患者用手机扫码预约的二维码图片，显示在出诊时间旁。"),
    )
    schedule_note = models.CharField(
        _("出诊说明"),
        max_length=200,
        blank=True,
        help_text=_("显示在出诊时间上方，例如：节假日出诊另行通知。"),
    )
    schedule_updated_at = models.DateTimeField(_("出诊信息最后修改"), null=True, blank=True, editable=False)
    display_order = models.PositiveSmallIntegerField(_("显示顺序"), default=100, help_text=_("数字小的专家排在前面。"))
    is_active = models.BooleanField(
        _("在网站显示"), default=True, help_text=_("取消勾选后，专家页面和出诊信息不再对访客显示。")
    )

    objects = ExpertManager()

    class Meta(SluggedModel.Meta):
        ordering = ["display_order", "name"]
        indexes = [
            # The expert list pages active experts in this order: a page is read off the index
            # instead of sorting every expert by name on each request.
            models.Index(
                "display_order", "name", "id", condition=models.Q(is_active=True), name="experts_expert_listing"
            ),
        ]
        verbose_name = _("专家")
        verbose_name_plural = _("专家")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("experts:detail", kwargs={"slug": self.slug})

    def structured_data(self):
        """schema.org Physician for search engines: only what the record holds."""
        data = {
            "@type": "Physician",
            "name": self.name,
            "url": settings.SITE_URL + self.get_absolute_url(),
            "memberOf": {"@type": "Hospital", "name": "衡阳市中心医院", "url": settings.SITE_URL + "/"},
        }
        if self.clinical_title:
            data["jobTitle"] = str(self.get_clinical_title_display())
        if self.specialties:
            data["description"] = self.specialties
        return data

    def natural_key(self):
        return (self.slug,)

    def get_schedule_ics_url(self):
        return reverse("experts:schedule_ics", kwargs={"slug": self.slug})

    @property
    def sees_patients(self):
        """A clinician (a department or a clinical title, as in_directory()), not someone named for an honour."""
        return self.primary_department_id is not None or bool(self.clinical_title)

    @property
    def title_line(self):
        """职称 · 学术职称 · 学位, as one line under the name."""
        parts = [self.get_clinical_title_display(), self.academic_title, self.degree]
        return " · ".join(str(part) for part in parts if part)

    @staticmethod
    def _lines(text):
        return [line.strip() for line in text.splitlines() if line.strip()]

    @property
    def education_lines(self):
        return self._lines(self.education)

    @property
    def academic_post_lines(self):
        return self._lines(self.academic_posts)

    @property
    def honour_lines(self):
        return self._lines(self.honours)


class WorkstationManager(models.Manager):
    def get_by_natural_key(self, name):
        return self.get(name=name)


class Workstation(SluggedModel, TimeStampedModel):
    """An expert workstation, studio or team, usually built around a visiting expert."""

    class Kind(models.TextChoices):
        ACADEMICIAN_STUDIO = "academician_studio", _("院士工作室")
        PROFESSOR_STUDIO = "professor_studio", _("教授工作室")
        PROFESSOR_STATION = "professor_station", _("教授工作站")
        EXPERT_CENTRE = "expert_centre", _("专家诊疗中心")
        EXPERT_TEAM = "expert_team", _("专家团队")

    name = models.CharField(_("名称"), max_length=100, unique=True)
    kind = models.CharField(_("类型"), max_length=30, choices=Kind.choices, default=Kind.EXPERT_TEAM)
    lead_expert = models.ForeignKey(
        Expert,
        verbose_name=_("领衔专家"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_workstations",
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("所在科室"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="expert_workstations",
    )
    description = models.TextField(_("介绍"), blank=True, help_text=_("几句话即可，显示在专家列表和领衔专家的页面上。"))
    display_order = models.PositiveSmallIntegerField(_("显示顺序"), default=100)
    is_active = models.BooleanField(_("在网站显示"), default=True)

    objects = WorkstationManager()

    class Meta(SluggedModel.Meta):
        ordering = ["display_order", "name"]
        verbose_name = _("专家工作室与团队")
        verbose_name_plural = _("专家工作室与团队")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("experts:list") + f"#{self.slug}"

    def natural_key(self):
        return (self.name,)
