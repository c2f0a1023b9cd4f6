"""Middleware for the whole site: a friendly 503 when the database is down, and security headers."""

import logging

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string

from .context_processors import base_context

logger = logging.getLogger(__name__)

ADMIN_PREFIXES = ("/admin/", "/ckeditor5/")


class DatabaseUnavailableMiddleware:
    """Answers a Chinese 503 page instead of a traceback when PostgreSQL cannot be reached."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, (OperationalError, InterfaceError)) or (
            isinstance(exception, DatabaseError) and "connection" in str(exception).lower()
        ):
            logger.error("database unavailable: %s", exception)
            # No context processors: they may need the database that just failed.
            response = HttpResponse(render_to_string("503.html", base_context()), status=503)
            response["Retry-After"] = "30"
            response["Cache-Control"] = "no-store"
            return response
        return None


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
