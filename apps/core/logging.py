"""Log lines as JSON on stdout, each carrying the id of the request it belongs to.

`RequestLogMiddleware` (apps.core.middleware) writes one line per request through the logger
`portal.request`; every other record written while a request runs carries its id too, so an error
and the request that caused it can be found together.
"""

import contextvars
import json
import logging
import re
import uuid
from datetime import UTC, datetime

REQUEST_LOGGER = "portal.request"

# A caller's id is kept only when it is short and plain, so it can neither flood nor forge log lines.
_ACCEPTED_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
_request_id = contextvars.ContextVar("request_id", default=None)

# Only these record attributes reach the log line: never a request object, cookies or a session.
_FIELDS = ("request_id", "method", "path", "status", "duration_ms", "user_id")


def request_id_from(header_value):
    """The incoming X-Request-ID when it is acceptable, else a new one."""
    if header_value and _ACCEPTED_REQUEST_ID.match(header_value):
        return header_value
    return uuid.uuid4().hex


def bind_request_id(value):
    """Marks every record written from now on in this context; returns a token for `unbind_request_id`."""
    return _request_id.set(value)


def unbind_request_id(token):
    _request_id.reset(token)


def current_request_id():
    return _request_id.get()


class RequestIdFilter(logging.Filter):
    """Adds the current request's id to records that do not carry one."""

    def filter(self, record):
        if getattr(record, "request_id", None) is None:
            record.request_id = current_request_id()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, process id, message, request fields and any traceback."""

    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            # Which worker process wrote it: gunicorn's own lines name workers by this id.
            "pid": record.process,
            "message": record.getMessage(),
        }
        for field in _FIELDS:
            if hasattr(record, field):
                entry[field] = getattr(record, field)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)
