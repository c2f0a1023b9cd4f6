"""Settings for the Hengyang Central Hospital portal, read from the environment.

Every variable is listed in `.env.example`. A local `.env` file is read when present; real
environment variables win over it.
"""

import ipaddress
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from whitenoise.compress import Compressor

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "insecure-development-key-only-used-with-debug-on"  # noqa: S105

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# Public address of the site, used in feeds, sitemaps and canonical links when no request is at hand.
# Required when DEBUG is off: `check --deploy` (apps.core.checks) wants an https URL on ALLOWED_HOSTS.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000" if DEBUG else "").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django_ckeditor_5",
    "imagekit",
    "reversion",
    "apps.core.axes_config.AxesConfig",  # django-axes, named in Chinese
    "csp",
    "import_export",
    "apps.core",
    "apps.media",
    "apps.history",
    "apps.departments",
    "apps.experts",
    "apps.equipment",
    "apps.news",
    "apps.pages",
    "apps.search",
    "apps.workflow",
]

# The benchmarks app (synthetic data, and the baseline pages of `make bench` under /bench/) is for
# measuring only: production never installs it.
BENCHMARK = env.bool("BENCHMARK", default=False)
if BENCHMARK:
    INSTALLED_APPS += ["benchmarks"]

# Order matters: the request log sees every answer; the security headers are set on every answer,
# including the 400 and 503 pages made further in; malformed query strings are refused before
# anything reads them; replica routing is decided before the session is read.
MIDDLEWARE = [
    "apps.core.middleware.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "apps.core.middleware.PortalCSPMiddleware",
    "apps.core.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "apps.core.middleware.RejectMalformedQueryMiddleware",
    "apps.core.middleware.DatabaseUnavailableMiddleware",
    "apps.core.middleware.ReplicaRoutingMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "apps.core.cache.PageCacheMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "hospital_portal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "apps.core.context_processors.site",
                "apps.core.context_processors.campuses",
                "apps.core.context_processors.hospital_info",
                "apps.pages.context_processors.service_navigation",
            ],
        },
    },
]

WSGI_APPLICATION = "hospital_portal.wsgi.application"

# Database: PostgreSQL only. `make run`/`make test` set DATABASE_URL to a private cluster when unset.
DATABASES = {"default": env.db_url("DATABASE_URL")}
DATABASES["default"].setdefault("OPTIONS", {})
# A dead database must be noticed within seconds, not after the kernel's TCP timeout.
DATABASES["default"]["OPTIONS"].setdefault("connect_timeout", env.int("DATABASE_CONNECT_TIMEOUT", default=2))
if env.bool("DATABASE_POOL", default=False):
    DATABASES["default"]["OPTIONS"]["pool"] = {
        "min_size": 2,
        "max_size": env.int("DATABASE_POOL_MAX", default=10),
        # A sync worker needs one connection at a time, so waiting for one means the database is
        # gone: give up after a second and answer the 503 page.
        "timeout": 1,
        # While the database is down the pool retries with a growing delay (1, 2, 4 s…). Giving up
        # after a few seconds lets the next request start afresh, so a worker finds the database
        # again within seconds of its return, not after a delay as long as the outage was.
        "reconnect_timeout": 3,
    }
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
# Connections (pooled ones too) broken by a database restart are replaced before use.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# Read replicas (streaming copies of the primary): anonymous page views read from them, everything
# else from the primary (apps.core.db_router). Tests use the primary for every alias.
DATABASE_REPLICA_URLS = env.list("DATABASE_REPLICA_URLS", default=[])
for number, url in enumerate(DATABASE_REPLICA_URLS, start=1):
    replica = env.db_url_config(url)
    replica["OPTIONS"] = {**DATABASES["default"]["OPTIONS"], **replica.get("OPTIONS", {})}
    for key in ("CONN_MAX_AGE", "CONN_HEALTH_CHECKS"):
        if key in DATABASES["default"]:
            replica[key] = DATABASES["default"][key]
    replica["TEST"] = {"MIRROR": "default"}
    DATABASES[f"replica_{number}"] = replica
