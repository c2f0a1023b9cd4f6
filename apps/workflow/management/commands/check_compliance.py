"""Runs the compliance check (错敏字与医疗广告用语) over the site's content and prints every hit with its rule."""

from django.apps import apps
from django.core.management.base import BaseCommand

from apps.workflow.compliance import check_texts, record_texts
from apps.workflow.models import ComplianceRule

CONTENT_APPS = ("history", "departments", "experts", "equipment", "news", "pages")


class Command(BaseCommand):
    help = "对网站现有内容做错敏字与医疗广告合规检查，列出每一处命中及其依据。"

    def add_arguments(self, parser):
        parser.add_argument("--blocking", action="store_true", help="只列出“限制”级（阻止发布）的命中。")

    def handle(self, *args, blocking=False, **options):
        rules = list(ComplianceRule.objects.active())
        total = restricted = 0
        for label in CONTENT_APPS:
            for model in apps.get_app_config(label).get_models():
                for record in model._default_manager.all():
                    for hit in check_texts(record_texts(record), rules):
                        if blocking and not hit.blocks:
                            continue
                        total += 1
                        restricted += hit.blocks
                        level = "限制" if hit.blocks else "提醒"
                        self.stdout.write(
                            f"[{level}] {model._meta.verbose_name}“{record}” {hit}\n    依据：{hit.rule.rule}"
                            + (f" 建议写作“{hit.rule.suggestion}”。" if hit.rule.suggestion else "")
                        )
        self.stdout.write(f"共 {total} 处，其中限制 {restricted} 处、提醒 {total - restricted} 处。")
