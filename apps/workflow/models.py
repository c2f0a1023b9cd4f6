"""Which content types go through 撰稿 → 审核 → 签发, where each record stands, and every step taken."""

import re

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class WorkflowSetting(models.Model):
    """An administrator's switch for one content type; without a row, settings.WORKFLOW_CONTENT_TYPES decides."""

    content_type = models.OneToOneField(
        ContentType, verbose_name=_("内容类型"), on_delete=models.CASCADE, related_name="+"
    )
    enabled = models.BooleanField(
        _("开启审核流程"),
        default=True,
        help_text=_("开启后，此类内容须经“撰稿 → 审核 → 签发”才能发布；关闭后恢复直接发布。"),
    )

    class Meta:
        ordering = ["content_type__app_label", "content_type__model"]
        verbose_name = _("审核流程开关")
        verbose_name_plural = _("审核流程开关")

    def __str__(self):
        return str(self.content_type.model_class()._meta.verbose_name)


def workflow_enabled(model):
    """Whether records of this model must be submitted, reviewed and signed before they are published."""
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
    enabled = WorkflowSetting.objects.filter(content_type=content_type).values_list("enabled", flat=True).first()
    if enabled is None:
        return model._meta.label_lower in settings.WORKFLOW_CONTENT_TYPES
    return enabled


class ReviewStateQuerySet(models.QuerySet):
    def for_object(self, obj):
        content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
        return self.filter(content_type=content_type, object_id=obj.pk)

    def awaiting(self, user):
        """What this user may act on now: submissions to review, approvals to sign."""
        states = []
        if user.has_perm("workflow.review_content"):
            states.append(ReviewState.State.SUBMITTED)
        if user.has_perm("workflow.sign_content"):
            states.append(ReviewState.State.APPROVED)
        return self.filter(state__in=states)


class ReviewState(models.Model):
    """Where one record stands in the workflow, and the edit of its live version that waits to be signed."""

    class State(models.TextChoices):
        DRAFT = "draft", _("撰稿中")
        SUBMITTED = "submitted", _("待审核")
        RETURNED = "returned", _("已退回修改")
        APPROVED = "approved", _("待签发")
        SIGNED = "signed", _("已签发")

    content_type = models.ForeignKey(ContentType, verbose_name=_("内容类型"), on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField(_("记录编号"))
    content_object = GenericForeignKey("content_type", "object_id")
    title = models.CharField(_("标题"), max_length=300)
    state = models.CharField(_("审核状态"), max_length=10, choices=State.choices, default=State.DRAFT)
    updated_at = models.DateTimeField(_("最后变动"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("操作人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    pending_data = models.JSONField(_("待签发的修改"), null=True, blank=True, editable=False)
    pending_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("修改人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    pending_at = models.DateTimeField(_("修改时间"), null=True, blank=True)

    objects = ReviewStateQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("待我审核")
        verbose_name_plural = _("待我审核")
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="workflow_reviewstate_one_per_record"),
        ]

    def __str__(self):
        return self.title


class WorkflowStep(models.Model):
    """One step of the workflow: who did what to which record, when, and what they said."""

    class Action(models.TextChoices):
        SUBMIT = "submit", _("提交审核")
        APPROVE = "approve", _("审核通过")
        SEND_BACK = "send_back", _("退回修改")
        SIGN = "sign", _("签发")
        DISCARD = "discard", _("放弃待签发的修改")
        OVERRIDE = "override", _("合规检查放行")

    content_type = models.ForeignKey(ContentType, verbose_name=_("内容类型"), on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField(_("记录编号"))
    action = models.CharField(_("步骤"), max_length=10, choices=Action.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("操作人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("时间"), default=timezone.now)
    comment = models.TextField(_("意见"), blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("审核记录")
        verbose_name_plural = _("审核记录")
        indexes = [models.Index(fields=["content_type", "object_id", "-created_at"], name="workflow_step_by_record")]
        # Granted to roles one by one (WorkflowConfig.extra_role_permissions), never with the model's others.
        permissions = [
            ("review_content", _("审核内容（通过或退回）")),
            ("sign_content", _("签发内容（发布或定时发布）")),
        ]

    def __str__(self):
        return f"{self.get_action_display()} {self.created_at:%Y-%m-%d %H:%M}"


class EditPresence(models.Model):
    """Who opened which record's edit page, and when: shown to the next editor who opens it."""

    content_type = models.ForeignKey(ContentType, verbose_name=_("内容类型"), on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField(_("记录编号"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("编辑"), on_delete=models.CASCADE)
    opened_at = models.DateTimeField(_("打开时间"), default=timezone.now)

    class Meta:
        ordering = ["-opened_at"]
        verbose_name = _("正在编辑")
        verbose_name_plural = _("正在编辑")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "user"], name="workflow_editpresence_one_per_editor"
            ),
        ]

    def __str__(self):
        return f"{self.user} {self.opened_at:%Y-%m-%d %H:%M}"


class ComplianceRuleQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class ComplianceRule(models.Model):
    """A word or phrase the 错敏字与医疗广告合规检查 looks for, with the rule it breaks."""

    class Severity(models.TextChoices):
        BLOCK = "block", _("限制：阻止签发")
        WARN = "warn", _("提醒：不阻止")

    class Kind(models.TextChoices):
        ADVERTISING = "advertising", _("医疗广告用语")
        TESTIMONIAL = "testimonial", _("患者疗效证明")
        NAME = "name", _("院名、科室名错写")

    phrase = models.CharField(
        _("词语"),
        max_length=100,
        help_text=_("要查找的文字。勾选“按正则表达式匹配”时，按正则表达式查找（供熟悉者使用）。"),
    )
    is_pattern = models.BooleanField(_("按正则表达式匹配"), default=False)
    kind = models.CharField(_("类别"), max_length=12, choices=Kind.choices, default=Kind.ADVERTISING)
    severity = models.CharField(_("级别"), max_length=5, choices=Severity.choices, default=Severity.WARN)
    rule = models.CharField(_("依据"), max_length=300, help_text=_("违反的规定或说明，检查结果中会显示给编辑。"))
    suggestion = models.CharField(_("建议写法"), max_length=100, blank=True)
    is_active = models.BooleanField(_("启用"), default=True)

    objects = ComplianceRuleQuerySet.as_manager()

    class Meta:
        ordering = ["severity", "kind", "phrase"]
        verbose_name = _("合规检查词语")
        verbose_name_plural = _("合规检查词语")
        constraints = [
            models.UniqueConstraint(fields=["phrase", "is_pattern"], name="workflow_compliancerule_unique_phrase"),
        ]

    def __str__(self):
        return self.phrase

    def clean(self):
        super().clean()
        if self.is_pattern:
            try:
                re.compile(self.phrase)
            except re.error as error:
                raise ValidationError({"phrase": _("正则表达式有误：%(error)s") % {"error": error}}) from error