if DATABASE_REPLICA_URLS:
    DATABASE_ROUTERS = ["apps.core.db_router.PrimaryReplicaRouter"]
# After a content change, visitors read from the primary this long, so that no page is cached from a
# replica that has not replayed the change yet (replication lag is normally well under a second).
DATABASE_REPLICA_SETTLE_SECONDS = env.float("DATABASE_REPLICA_SETTLE_SECONDS", default=5)
# Parallel test runs on one cluster (several checkouts, or tools) can keep their test databases apart.
if env.str("TEST_DATABASE_NAME", default=""):
    DATABASES["default"]["TEST"] = {"NAME": env.str("TEST_DATABASE_NAME")}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Login throttling: after AXES_FAILURE_LIMIT failures a username and address pair waits AXES_COOLOFF_TIME.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.25)
# The pair, not the username alone: a stranger's failures lock only the stranger's address out.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "core/lockout.html"
AXES_RESET_ON_SUCCESS = True
# A refused attempt during a lock-out does not restart it: a lock ends AXES_COOLOFF_TIME after it began.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_VERBOSE = False
# The client's address is read from X-Forwarded-For only when a trusted proxy sent the request.
AXES_CLIENT_IP_CALLABLE = "apps.core.proxies.client_ip_address"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("简体中文"))]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "var" / "static")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "media")

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_MAX_AGE = 31536000 if not DEBUG else 0
WHITENOISE_AUTOREFRESH = DEBUG
# Source maps are for developers' tools only: compressing the editor's 9 MB map would treble collectstatic's time.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = (*Compressor.SKIP_COMPRESS_EXTENSIONS, "map")

# Media on S3-compatible object storage when a bucket is named (django-storages), else under MEDIA_ROOT.
AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
MEDIA_ORIGINS = []  # origins media is served from when that is not this site, allowed by the CSP
if AWS_STORAGE_BUCKET_NAME:
    from botocore.config import Config as BotocoreConfig  # only servers with a bucket load botocore

    AWS_S3_ENDPOINT_URL = env.str("AWS_S3_ENDPOINT_URL", default="") or None
    AWS_S3_CUSTOM_DOMAIN = env.str("AWS_S3_CUSTOM_DOMAIN", default="") or None
    AWS_S3_URL_PROTOCOL = env.str("AWS_S3_URL_PROTOCOL", default="https:")
    # botocore's client options: "path" or "virtual" addressing ("" lets botocore choose); checksums only
    # where an operation requires them, since stores other than AWS reject those boto3 sends by default.
    AWS_S3_CLIENT_OPTIONS = {
        "s3": {"addressing_style": env.str("AWS_S3_ADDRESSING_STYLE", default="") or None},
        "request_checksum_calculation": env.str("AWS_REQUEST_CHECKSUM_CALCULATION", default="when_required"),
        "response_checksum_validation": env.str("AWS_RESPONSE_CHECKSUM_VALIDATION", default="when_required"),
    }
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": AWS_S3_ENDPOINT_URL,
            "region_name": env.str("AWS_S3_REGION_NAME", default="") or None,
            "access_key": env.str("AWS_ACCESS_KEY_ID", default="") or None,
            "secret_key": env.str("AWS_SECRET_ACCESS_KEY", default="") or None,
            "custom_domain": AWS_S3_CUSTOM_DOMAIN,
            "url_protocol": AWS_S3_URL_PROTOCOL,
            "location": env.str("AWS_LOCATION", default="media"),
            # Signed URLs expire, which defeats caching of pages; a public-read bucket is the usual choice.
            "querystring_auth": env.bool("AWS_QUERYSTRING_AUTH", default=False),
            "file_overwrite": False,
            "object_parameters": {"CacheControl": "max-age=31536000"},
            "client_config": BotocoreConfig(**AWS_S3_CLIENT_OPTIONS),
        },
    }
    if AWS_S3_CUSTOM_DOMAIN:
        MEDIA_URL = f"{AWS_S3_URL_PROTOCOL}//{AWS_S3_CUSTOM_DOMAIN}/"
        MEDIA_ORIGINS.append(f"{AWS_S3_URL_PROTOCOL}//{AWS_S3_CUSTOM_DOMAIN}")
    elif AWS_S3_ENDPOINT_URL:
        MEDIA_ORIGINS.append(AWS_S3_ENDPOINT_URL.rstrip("/"))
    else:
        MEDIA_ORIGINS.append(f"https://{AWS_STORAGE_BUCKET_NAME}.s3.amazonaws.com")
