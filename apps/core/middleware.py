"""Middleware for the whole site: the request log, refusal of malformed query strings, read-replica
routing, a friendly 503 when the database is down, and security headers."""

import logging
import sys
import time
from urllib.parse import unquote_to_bytes

import sentry_sdk
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.core.signals import got_request_exception
from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from . import db_router
from .context_processors import base_context
from .logging import REQUEST_LOGGER, bind_request_id, request_id_from, unbind_request_id

logger = logging.getLogger(__name__)
request_logger = logging.getLogger(REQUEST_LOGGER)

ADMIN_PREFIXES = ("/admin/", "/ckeditor5/")


class RequestLogMiddleware:
    """One log line per request: its id, method, path, status, duration in ms and the user's id.

    The id is the caller's X-Request-ID (e.g. set by the reverse proxy) when acceptable, else a new
    one; it is sent back in the response. Query strings, cookies, headers and bodies are never logged.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = request_id_from(request.headers.get("X-Request-ID"))
        request.request_id = request_id
        token = bind_request_id(request_id)
        sentry_sdk.set_tag("request_id", request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id
            request_logger.info(
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                    "user_id": _user_id(request),
                },
            )
            return response
        finally:
            unbind_request_id(token)


def _user_id(request):
    user = getattr(request, "user", None)
    try:
        return user.pk if user is not None and user.is_authenticated else None
    except DatabaseError:  # the log line must not fail when the database does
        return None


def _query_string_is_malformed(query_string):
    """True when the decoded query string holds a NUL byte or bytes that are not UTF-8."""
    if not query_string:
        return False
    try:
        # WSGI hands the raw bytes over as a latin-1 string.
        decoded = unquote_to_bytes(query_string.encode("iso-8859-1")).decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return True
    return "\x00" in decoded


class RejectMalformedQueryMiddleware:
    """Answers the Chinese 400 page to a query string with a NUL byte or broken UTF-8.

    Django would hand such values on (broken bytes as U+FFFD); PostgreSQL refuses NUL bytes with an
    error. Refused here, no view and no query ever sees them.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path_info or _query_string_is_malformed(request.META.get("QUERY_STRING", "")):
            message = _("网址中含有无法识别的字符，请检查链接是否完整，或回到首页重新查找。")
            return render(request, "400.html", {"message": message}, status=400)
        return self.get_response(request)


def _database_unavailable(exception):
    return isinstance(exception, (OperationalError, InterfaceError)) or (
        isinstance(exception, DatabaseError) and "connection" in str(exception).lower()
    )


def _unavailable_response(exception):
    logger.error("database unavailable: %s", exception)
    # No context processors: they may need the database that just failed.
    response = HttpResponse(render_to_string("503.html", base_context()), status=503)
    response["Retry-After"] = "30"
    response["Cache-Control"] = "no-store"
    return response


def _note_database_failure(sender, request=None, **kwargs):
    """A database failure outside a view (in a middleware) ends in a 500: remember its cause."""
    exception = sys.exc_info()[1]
    if request is not None and exception is not None and _database_unavailable(exception):
        request.database_failure = exception


got_request_exception.connect(_note_database_failure, dispatch_uid="core.note_database_failure")


class DatabaseUnavailableMiddleware:
    """Answers a Chinese 503 page instead of a traceback when PostgreSQL cannot be reached."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        failure = getattr(request, "database_failure", None)
        if failure is not None and response.status_code == 500:
            return _unavailable_response(failure)
        return response

    def process_exception(self, request, exception):
        if _database_unavailable(exception):
            return _unavailable_response(exception)
        return None


class ReplicaRoutingMiddleware:
    """With read replicas configured, anonymous GET and HEAD requests read from one of them.

    A request with a session cookie (a logged-in editor) stays on the primary, and so does every
    request for a few seconds after content changed (DATABASE_REPLICA_SETTLE_SECONDS), so that the
    page cache is never refilled from a replica that has not yet replayed the edit.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.enabled = bool(db_router.replica_aliases())

    def __call__(self, request):
        if self.enabled and self._may_read_from_a_replica(request):
            with db_router.reads_from_a_replica():
                return self.get_response(request)
        return self.get_response(request)

    @staticmethod
    def _may_read_from_a_replica(request):
        return (
            request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and not _content_changed_recently()
        )


def _content_changed_recently():
    settle_seconds = settings.DATABASE_REPLICA_SETTLE_SECONDS
    if settle_seconds <= 0:
        return False
    from .cache import content_generation  # the generation is the time of the last content change, in ns

    return time.time_ns() - content_generation() < settle_seconds * 1_000_000_000


class PortalCSPMiddleware(CSPMiddleware):
    """Strict policy on public pages; the admin and its editor get their own, still script-safe, policy."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith(ADMIN_PREFIXES):
            return PolicyParts(config=settings.ADMIN_CONTENT_SECURITY_POLICY, nonce=parts.nonce)
        return parts


class SecurityHeadersMiddleware:
    """Headers Django does not set itself: Permissions-Policy, and a framing rule for the admin."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        if request.path_info.startswith(ADMIN_PREFIXES):
            response["X-Frame-Options"] = "SAMEORIGIN"
        return response
