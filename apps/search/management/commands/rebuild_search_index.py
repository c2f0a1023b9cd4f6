"""Rebuilds the whole search index from the content, in batches, in one transaction."""

import multiprocessing
import os
import time

from django.core.management import BaseCommand, CommandError
from django.db import connection, connections, transaction

from apps.search import segmentation
from apps.search.documents import BATCH_SIZE, hospital_terms, index_objects, indexed_models
from apps.search.models import SearchDocument


class Command(BaseCommand):
    help = "重建站内搜索索引（科室、专家、设备、新闻、就医服务页面）。重建期间搜索照常使用旧索引，完成后一次切换。"

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=BATCH_SIZE, help="每批写入的条数（默认 %(default)s）。")
        parser.add_argument(
            "--jobs",
            type=int,
            default=min(2, os.cpu_count() or 1),
            help="分词用的进程数（默认 %(default)s）；1 表示只用当前进程。",
        )

    def handle(self, *args, batch_size=BATCH_SIZE, jobs=1, **options):
        if batch_size < 1 or jobs < 1:
            raise CommandError("--batch-size 和 --jobs 必须是正整数。")
        started = time.monotonic()
        # Every name first, so that each record is cut with the whole dictionary whatever its order;
        # worker processes start after this and inherit the dictionary.
        segmentation.load_database_terms()
        segmentation.add_terms(hospital_terms())
        pool = None
        if jobs > 1:
            # Workers only cut text; closing first keeps them from inheriting an open connection
            # (inside a caller's transaction it stays open, and the workers never touch it).
            if not connection.in_atomic_block:
                connections.close_all()
            pool = multiprocessing.get_context("fork").Pool(jobs)
        try:
            total = self.rebuild(batch_size, pool)
        finally:
            if pool:
                pool.close()
                pool.join()
        self.stdout.write(
            self.style.SUCCESS(f"搜索索引已重建：共 {total} 条，用时 {time.monotonic() - started:.1f} 秒。")
        )

    def rebuild(self, batch_size, pool):
        total = 0
        with transaction.atomic():
            SearchDocument.objects.all().delete()
            for model in indexed_models():
                model_started = time.monotonic()
                count = index_objects(model._default_manager.all(), batch_size=batch_size, pool=pool)
                total += count
                self.stdout.write(
                    f"{model._meta.verbose_name}：{count} 条，用时 {time.monotonic() - model_started:.1f} 秒"
                )
                self.stdout.flush()
        return total