if env.str("MEDIA_CDN_ORIGIN", default=""):
    MEDIA_ORIGINS.append(env.str("MEDIA_CDN_ORIGIN"))

# Uploads: images only, verified by apps.core.images.
IMAGEKIT_CACHEFILE_DIR = "renditions"
IMAGEKIT_DEFAULT_CACHEFILE_STRATEGY = "imagekit.cachefiles.strategies.JustInTime"
# The hard cap of an image file: a phone's or camera's photograph (5–15 MB) fits, and is scaled down on upload
# so that its long edge is at most MAX_IMAGE_EDGE pixels (the widest a page shows, twice over for sharp screens).
MAX_IMAGE_UPLOAD_BYTES = env.int("MAX_IMAGE_UPLOAD_BYTES", default=25 * 1024 * 1024)
MAX_IMAGE_PIXELS = env.int("MAX_IMAGE_PIXELS", default=40_000_000)
MAX_IMAGE_EDGE = env.int("MAX_IMAGE_EDGE", default=2560)
# Images pasted into rich text from other sites are copied here on save (apps.core.remote_images): at most
# this many seconds per image and REMOTE_IMAGE_MAX_REDIRECTS redirects, each address checked again. Only
# public addresses are fetched; tests allow loopback to reach their own local "other site".
REMOTE_IMAGE_TIMEOUT = env.float("REMOTE_IMAGE_TIMEOUT", default=10)
REMOTE_IMAGE_MAX_REDIRECTS = 3
REMOTE_IMAGE_ALLOWED_NETWORKS = []  # e.g. ["127.0.0.0/8"] in tests; never in production
# Files attached to news and service pages (apps.media): PDF, Word, Excel and images.
MAX_ATTACHMENT_BYTES = env.int("MAX_ATTACHMENT_BYTES", default=20 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 15 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o644

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "hospital-portal",
    }
}
# Content types (app_label.model) that go through 撰稿 → 审核 → 签发 unless an administrator switches them
# in the admin (审核流程开关); any other type is published directly.
WORKFLOW_CONTENT_TYPES = ["news.article"]

# Visitors' pages come from the cache (apps.core.cache); any content edit empties it at once.
PAGE_CACHE = env.bool("PAGE_CACHE", default=True)
if env.str("REDIS_URL", default=""):
    # Redis only accelerates: when it fails, pages are rendered uncached (apps.core.redis_cache), and a
    # dead Redis is given up within these timeouts, then left alone for RETRY_AFTER seconds.
    CACHES["default"] = {
        "BACKEND": "apps.core.redis_cache.FailSafeRedisCache",
        "LOCATION": env.str("REDIS_URL"),
        "RETRY_AFTER": 2,
        "OPTIONS": {
            "socket_connect_timeout": env.float("REDIS_CONNECT_TIMEOUT", default=0.25),
            "socket_timeout": env.float("REDIS_TIMEOUT", default=0.5),
        },
    }
# Sessions stay in the database (Django's default) whatever the cache: an editor is not logged out
# when Redis fails, and no eviction policy of Redis can ever end a session.

