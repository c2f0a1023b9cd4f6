"""gunicorn settings for the portal (`make serve`, deploy/hospital-portal.service).

Sync workers: each handles one request at a time, the model Django's ORM and the connection
settings are made for. Every value can be changed through the environment.
"""

import multiprocessing
import os
from pathlib import Path

bind = os.environ.get("BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
worker_class = "sync"
# WEB_CONCURRENCY is the usual name for the worker count; 2 × cores + 1 keeps the CPUs busy while
# some workers wait on PostgreSQL.
workers = int(os.environ.get("WEB_CONCURRENCY") or multiprocessing.cpu_count() * 2 + 1)
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# The application (Django, and jieba's dictionary: see hospital_portal/wsgi.py) is loaded once in the
# master; workers are forked from it, start at once and share its memory. New code therefore needs a
# restart, not a reload (HUP). GUNICORN_PRELOAD=false loads it in each worker instead.
preload_app = os.environ.get("GUNICORN_PRELOAD", "true").lower() != "false"
# Workers are not recycled: no leak has been measured (`make soak` watches each worker's memory).
# GUNICORN_MAX_REQUESTS turns recycling on, with jitter so the workers do not restart together.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "0"))
max_requests_jitter = max_requests // 10
# The application writes one JSON line per request itself (apps.core.middleware.RequestLogMiddleware).
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Only the reverse proxy on this machine may claim the original scheme and address.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
proc_name = "hospital-portal"
# Heartbeat files on a memory file system: a slow disk cannot make healthy workers look dead.
if Path("/dev/shm").is_dir():
    worker_tmp_dir = "/dev/shm"
# No runtime control socket: systemd manages the process, and several instances must not share one path.
control_socket_disable = True
