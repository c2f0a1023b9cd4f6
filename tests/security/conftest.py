"""The security tests run under the settings a production deployment gets, not the developer's DEBUG ones."""

import pytest

from tests.deploy.processes import production_env, settings_under

SECURITY_SETTINGS = [
    "SECURE_SSL_REDIRECT",
    "SECURE_REDIRECT_EXEMPT",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_AGE",
    "SESSION_EXPIRE_AT_BROWSER_CLOSE",
    "CSRF_COOKIE_SECURE",
    "X_FRAME_OPTIONS",
    "PERMISSIONS_POLICY",
    "CONTENT_SECURITY_POLICY",
    "ADMIN_CONTENT_SECURITY_POLICY",
]


@pytest.fixture(scope="session")
def production_security_settings():
    """What hospital_portal/settings.py gives these settings with DEBUG=false and the required secrets."""
    values = settings_under(production_env(), SECURITY_SETTINGS)
    values["SECURE_PROXY_SSL_HEADER"] = tuple(values["SECURE_PROXY_SSL_HEADER"])
    return values


@pytest.fixture
def production_settings(settings, production_security_settings):
    """Applies them to this test; the test client then answers as the deployed site would."""
    for name, value in production_security_settings.items():
        setattr(settings, name, value)
    settings.DEBUG = False
    return settings
