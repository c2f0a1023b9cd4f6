"""`manage.py clear_page_cache`: moves the content generation on, so that no page, footer, navigation
or search dictionary cached before is used again, by any worker of any server.

`scripts/restore.sh` runs it last: a restored database is older than what the cache holds.
"""

from django.core.management.base import BaseCommand, CommandError

from apps.core.cache import bump_content_generation, content_generation


class Command(BaseCommand):
    help = "让缓存的页面全部作废（恢复备份后由 scripts/restore.sh 运行）。"

    def handle(self, *args, **options):
        generation = bump_content_generation(stand_in=False).number
        if content_generation() != generation:
            raise CommandError(
                "无法访问缓存（Redis），缓存的页面未能作废：Redis 恢复后请再运行 manage.py clear_page_cache。"
            )
        self.stdout.write(self.style.SUCCESS("缓存的页面已全部作废，下一次访问将显示数据库中的内容。"))
