"""Departments and their grouping, key-specialty designations, centres and bases, and the conditions each treats."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Prefetch, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.core.images import PortalImageField
from apps.core.models import Campus, SluggedModel, TimeStampedModel
from apps.core.richtext import RichTextField


def split_lines(text):
    """The non-empty lines of a one-item-per-line text field."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class Level(models.TextChoices):
    """Who granted a designation or set up a centre."""

    NATIONAL = "national", _("国家级")
    PROVINCIAL = "provincial", _("省级")
    CITY = "city", _("市级")
    REGIONAL = "regional", _("区域性")
    PARTNER = "partner", _("合作共建")
    HOSPITAL = "hospital", _("院级")


class DepartmentQuerySet(models.QuerySet):
    def visible(self):
        return self.filter(is_visible=True)

    def matching(self, term):
        """Departments whose name or other names contain `term` (for search and 导诊)."""
        term = str(term).replace("\x00", "").strip()
        return self.filter(Q(name__icontains=term) | Q(aliases__icontains=term)) if term else self.none()


def visible_departments():
    """Prefetch of the visible departments (name and slug) into a plain list, `.visible_departments`.

    A list rather than the relation's manager: a prefetched queryset is filtered afresh for each
    instance it is attached to, and on a list of a hundred cards that cost more than the query.
    """
    queryset = Department.objects.visible().only("name", "slug")
    return Prefetch("departments", queryset=queryset, to_attr="visible_departments")


class DepartmentManager(models.Manager.from_queryset(DepartmentQuerySet)):
    def get_by_natural_key(self, name):
        return self.get(name=name)


