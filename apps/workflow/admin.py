"""The workflow in the admin: 撰稿 → 审核 → 签发 on the change form, pending edits of live pages, the queue.

`WorkflowAdminMixin` goes before `PublishableAdmin` on the admin of any publishable model. While the
workflow is on for that model (see `workflow_enabled`), nothing publishes except a signer's 签发:
the status field is read-only, a posted "published" is refused, the list's publish action and its
bulk edits refuse, and an edit of a live record is kept as a pending revision until it is signed.
"""

import json

from django import forms
from django.apps import apps
from django.contrib import admin, messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from apps.core.admin import ContentAdmin

from .compliance import check_record
from .models import ComplianceRule, ReviewState, WorkflowSetting, WorkflowStep, workflow_enabled

State = ReviewState.State
Action = WorkflowStep.Action
STEPS = {Action.SUBMIT, Action.APPROVE, Action.SEND_BACK, Action.SIGN}
STATE_AFTER = {
    Action.SUBMIT: State.SUBMITTED,
    Action.APPROVE: State.APPROVED,
    Action.SEND_BACK: State.RETURNED,
    Action.SIGN: State.SIGNED,
}

DIRECT_PUBLISH_REFUSED = _(
    "此类内容已开启审核流程，不能直接发布：请点“保存并提交审核”，审核通过后由签发人签发（可定时发布）。"
)
BULK_PUBLISH_REFUSED = _("%(type)s已开启审核流程，不能在列表中直接发布。请逐条提交审核，审核通过后由签发人签发。")
COMPLIANCE_BLOCKED = _(
    "合规检查发现 %(count)d 处限制用语（%(words)s），不能发布。请修改；确需保留的，由签发人填写“合规放行理由”后再签发。"
)
BULK_EDIT_REFUSED = _("已开启审核流程，不能在列表中把状态改为发布：请提交审核，由签发人签发。")


def content_type_of(obj_or_model):
    return ContentType.objects.get_for_model(obj_or_model, for_concrete_model=False)


def workflow_models(site=admin.site):
    """The models whose admin can run the workflow: an administrator may switch it on for these."""
    return [
        model
        for model in apps.get_models()
        if site.is_registered(model) and isinstance(site.get_model_admin(model), WorkflowAdminMixin)
    ]


def encode_pending(form):
    """The model fields of a valid form as JSON-safe values (files excepted: they are stored at once or not at all)."""
    opts = form.instance._meta
    values = {}
    for name, value in form.cleaned_data.items():
        try:
            field = opts.get_field(name)
        except FieldDoesNotExist:  # form-only fields (edit token, comment) are not part of the record
            continue
        if isinstance(field, models.FileField):
            continue
        if field.many_to_many:
            values[name] = sorted(item.pk for item in value)
        elif field.is_relation:
            values[name] = value.pk if value is not None else None
        else:
            values[name] = value
    return json.loads(json.dumps(values, cls=DjangoJSONEncoder))


def decode_pending(model, data):
    """Python values of a pending revision, by field name, as a form's initial takes them."""
    opts = model._meta
    values = {}
    for name, value in (data or {}).items():
        field = opts.get_field(name)
        values[name] = value if field.is_relation else field.to_python(value)
    return values


def apply_pending(obj, data):
    """The record as it will be once the pending revision is signed (not saved; many-to-many left as they are)."""
    for name, value in decode_pending(type(obj), data).items():
        field = obj._meta.get_field(name)
        if field.many_to_many:
            continue
        setattr(obj, field.attname, value)
    return obj


