"""Every page type answers with the security headers of a production deployment.

The routes come from the URL resolver (tests/security/routes.py), so each page of the URL contract
is covered as soon as it exists. Requests go over HTTPS, as they do behind the TLS proxy.
"""

import pytest

from tests.helpers import inline_code

from .routes import public_routes

pytestmark = pytest.mark.django_db

ROUTES = public_routes()


def csp_directives(header):
    directives = {}
    for part in header.split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


def assert_security_headers(response, *, admin=False):
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in response["Permissions-Policy"]
    assert response["X-Frame-Options"] == ("SAMEORIGIN" if admin else "DENY")
    policy = csp_directives(response["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    # Scripts come from files on this site only: nothing inline, nothing evaluated, no wildcard.
    assert "'self'" in policy["script-src"]
    for unsafe in ("'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "*", "data:", "http:", "https:"):
        assert unsafe not in policy["script-src"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["frame-ancestors"] == (["'self'"] if admin else ["'none'"])
    if not admin:
        assert "'unsafe-inline'" not in policy["style-src"]
    for name, cookie in response.cookies.items():
        assert cookie["secure"], f"cookie {name} is not HTTPS-only"
    return policy


@pytest.mark.parametrize("route", ROUTES, ids=str)
def test_every_public_page_sends_the_security_headers(client, production_settings, route):
    response = client.get(route.url(), secure=True)

    # A record made for a <slug> route may not be visible to visitors (say, an inactive expert):
    # its 404 page must carry the same headers.
    assert response.status_code < (500 if route.params else 400)
    assert_security_headers(response)
    if response["Content-Type"].startswith("text/html") and not response.streaming:
        assert inline_code(response.content.decode()) == []


def test_the_contract_pages_that_exist_today_are_all_covered():
    names = {route.name for route in ROUTES}
    assert {"home", "history:about", "departments:list", "experts:list", "news:list", "news:feed"} <= names
    assert {"search:results", "sitemap", "robots", "healthz", "core:campuses", "pages:guide"} <= names
    assert not any(route.route.startswith(("admin/", "ckeditor5/")) for route in ROUTES)


def test_admin_login_page_has_its_own_policy_and_may_only_be_framed_by_the_site(client, production_settings):
    response = client.get("/admin/login/", secure=True)

    assert response.status_code == 200
    assert_security_headers(response, admin=True)
    assert response.cookies["csrftoken"]["secure"]


def test_error_pages_carry_the_security_headers_too(client, production_settings):
    not_found = client.get("/no-such-page/", secure=True)
    bad_request = client.get("/news/", QUERY_STRING="q=%00", secure=True)

    assert not_found.status_code == 404
    assert "抱歉，您要找的页面不存在" in not_found.content.decode()
    assert_security_headers(not_found)
    assert bad_request.status_code == 400
    assert_security_headers(bad_request)


def test_plain_http_is_redirected_to_https_except_for_the_health_check(client, production_settings):
    response = client.get("/about/?x=1")

    assert response.status_code == 301
    assert response["Location"] == "https://testserver/about/?x=1"
    assert "Strict-Transport-Security" not in response  # only ever sent over HTTPS
    assert client.get("/healthz").status_code == 200


def test_the_proxy_header_marks_a_request_as_https(client, production_settings):
    response = client.get("/about/", headers={"X-Forwarded-Proto": "https"})

    assert response.status_code == 200
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
