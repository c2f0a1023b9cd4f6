"""System checks of the production configuration, run by `manage.py check --deploy` (and so by `make serve`)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.http.request import validate_host

SITE_URL_EXAMPLE = "https://www.example.org"


@register(Tags.security, deploy=True)
def check_site_url(app_configs, **kwargs):
    """SITE_URL is what canonical links, og:url, JSON-LD and the feed give as the site's address."""
    if settings.DEBUG:
        return []
    site_url = settings.SITE_URL
    if not site_url:
        return [
            Error(
                "DEBUG 关闭时必须设置 SITE_URL（网站对外的 https 地址）。",
                hint=f"例如 SITE_URL={SITE_URL_EXAMPLE}，见 docs/deployment.md。",
                id="core.E001",
            )
        ]
    parts = urlsplit(site_url)
    if parts.scheme != "https" or not parts.hostname or parts.path.strip("/") or parts.query or parts.fragment:
        return [
            Error(
                f"SITE_URL（{site_url}）必须是只含域名的 https 地址。",
                hint=f"例如 SITE_URL={SITE_URL_EXAMPLE}：以 https:// 开头，不带路径。",
                id="core.E002",
            )
        ]
    if not validate_host(parts.hostname, settings.ALLOWED_HOSTS):
        return [
            Error(
                f"SITE_URL 的域名 {parts.hostname} 不在 ALLOWED_HOSTS 中。",
                hint="把该域名加入 ALLOWED_HOSTS，或改正 SITE_URL。",
                id="core.E003",
            )
        ]
    return []


# Caches that live in one process or on one machine's disk: an edit made through another machine
# would not reach them (nor the content generation kept beside them, apps.core.cache).
UNSHARED_CACHES = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.filebased.FileBasedCache",
)


@register(Tags.caches, deploy=True)
def check_shared_cache(app_configs, **kwargs):
    """With DEBUG off the page cache must be shared: nothing tells how many machines serve the site.

    On one machine the local-memory cache stays true across workers (the content generation is a
    file there), but a second app server would serve its own copies for up to an hour after an edit.
    """
    if settings.DEBUG or settings.CACHES["default"]["BACKEND"] not in UNSHARED_CACHES:
        return []
    return [
        Error(
            "DEBUG 关闭时缓存必须是各应用服务器共用的 Redis：本机内存缓存在另一台服务器上会在编辑后仍显示旧页面。",
            hint="设置 REDIS_URL，例如 REDIS_URL=redis://127.0.0.1:6379/0（单台服务器也一样），见 docs/deployment.md。",
            id="core.E004",
        )
    ]
