"""Creates the first administrator account once and says how to log in."""

import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import BaseCommand

PASSWORD_FILE = settings.BASE_DIR / "var" / "admin-password.txt"


class Command(BaseCommand):
    help = "首次运行时创建管理员账户 admin，并打印登录方式。"

    def handle(self, *args, **options):
        users = get_user_model()
        url = f"http://127.0.0.1:{os.environ.get('PORT', '8000')}/admin/"
        if not users.objects.filter(is_superuser=True).exists():
            password = secrets.token_urlsafe(12)
            users.objects.create_superuser("admin", "", password)
            PASSWORD_FILE.parent.mkdir(parents=True, exist_ok=True)
            PASSWORD_FILE.write_text(password + "\n")
            PASSWORD_FILE.chmod(0o600)
            self.stdout.write(self.style.SUCCESS("已创建管理员账户。"))
        if PASSWORD_FILE.exists():
            self.stdout.write(
                f"后台登录：{url}  用户名 admin  密码 {PASSWORD_FILE.read_text().strip()}（保存在 {PASSWORD_FILE}）"
            )
        else:
            # The database outlived the file (or the account was made by hand): say how to get in anyway.
            names = "、".join(users.objects.filter(is_superuser=True).order_by("pk").values_list("username", flat=True))
            self.stdout.write(
                f"后台登录：{url}  使用已有的超级用户账户（{names}）。忘记密码时运行："
                f"{settings.BASE_DIR / '.venv' / 'bin' / 'python'} manage.py changepassword 用户名"
            )