# Security. Under DEBUG off everything is HTTPS-only; `make serve` refuses to start if
# SECURE_SSL_REDIRECT or HSTS is turned off (check --deploy at warning level).
BEHIND_PROXY = env.bool("BEHIND_PROXY", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None
# Addresses or networks of the reverse proxies whose X-Forwarded-For names the client (apps.core.proxies).
TRUSTED_PROXIES = [
    ipaddress.ip_network(network, strict=False)
    for network in env.list("TRUSTED_PROXIES", default=["127.0.0.1", "::1"])
    if BEHIND_PROXY
]
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# The admin embeds its own pages (popups, CKEditor), hence SAMEORIGIN there; see apps.core.middleware.
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"

# Content-Security-Policy: no inline script anywhere on public pages.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *MEDIA_ORIGINS],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
# The admin and CKEditor 5 set inline styles; their scripts still come only from this site.
ADMIN_CONTENT_SECURITY_POLICY = {
    **CONTENT_SECURITY_POLICY["DIRECTIVES"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:", *MEDIA_ORIGINS],
    "frame-ancestors": ["'self'"],
}

LOGIN_URL = "admin:login"
# Editors are the only accounts: after a login that names no page they land in the admin.
LOGIN_REDIRECT_URL = "admin:index"

# CKEditor 5: Chinese interface, no premium plugins (they refuse to load under the GPL licence key).
CKEDITOR_5_UPLOAD_FILE_TYPES = ["jpeg", "jpg", "png", "gif", "webp"]
CKEDITOR_5_MAX_FILE_SIZE = MAX_IMAGE_UPLOAD_BYTES // (1024 * 1024)
# Uploads from the editor go through apps.core.views.upload_editor_image (permission and image checks).
CK_EDITOR_5_UPLOAD_FILE_VIEW_NAME = "core:editor-image-upload"
CKEDITOR_5_CONFIGS = {
    "default": {
        "language": "zh-cn",
        "licenseKey": "GPL",
        "toolbar": {
            "items": [
                "heading",
                "|",
                "bold",
                "italic",
                "link",
                "bulletedList",
                "numberedList",
                "blockQuote",
                "|",
                "insertImage",
                "insertTable",
                "|",
                "alignment",
                "|",
                "undo",
                "redo",
            ],
            "shouldNotGroupWhenFull": True,
        },
        "heading": {
            "options": [
                {"model": "paragraph", "title": "正文", "class": "ck-heading_paragraph"},
                {"model": "heading2", "view": "h2", "title": "标题 2", "class": "ck-heading_heading2"},
                {"model": "heading3", "view": "h3", "title": "标题 3", "class": "ck-heading_heading3"},
                {"model": "heading4", "view": "h4", "title": "标题 4", "class": "ck-heading_heading4"},
            ]
        },
        "image": {
            "toolbar": [
                "imageTextAlternative",
                "toggleImageCaption",
                "|",
                "imageStyle:inline",
                "imageStyle:block",
                "imageStyle:side",
            ],
            # The editor's file picker offers what the server accepts (apps.core.images), no BMP or TIFF.
            "upload": {"types": ["jpeg", "png", "gif", "webp"]},
        },
        "table": {"contentToolbar": ["tableColumn", "tableRow", "mergeTableCells"]},
        # Chinese text has no spaces between words: a count of words would say 0; count characters instead.
        "wordCount": {"displayWords": False, "displayCharacters": True},
        # Classes rather than inline styles: public pages forbid inline styles through their CSP.
        "alignment": {
            "options": [
                {"name": "left", "className": "text-left"},
                {"name": "center", "className": "text-center"},
                {"name": "right", "className": "text-right"},
                {"name": "justify", "className": "text-justify"},
            ]
        },
    },
}

# Logs: JSON lines on stdout (LOG_FORMAT=text for a developer's terminal); one line per request
# from apps.core.middleware.RequestLogMiddleware, which already tells each 4xx, hence django.request
# at ERROR.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "apps.core.logging.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "apps.core.logging.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "filters": ["request_id"],
            "formatter": env.str("LOG_FORMAT", default="json"),
        }
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}, "django.request": {"level": "ERROR"}},
}

# Errors to Sentry when a DSN is given; nothing that identifies a visitor is sent (no cookies, no
# addresses, no user, no request bodies).
SENTRY_DSN = env.str("SENTRY_DSN", default="")
if SENTRY_DSN:
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        integrations=[DjangoIntegration()],
        send_default_pii=False,
        max_request_body_size="never",
        environment=env.str("SENTRY_ENVIRONMENT", default="production"),
        release=env.str("SENTRY_RELEASE", default="") or None,
        traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
    )
