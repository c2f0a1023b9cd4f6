"""Fills the database with clearly synthetic records for tests and benchmarks (never run by make run)."""

import time

from django.core.management import BaseCommand, CommandError, call_command

from benchmarks import synthetic


class Command(BaseCommand):
    help = (
        "生成标注为“示例”的合成数据（科室、专家与排班、设备、新闻），用于测试和性能基准；"
        "--clear 只删除这些合成数据。规模 1 为 200 个科室、2000 位专家、500 台设备、20000 篇新闻。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=None, help="数据规模，1 为完整规模，0.01 为百分之一。")
        parser.add_argument("--clear", action="store_true", help="删除全部合成数据（真实内容不受影响）。")
        parser.add_argument("--seed", type=int, default=2026, help="随机种子，相同种子生成相同数据。")

    def handle(self, *args, scale=None, clear=False, seed=2026, **options):
        if not clear and scale is None:
            raise CommandError("请用 --scale N 指定规模，或用 --clear 删除合成数据。")
        if scale is not None and not 0 < scale <= 10:
            raise CommandError("--scale 必须大于 0 且不超过 10。")
        if clear:
            removed = synthetic.clear()
            self.stdout.write("已删除合成数据：" + "，".join(f"{name} {n}" for name, n in removed.items()))
        if scale is not None:
            started = time.monotonic()
            counts = synthetic.generate(scale=scale, seed=seed, stdout=self.stdout)
            # Bulk inserts send no signals: the search index is filled in one parallel pass instead.
            call_command("rebuild_search_index", stdout=self.stdout)
            self.stdout.write(
                self.style.SUCCESS(
                    f"已生成合成数据（规模 {scale}）：科室 {counts.departments}，专家 {counts.experts}，"
                    f"设备 {counts.equipment}，新闻 {counts.articles}；用时 {time.monotonic() - started:.1f} 秒。"
                )
            )
