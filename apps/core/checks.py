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