class Department(SluggedModel, TimeStampedModel):
    """A department, or a centre grouping departments; /departments/<slug>/ is its page."""

    class Kind(models.TextChoices):
        CLINICAL = "clinical", _("临床科室")
        MEDICAL_TECHNICAL = "medical_technical", _("医技科室")
        CENTRE = "centre", _("诊疗中心")
        EMERGENCY_CENTRE = "emergency_centre", _("急危重症救治中心")
        OTHER = "other", _("其他科室")

    name = models.CharField(_("名称"), max_length=100, unique=True)
    kind = models.CharField(
        _("类别"),
        max_length=20,
        choices=Kind.choices,
        default=Kind.CLINICAL,
        db_index=True,
        help_text=_("科室列表按类别分组显示。胸痛中心、卒中中心等“五个中心”选“急危重症救治中心”。"),
    )
    aliases = models.TextField(
        _("其他叫法"),
        blank=True,
        help_text=_("资料或患者对本科室的其他叫法，每行一个，例如“胸心外科”。搜索这些叫法也能找到本科室。"),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("所属中心"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
        help_text=_("例如肝胆外科属于普外中心；独立科室留空。"),
    )
    campuses = models.ManyToManyField(Campus, verbose_name=_("所在院区"), blank=True, related_name="departments")
    summary = models.CharField(
        _("一句话简介"), max_length=200, blank=True, help_text=_("显示在科室列表的卡片上，也用作搜索引擎摘要。")
    )
    introduction = RichTextField(_("科室介绍"), blank=True)
    photo = PortalImageField(
        _("科室照片"),
        upload_prefix="departments",
        blank=True,
        help_text=_("医院实拍的科室或诊区照片，横幅为宜；不填时显示科室类别的图标。"),
    )
    specialties = models.TextField(_("诊疗专长"), blank=True, help_text=_("科室擅长诊治的疾病与领域，每行一项。"))
    featured_techniques = models.TextField(
        _("特色技术"), blank=True, help_text=_("科室开展的特色技术与新项目，每行一项，例如“神经导航”。")
    )
    phone = models.CharField(_("电话"), max_length=50, blank=True)
    location = models.CharField(_("位置"), max_length=200, blank=True, help_text=_("例如：华新院区门诊楼三楼。"))
    display_order = models.PositiveSmallIntegerField(
        _("显示顺序"), default=100, help_text=_("同一类别中数字小的排在前面。")
    )
    is_visible = models.BooleanField(
        _("在网站显示"), default=True, help_text=_("取消勾选后，访客看不到本科室的页面，也不会在列表和搜索中出现。")
    )

    objects = DepartmentManager()

    class Meta(SluggedModel.Meta):
        ordering = ["display_order", "name"]
        verbose_name = _("科室")
        verbose_name_plural = _("科室")
        constraints = [
            *SluggedModel.Meta.constraints,
            models.CheckConstraint(
                condition=~Q(parent=F("pk")),
                name="departments_department_not_own_parent",
                violation_error_message=_("科室不能属于它自己。"),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("departments:detail", kwargs={"slug": self.slug})

    def structured_data(self):
        """schema.org MedicalClinic for search engines: only what the record holds."""
        data = {
            "@type": "MedicalClinic",
            "name": self.name,
            "url": settings.SITE_URL + self.get_absolute_url(),
            "parentOrganization": {"@type": "Hospital", "name": "衡阳市中心医院", "url": settings.SITE_URL + "/"},
        }
        if self.summary:
            data["description"] = self.summary
        if self.phone:
            data["telephone"] = self.phone
        return data

    def natural_key(self):
        return (self.name,)

    def clean(self):
        super().clean()
        ancestor, seen = self.parent, set()
        while ancestor is not None and ancestor.pk not in seen:
            if self.pk and ancestor.pk == self.pk:
                raise ValidationError({"parent": _("所属中心不能是本科室或其下属科室。")})
            seen.add(ancestor.pk)
            ancestor = ancestor.parent

    @property
    def alias_list(self):
        return split_lines(self.aliases)

    @property
    def specialty_list(self):
        return split_lines(self.specialties)

    @property
    def technique_list(self):
        return split_lines(self.featured_techniques)


def group_by_kind(departments):
    """[{"kind", "label", "departments"}] in the order of Department.Kind, empty kinds left out."""
    groups = {kind: [] for kind in Department.Kind.values}
    for department in departments:
        groups.setdefault(department.kind, []).append(department)
    labels = dict(Department.Kind.choices)
    return [
        {"kind": kind, "label": labels.get(kind, kind), "departments": members}
        for kind, members in groups.items()
        if members
    ]


class DesignationTypeManager(models.Manager):
    def get_by_natural_key(self, name):
        return self.get(name=name)


class DesignationType(SluggedModel, TimeStampedModel):
    """A kind of designation (国家临床重点专科建设项目, 质控中心挂靠单位, 专科联盟…); /departments/ filters by it."""

    class Group(models.TextChoices):
        KEY_SPECIALTY = "key_specialty", _("临床重点专科")
        QUALITY_CONTROL = "quality_control", _("医疗质量控制中心")
        ASSOCIATION = "association", _("学术任职")
        ACCREDITATION = "accreditation", _("中心认证与资质")
        ALLIANCE = "alliance", _("专科联盟")
        PROGRAMME = "programme", _("重点建设")

    name = models.CharField(_("名称"), max_length=100, unique=True)
    group = models.CharField(_("分组"), max_length=20, choices=Group.choices, db_index=True)
    description = models.CharField(
        _("说明"), max_length=200, blank=True, help_text=_("显示在名称下方，例如“扶持类、培育类”。")
    )
    display_order = models.PositiveSmallIntegerField(_("显示顺序"), default=100)

    objects = DesignationTypeManager()

    class Meta(SluggedModel.Meta):
        ordering = ["display_order", "name"]
        verbose_name = _("重点专科与资质类别")
        verbose_name_plural = _("重点专科与资质类别")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return f"{reverse('departments:list')}?designation={self.slug}"

    def natural_key(self):
        return (self.name,)


class DesignationCountManager(models.Manager):
    def get_by_natural_key(self, type_name, source):
        return self.get(designation_type__name=type_name, source=source)


class DesignationCount(models.Model):
    """How many of a designation a source says the hospital holds, e.g. 13 市级临床重点专科 (2022, names not given)."""

    designation_type = models.ForeignKey(
        DesignationType, verbose_name=_("类别"), on_delete=models.CASCADE, related_name="counts"
    )
    count = models.PositiveSmallIntegerField(_("数量"))
    year = models.PositiveSmallIntegerField(
        _("年份"), null=True, blank=True, help_text=_("资料所述的年份；医院现行简介未写年份时留空。")
    )
    source = models.CharField(_("来源"), max_length=100, help_text=_("例如：医院简介；衡阳日报建院120周年综述。"))

    objects = DesignationCountManager()

    class Meta:
        ordering = ["designation_type__display_order", "designation_type__name", "-year", "source"]
        verbose_name = _("公布数量")
        verbose_name_plural = _("公布数量")
        constraints = [
            models.UniqueConstraint(
                fields=["designation_type", "source"],
                name="departments_designationcount_unique_per_source",
                violation_error_message=_("同一来源对同一类别只记录一个数量。"),
            ),
            models.CheckConstraint(
                condition=Q(year__isnull=True) | Q(year__gte=1902),
                name="departments_designationcount_year_after_founding",
                violation_error_message=_("年份不能早于建院的1902年。"),
            ),
        ]

    def __str__(self):
        return f"{self.designation_type}：{self.count}"

    def get_absolute_url(self):
        return self.designation_type.get_absolute_url()

    def natural_key(self):
        return (*self.designation_type.natural_key(), self.source)

    natural_key.dependencies = ["departments.designationtype"]


class DesignationQuerySet(models.QuerySet):
    def current(self):
        return self.filter(status=Designation.Status.CURRENT)


class DesignationManager(models.Manager.from_queryset(DesignationQuerySet)):
    def get_by_natural_key(self, type_name, name):
        return self.get(designation_type__name=type_name, name=name)


class Designation(TimeStampedModel):
    """One designation held, e.g. 国家临床重点专科建设项目：普外科; with no department it is hospital-wide."""

    class Status(models.TextChoices):
        CURRENT = "current", _("已获得")
        IN_PROGRESS = "in_progress", _("建设中")

    designation_type = models.ForeignKey(
        DesignationType, verbose_name=_("类别"), on_delete=models.PROTECT, related_name="designations"
    )
    name = models.CharField(
        _("名称"),
        max_length=150,
        help_text=_("按资料原文填写，例如重点专科填“普外科”，质控中心填“麻醉”，联盟填联盟全称。"),
    )
    departments = models.ManyToManyField(
        Department,
        verbose_name=_("相关科室"),
        blank=True,
        related_name="designations",
        help_text=_("资料写明的科室；全院性的资质留空。"),
    )
    level = models.CharField(_("级别"), max_length=20, choices=Level.choices, blank=True)
    role = models.CharField(
        _("医院的角色"), max_length=50, blank=True, help_text=_("例如：挂靠单位、主委单位、牵头单位、主席单位。")
    )
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.CURRENT)
    note = models.CharField(_("说明"), max_length=200, blank=True, help_text=_("例如：衡阳首家通过国家认证。"))
    source = models.CharField(_("来源"), max_length=100, blank=True, help_text=_("例如：医院简介。"))
    display_order = models.PositiveSmallIntegerField(_("显示顺序"), default=100)

    objects = DesignationManager()

    class Meta:
        ordering = ["designation_type__display_order", "designation_type__name", "display_order", "name"]
        verbose_name = _("重点专科与资质")
        verbose_name_plural = _("重点专科与资质")
        constraints = [
            models.UniqueConstraint(
                fields=["designation_type", "name"],
                name="departments_designation_unique_per_type",
                violation_error_message=_("该类别下已有同名的荣誉资质。"),
            ),
        ]

    def __str__(self):
        return f"{self.designation_type}：{self.name}"

    def get_absolute_url(self):
        return self.designation_type.get_absolute_url()

    def natural_key(self):
        return (*self.designation_type.natural_key(), self.name)

    natural_key.dependencies = ["departments.designationtype"]


class CentreQuerySet(models.QuerySet):
    def visible(self):
        return self.filter(is_visible=True)


class CentreManager(models.Manager.from_queryset(CentreQuerySet)):
    def get_by_natural_key(self, name):
        return self.get(name=name)


class Centre(SluggedModel, TimeStampedModel):
    """A centre, base or station the hospital leads or hosts (示范基地, 分中心…), shown with its departments.

    Centres a patient goes to (胸痛中心, 卒中中心…) are departments of their own; these are not.
    """

    class Kind(models.TextChoices):
        CENTRE = "centre", _("诊疗与防治中心")
        BASE = "base", _("示范基地与救治基地")
        BRANCH = "branch", _("合作分中心")
        PLATFORM = "platform", _("专项平台与站点")

    name = models.CharField(_("名称"), max_length=100, unique=True)
    kind = models.CharField(_("类别"), max_length=20, choices=Kind.choices, db_index=True)
    level = models.CharField(_("级别"), max_length=20, choices=Level.choices, blank=True)
    led_by_hospital = models.BooleanField(
        _("医院牵头成立"), default=False, help_text=_("医院牵头成立的诊疗中心（基地）勾选此项。")
    )
    departments = models.ManyToManyField(
        Department,
        verbose_name=_("依托科室"),
        blank=True,
        related_name="centres",
        help_text=_("资料写明或名称即可确定的科室；不确定时留空。"),
    )
    established = models.CharField(_("设立时间"), max_length=40, blank=True, help_text=_("例如：2023年7月。"))
    note = models.CharField(_("说明"), max_length=200, blank=True, help_text=_("例如：五星示范中心。"))
    source = models.CharField(_("来源"), max_length=100, blank=True, help_text=_("例如：医院简介。"))
    display_order = models.PositiveSmallIntegerField(_("显示顺序"), default=100)
    is_visible = models.BooleanField(_("在网站显示"), default=True)

    objects = CentreManager()

    class Meta(SluggedModel.Meta):
        ordering = ["display_order", "name"]
        verbose_name = _("中心与基地")
        verbose_name_plural = _("中心与基地")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("departments:list") + f"#centre-{self.slug}"

    def natural_key(self):
        return (self.name,)


class ConditionQuerySet(models.QuerySet):
    def matching(self, term):
        """Conditions whose name or other names contain `term`: from a complaint to a department."""
        term = str(term).replace("\x00", "").strip()
        return self.filter(Q(name__icontains=term) | Q(aliases__icontains=term)) if term else self.none()


class ConditionManager(models.Manager.from_queryset(ConditionQuerySet)):
    def get_by_natural_key(self, name):
        return self.get(name=name)


class Condition(SluggedModel, TimeStampedModel):
    """A condition or a treatment a patient may ask for, and the departments that see it (导诊)."""

    class Kind(models.TextChoices):
        CONDITION = "condition", _("疾病与症状")
        TREATMENT = "treatment", _("诊疗技术")

    name = models.CharField(_("名称"), max_length=100, unique=True)
    kind = models.CharField(_("类别"), max_length=20, choices=Kind.choices, default=Kind.CONDITION)
    aliases = models.TextField(
        _("其他叫法"), blank=True, help_text=_("患者常用的其他说法，每行一个，例如“中风”。导诊和搜索会用到。")
    )
    departments = models.ManyToManyField(Department, verbose_name=_("就诊科室"), blank=True, related_name="conditions")
    display_order = models.PositiveSmallIntegerField(_("显示顺序"), default=100)

    objects = ConditionManager()

    class Meta(SluggedModel.Meta):
        ordering = ["display_order", "name"]
        verbose_name = _("病种与诊疗技术")
        verbose_name_plural = _("病种与诊疗技术")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("pages:guide") + f"#condition-{self.slug}"

    def natural_key(self):
        return (self.name,)

    @property
    def alias_list(self):
        return split_lines(self.aliases)
