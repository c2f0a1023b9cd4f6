from django.apps import AppConfig


class WorkflowConfig(AppConfig):
    name = "apps.workflow"
    verbose_name = "审核流程"
    # 内容管理员 switches the workflow on or off per content type; reviewers and signers see their queue.
    editor_roles = {
        "workflowsetting": ("内容管理员",),
        "compliancerule": ("内容管理员",),
        "reviewstate": ("宣传科审核", "宣传科签发", "内容管理员"),
    }
    # Its records (switches, review states, steps, who has a record open) appear on no public page: saving
    # them leaves visitors' cached pages alone. What it publishes, it publishes by saving the record itself.
    shown_to_visitors = False
    # The workflow's own steps, granted one by one: reviewing and signing are separate duties.
    extra_role_permissions = {
        "宣传科审核": ("review_content",),
        "宣传科签发": ("sign_content",),
        "内容管理员": ("review_content", "sign_content"),
    }

    def ready(self):
        from . import signals  # noqa: F401
