"""Loads the hospital's real content from fixtures/, once: a second run adds and overwrites nothing.

It lives in pages, which may import every app, because it keeps the search index and the page cache
in step with what it loads.
"""

import hashlib
from pathlib import Path

from django.conf import settings
from django.core.management import BaseCommand, call_command
from django.db import transaction

from apps.core.cache import invalidation_deferred
from apps.core.models import LoadedFixture
from apps.search.signals import indexing_deferred

FIXTURES_DIR = Path(settings.BASE_DIR) / "fixtures"


class Command(BaseCommand):
    help = "载入医院的真实内容（fixtures/ 下的文件，按文件名顺序）；已载入的文件不再重复载入。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="重新载入已载入过的文件（会覆盖编辑在后台对这些记录所做的修改）。",
        )

    def handle(self, *args, force=False, **options):
        files = sorted(FIXTURES_DIR.glob("*.json"))
        loaded = 0
        for path in files:
            checksum = hashlib.sha256(path.read_bytes()).hexdigest()
            record = LoadedFixture.objects.filter(name=path.name).first()
            if record and not force:
                if record.checksum != checksum:
                    self.stdout.write(f"{path.name}: 文件已更新但此前已载入，未覆盖（需要时用 --force）。")
                continue
            # A fixture links each department to its campuses, centres and designations one row at a
            # time: deferred, each record is indexed once per file, and the page cache emptied once
            # it is committed.
            with invalidation_deferred(), transaction.atomic(), indexing_deferred():
                call_command("loaddata", str(path), verbosity=0)
                LoadedFixture.objects.update_or_create(name=path.name, defaults={"checksum": checksum})
            loaded += 1
            self.stdout.write(f"已载入 {path.name}")
        if loaded:
            # A first version of every loaded record, so that an editor's first change can be undone too.
            call_command("createinitialrevisions", comment="初始内容", verbosity=0)
        self.stdout.write(self.style.SUCCESS(f"医院内容：新载入 {loaded} 个文件，共 {len(files)} 个。"))