class WorkflowAdminMixin:
    """Submit, review and sign on the change form; refuses every path that would publish around it."""

    change_form_template = "workflow/change_form.html"
    object_history_template = "workflow/object_history.html"
    # The public detail view that renders a preview; a subclass names it (e.g. ArticleDetailView).
    preview_view = None

    # --- state -----------------------------------------------------------------------------------

    def review_state(self, obj):
        if obj is None or obj.pk is None:
            return None
        return ReviewState.objects.for_object(obj).first()

    def edit_token_for(self, model, pk, lock=False):
        """Two editors of one pending version must not overwrite each other either: its time is in the token."""
        token = super().edit_token_for(model, pk, lock=lock)
        pending_at = (
            ReviewState.objects.filter(content_type=content_type_of(model), object_id=pk)
            .values_list("pending_at", flat=True)
            .first()
        )
        return f"{token}|{pending_at.isoformat()}" if pending_at else token

    def record_step(self, request, obj, action, comment="", state=None):
        content_type = content_type_of(obj)
        WorkflowStep.objects.create(
            content_type=content_type, object_id=obj.pk, action=action, user=request.user, comment=comment
        )
        if state is None:  # a step beside the workflow (a compliance override): the state stays as it is
            return None
        defaults = {"title": str(obj)[:300], "state": state, "updated_at": timezone.now(), "updated_by": request.user}
        review, _ = ReviewState.objects.update_or_create(content_type=content_type, object_id=obj.pk, defaults=defaults)
        return review

    # --- the change form -------------------------------------------------------------------------

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change, **kwargs)
        workflow_on = workflow_enabled(self.model)
        if workflow_on:
            form_class = self.workflow_form(form_class, request, obj)
        return self.compliance_form(form_class, request, workflow_on)

    def workflow_form(self, form_class, request, obj):
        model_admin = self
        review = self.review_state(obj)

        class WorkflowForm(form_class):
            workflow_comment = forms.CharField(
                label=_("审核意见"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text=_("提交、通过、退回或签发时的说明；退回修改时必填。会记入审核记录。"),
            )

            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                self.workflow_step = None
                self.review = review
                if "status" in self.fields:
                    self.fields["status"].disabled = True
                    self.fields["status"].help_text = _("已开启审核流程：内容经审核通过、由签发人签发后才发布。")
                if not self.is_bound and review is not None and review.pending_data:
                    # The form opens on the version waiting to be signed, not on the live one.
                    self.initial.update(decode_pending(type(self.instance), review.pending_data))

            def clean(self):
                cleaned_data = super().clean()
                self.workflow_step = model_admin.check_step(request, self, obj, review)
                if self.workflow_step == Action.SIGN and "status" in self.fields:
                    cleaned_data["status"] = type(self.instance).Status.PUBLISHED
                return cleaned_data

        return WorkflowForm

    def compliance_form(self, form_class, request, workflow_on):
        """Checks the text on submitting and publishing; restricted words stop publishing unless a signer
        gives a reason."""
        published = self.model.Status.PUBLISHED

        class ComplianceForm(form_class):
            compliance_override = forms.CharField(
                label=_("合规放行理由"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text=_(
                    "内容含“限制”级用语又确需发布时（如转载媒体报道原文），由签发人写明理由后放行；理由记入审核记录。"
                ),
            )

            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                self.compliance_hits = None
                self.compliance_overridden = ""

            def clean(self):
                cleaned_data = super().clean()
                step = getattr(self, "workflow_step", None)
                publishing = step == Action.SIGN if workflow_on else cleaned_data.get("status") == published
                if not (publishing or step == Action.SUBMIT):
                    return cleaned_data
                self.compliance_hits = check_record(self.instance, cleaned_data)
                blocking = [hit for hit in self.compliance_hits if hit.blocks]
                if publishing and blocking:
                    reason = cleaned_data.get("compliance_override", "").strip()
                    if not reason or not request.user.has_perm("workflow.sign_content"):
                        raise ValidationError(
                            COMPLIANCE_BLOCKED,
                            params={"count": len(blocking), "words": "、".join(hit.match for hit in blocking)},
                            code="compliance",
                        )
                    self.compliance_overridden = reason
                return cleaned_data

        return ComplianceForm

    def check_step(self, request, form, obj, review):
        """The workflow step this POST asks for, if the user may take it now; otherwise a Chinese refusal."""
        step = request.POST.get("_workflow") or None
        if step is not None and step not in STEPS:
            raise ValidationError(_("未知的审核操作。"), code="workflow")
        state = review.state if review else State.DRAFT
        published = self.model.Status.PUBLISHED
        comment = form.cleaned_data.get("workflow_comment", "").strip()
        if request.POST.get("status") == published and step != Action.SIGN and not (obj and obj.status == published):
            raise ValidationError(DIRECT_PUBLISH_REFUSED, code="workflow")
        if step == Action.SUBMIT and state in (State.SUBMITTED, State.APPROVED):
            raise ValidationError(_("这条内容已在审核中，无需重复提交。"), code="workflow")
        if step in (Action.APPROVE, Action.SEND_BACK):
            if not request.user.has_perm("workflow.review_content"):
                raise ValidationError(_("您没有审核权限：审核由宣传科审核人员完成。"), code="workflow")
            if state != State.SUBMITTED:
                raise ValidationError(_("只有已提交、待审核的内容才能审核。"), code="workflow")
            if step == Action.SEND_BACK and not comment:
                raise ValidationError(_("退回修改时请填写审核意见，告诉撰稿人需要改什么。"), code="workflow")
        if step == Action.SIGN:
            if not request.user.has_perm("workflow.sign_content"):
                raise ValidationError(_("您没有签发权限：签发由宣传科签发人员完成。"), code="workflow")
            if state != State.APPROVED:
                raise ValidationError(_("只有审核通过（待签发）的内容才能签发。"), code="workflow")
        return step

    def is_pending_edit(self, form, change):
        """An edit of a published record that is not its signing: kept aside until it is signed."""
        published = self.model.Status.PUBLISHED
        return change and form.initial.get("status") == published and form.workflow_step != Action.SIGN

    def save_model(self, request, obj, form, change):
        if not hasattr(form, "workflow_step") or not self.is_pending_edit(form, change):
            return super().save_model(request, obj, form, change)
        review = self.record_pending(request, obj, form)
        form.stored_as_pending = review
        return None

    def record_pending(self, request, obj, form):
        content_type = content_type_of(obj)
        # The live record is reloaded: the form has already written the pending values onto `obj`.
        live = type(obj)._default_manager.get(pk=obj.pk)
        review, _ = ReviewState.objects.get_or_create(
            content_type=content_type, object_id=obj.pk, defaults={"title": str(live)[:300]}
        )
        review.pending_data = encode_pending(form)
        review.pending_by = request.user
        review.pending_at = timezone.now()
        review.updated_at = timezone.now()
        review.updated_by = request.user
        if review.state == State.SIGNED:
            review.state = State.DRAFT
        review.save()
        return review

    def save_related(self, request, form, formsets, change):
        if getattr(form, "stored_as_pending", None) is None:
            super().save_related(request, form, formsets, change)
        else:
            messages.info(
                request, gettext("已发布的内容不会立即改变：这次修改已存为待签发的版本，签发后才在网站上显示。")
            )
        if getattr(form, "stored_as_pending", None) is not None and any(f.has_changed() for f in formsets):
            messages.warning(
                request,
                gettext("图片等附属内容的修改没有保存：已发布内容的修改须签发后才上线，附属内容请签发人在签发时修改。"),
            )
        self.record_compliance(request, form)
        if hasattr(form, "workflow_step"):
            self.after_save(request, form, change)

    def record_compliance(self, request, form):
        hits = getattr(form, "compliance_hits", None)
        if getattr(form, "compliance_overridden", ""):
            words = "、".join(f"{hit.match}（{hit.rule.rule}）" for hit in hits if hit.blocks)
            comment = gettext("放行理由：%(reason)s；放行的用语：%(words)s") % {
                "reason": form.compliance_overridden,
                "words": words,
            }
            self.record_step(request, form.instance, Action.OVERRIDE, comment)
        if hits:
            shown = "；".join(str(hit) for hit in hits[:5])
            more = gettext("等") if len(hits) > 5 else ""
            messages.warning(
                request,
                gettext("合规检查发现 %(count)d 处需要注意的用语：%(hits)s%(more)s")
                % {
                    "count": len(hits),
                    "hits": shown,
                    "more": more,
                },
            )

    def construct_change_message(self, request, form, formsets, add=False):
        if getattr(form, "stored_as_pending", None) is None:
            return super().construct_change_message(request, form, formsets, add)
        # Nothing of the record changed: the admin log says what waits to be signed.
        labels = "、".join(
            str(form.fields[name].label) for name in form.changed_data if name not in ("workflow_comment", "edit_token")
        )
        return gettext("修改已存为待签发的版本，尚未发布：%(fields)s") % {"fields": labels}

    def after_save(self, request, form, change):
        obj = form.instance
        step = form.workflow_step
        comment = form.cleaned_data.get("workflow_comment", "").strip()
        review = getattr(form, "stored_as_pending", None) or form.review
        if step == Action.SIGN:
            if obj.published_at > timezone.now():
                when = timezone.localtime(obj.published_at).strftime("%Y-%m-%d %H:%M")
                comment = " ".join(part for part in (gettext("定时发布：%(time)s") % {"time": when}, comment) if part)
            review = self.record_step(request, obj, step, comment, STATE_AFTER[step])
            ReviewState.objects.filter(pk=review.pk).update(pending_data=None, pending_by=None, pending_at=None)
        elif step is not None:
            self.record_step(request, obj, step, comment, STATE_AFTER[step])
        elif review is not None and review.state == State.APPROVED and form.has_changed():
            # What the reviewer approved is no longer what would be signed.
            self.record_step(
                request, obj, Action.SUBMIT, gettext("审核通过后内容又有修改，须重新审核。"), State.SUBMITTED
            )

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if workflow_enabled(self.model):
            context.update(self.workflow_context(request, obj))
        context.update(self.compliance_context(request, context["adminform"].form, obj))
        return super().render_change_form(request, context, add, change, form_url, obj)

    def compliance_context(self, request, form, obj):
        """The hits of the text as posted, or of the stored (or pending) version when the form opens."""
        hits = getattr(form, "compliance_hits", None)
        if hits is None and obj is not None and obj.pk:
            review = self.review_state(obj)
            record = type(obj)._default_manager.get(pk=obj.pk)
            if review is not None and review.pending_data:
                apply_pending(record, review.pending_data)
            hits = check_record(record)
        return {
            "compliance_hits": hits or [],
            "compliance_blocking": any(hit.blocks for hit in hits or []),
            "compliance_can_override": request.user.has_perm("workflow.sign_content"),
            "compliance_override_field": form["compliance_override"] if "compliance_override" in form.fields else None,
        }

    def workflow_context(self, request, obj):
        review = self.review_state(obj)
        state = review.state if review else State.DRAFT
        user = request.user
        last_step = None
        if obj is not None and obj.pk:
            last_step = (
                WorkflowStep.objects.filter(content_type=content_type_of(obj), object_id=obj.pk)
                .select_related("user")
                .first()
            )
        info = self.model._meta.app_label, self.model._meta.model_name
        return {
            "workflow_on": True,
            "workflow_review": review,
            "workflow_state_label": State(state).label,
            "workflow_last_step": last_step,
            "workflow_can_submit": state not in (State.SUBMITTED, State.APPROVED),
            "workflow_can_review": state == State.SUBMITTED and user.has_perm("workflow.review_content"),
            "workflow_can_sign": state == State.APPROVED and user.has_perm("workflow.sign_content"),
            "workflow_pending": review is not None and review.pending_data is not None,
            "workflow_preview_url": obj and obj.pk and reverse(f"admin:{info[0]}_{info[1]}_preview", args=[obj.pk]),
            "workflow_discard_url": obj and obj.pk and reverse(f"admin:{info[0]}_{info[1]}_discard", args=[obj.pk]),
        }

    # --- the list --------------------------------------------------------------------------------

    @admin.action(description=_("立即发布所选内容"), permissions=["change"])
    def publish_now(self, request, queryset):
        if workflow_enabled(self.model):
            self.message_user(request, BULK_PUBLISH_REFUSED % {"type": self.model._meta.verbose_name}, messages.ERROR)
            return None
        return super().publish_now(request, queryset)

    def get_changelist_form(self, request, **kwargs):
        form_class = super().get_changelist_form(request, **kwargs)
        if not workflow_enabled(self.model) or "status" not in self.list_editable:
            return form_class
        published = self.model.Status.PUBLISHED

        class WorkflowChangelistForm(form_class):
            def clean_status(self):
                status = self.cleaned_data["status"]
                if status == published and self.instance.status != published:
                    raise ValidationError(BULK_EDIT_REFUSED, code="workflow")
                return status

        return WorkflowChangelistForm

    # --- preview and discard ---------------------------------------------------------------------

    def get_urls(self):
        info = self.model._meta.app_label, self.model._meta.model_name
        return [
            path(
                "<path:object_id>/preview/",
                self.admin_site.admin_view(self.preview_pending),
                name="{}_{}_preview".format(*info),
            ),
            path(
                "<path:object_id>/discard/",
                self.admin_site.admin_view(self.discard_pending),
                name="{}_{}_discard".format(*info),
            ),
            *super().get_urls(),
        ]

    def preview_pending(self, request, object_id):
        """GET: the version waiting to be signed; POST: the change form as posted, rendered and not saved."""
        obj = self.get_object(request, object_id)
        if obj is None or not self.has_change_permission(request, obj):
            raise PermissionDenied
        view = self.preview_view()
        view.setup(request, pk=obj.pk, slug=getattr(obj, "slug", None))
        record = view.get_queryset().get(pk=obj.pk)
        if request.method == "POST":
            form_class = self.get_form(request, obj, change=True)
            form = form_class(request.POST, request.FILES, instance=record)
            if not form.is_valid():
                return TemplateResponse(
                    request,
                    "workflow/preview_invalid.html",
                    {**self.admin_site.each_context(request), "form": form, "opts": self.model._meta, "original": obj},
                    status=400,
                )
            record = form.save(commit=False)
        else:
            review = self.review_state(obj)
            if review is not None and review.pending_data:
                apply_pending(record, review.pending_data)
        view.object = record
        return view.render_to_response(view.get_context_data(object=record))

    def discard_pending(self, request, object_id):
        obj = self.get_object(request, object_id)
        if obj is None or not self.has_change_permission(request, obj):
            raise PermissionDenied
        change_url = reverse(f"admin:{self.model._meta.app_label}_{self.model._meta.model_name}_change", args=[obj.pk])
        if request.method != "POST":
            return HttpResponseRedirect(change_url)
        review = self.review_state(obj)
        if review is None or review.pending_data is None:
            self.message_user(request, gettext("没有待签发的修改。"), messages.WARNING)
            return HttpResponseRedirect(change_url)
        ReviewState.objects.filter(pk=review.pk).update(pending_data=None, pending_by=None, pending_at=None)
        self.record_step(request, obj, Action.DISCARD, "", State.SIGNED)
        self.message_user(request, gettext("已放弃待签发的修改，网站上仍是已发布的版本。"), messages.SUCCESS)
        return HttpResponseRedirect(change_url)

    # --- history ---------------------------------------------------------------------------------

    def revision_view(self, request, object_id, version_id, extra_context=None):
        self.check_may_restore(request)
        return super().revision_view(request, object_id, version_id, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        self.check_may_restore(request)
        return super().recover_view(request, version_id, extra_context)

    def check_may_restore(self, request):
        """Reverting or recovering writes the record at once, published or not: under the workflow, a signer's call."""
        if workflow_enabled(self.model) and not request.user.has_perm("workflow.sign_content"):
            raise PermissionDenied(gettext("已开启审核流程：恢复旧版本或已删除的内容会直接上线，须由签发人操作。"))

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, object_id)
        steps = []
        if obj is not None:
            steps = WorkflowStep.objects.filter(content_type=content_type_of(obj), object_id=obj.pk).select_related(
                "user"
            )
        return super().history_view(request, object_id, {"workflow_steps": steps, **(extra_context or {})})


@admin.register(WorkflowSetting)
class WorkflowSettingAdmin(ContentAdmin):
    list_display = ("content_type_name", "enabled")
    list_editable = ("enabled",)
    fields = ("content_type", "enabled")

    @admin.display(description=_("内容类型"))
    def content_type_name(self, obj):
        return str(obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "content_type":
            content_types = ContentType.objects.get_for_models(*workflow_models(self.admin_site)).values()
            kwargs["queryset"] = ContentType.objects.filter(pk__in=[ct.pk for ct in content_types])
            field = super().formfield_for_foreignkey(db_field, request, **kwargs)
            field.label_from_instance = lambda ct: str(ct.model_class()._meta.verbose_name)
            return field
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(ReviewState)
class ReviewStateAdmin(admin.ModelAdmin):
    """待我审核: what waits for this user's review or signature, each linked to its edit page."""

    list_display = ("record_link", "content_type_name", "state", "updated_by", "updated_at")
    list_display_links = None
    list_filter = ("state",)
    list_select_related = ("content_type", "updated_by")

    def get_queryset(self, request):
        return super().get_queryset(request).awaiting(request.user)

    @admin.display(description=_("标题"))
    def record_link(self, obj):
        url = reverse(f"admin:{obj.content_type.app_label}_{obj.content_type.model}_change", args=[obj.object_id])
        return format_html('<a href="{}">{}</a>', url, obj.title)

    @admin.display(description=_("内容类型"))
    def content_type_name(self, obj):
        return obj.content_type.model_class()._meta.verbose_name

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ComplianceRule)
class ComplianceRuleAdmin(ContentAdmin):
    """The word lists of the compliance check: restricted words stop publishing, reminders only warn."""

    list_display = ("phrase", "kind", "severity", "suggestion", "rule", "is_active")
    list_filter = ("severity", "kind", "is_active")
    list_editable = ("severity", "is_active")
    search_fields = ("phrase", "rule", "suggestion")
    fields = ("phrase", "is_pattern", "kind", "severity", "rule", "suggestion", "is_active")
