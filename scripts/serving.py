"""Serving the site as in production for the measuring scripts (bench, soak, lighthouse).

A database of its own on this checkout's PostgreSQL cluster (or the one DATABASE_URL names), the
environment of a production server (DEBUG off, whitenoise's compressed manifest storage), and
gunicorn on a free loopback port.
"""

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
PG_BIN = Path("/usr/lib/postgresql/15/bin")


def log(message):
    print(message, file=sys.stderr, flush=True)


def database_url(name):
    """URL of the database `name` on this checkout's private cluster, created when missing."""
    url = subprocess.run([str(ROOT / "scripts" / "db.sh"), "ensure"], check=True, capture_output=True, text=True)
    base = url.stdout.strip().rsplit("/", 1)[0]
    port = re.search(r":(\d+)$", base).group(1)
    connection = ["-h", "127.0.0.1", "-p", port, "-U", "postgres"]
    exists = subprocess.run(
        [str(PG_BIN / "psql"), *connection, "-Atqc", f"select 1 from pg_database where datname='{name}'", "postgres"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if not exists:
        subprocess.run([str(PG_BIN / "createdb"), *connection, name], check=True)
    return f"{base}/{name}"


def production_env(database_url, static_root, **overrides):
    """A production server's environment on loopback: DEBUG off, no TLS redirect, quiet logs."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))}
    env.update(
        DATABASE_URL=database_url,
        DEBUG="false",
        SECRET_KEY="measurement-only-secret-key-not-for-production-use-0123456789",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SITE_URL="http://127.0.0.1:8000",  # measuring only: check --deploy is not run here
        SECURE_SSL_REDIRECT="false",
        STATIC_ROOT=str(static_root),
        LOG_LEVEL="WARNING",
        REQUEST_LOG="false",
    )
    env.update(overrides)
    return env


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """gunicorn started with the shipped deploy/gunicorn.conf.py on a free loopback port, answering /healthz.

    `workers` sets WEB_CONCURRENCY (the config's default when None); gunicorn's own messages go to
    a log file, from which `worker_boots()` counts the workers started.
    """

    def __init__(self, env, workers=None, log_dir=None):
        self.port = free_port()
        env = dict(env, BIND=f"127.0.0.1:{self.port}", GUNICORN_LOG_LEVEL="info")
        if workers:
            env["WEB_CONCURRENCY"] = str(workers)
        # The config's own default when WEB_CONCURRENCY is not set.
        self.workers = int(env.get("WEB_CONCURRENCY") or 2 * (os.cpu_count() or 1) + 1)
        self.own_log_dir = None if log_dir else tempfile.mkdtemp(prefix="portal-gunicorn-")
        self.log_path = Path(log_dir or self.own_log_dir) / f"gunicorn-{self.port}.log"
        with self.log_path.open("wb") as log_file:
            self.process = subprocess.Popen(
                [GUNICORN, "--config", "deploy/gunicorn.conf.py", "hospital_portal.wsgi"],
                cwd=ROOT,
                env=env,
                stdout=log_file,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.url = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and self.process.poll() is None:
            try:
                with urllib.request.urlopen(self.url + "/healthz", timeout=2) as response:
                    # Every worker booted: the first answers while gunicorn may still be forking the others.
                    if response.status == 200 and self.worker_boots() >= self.workers:
                        return
                    time.sleep(0.1)
            except OSError:
                time.sleep(0.3)
        output = self.log_path.read_text()[-3000:]
        if self.process.poll() is None:
            self.stop()
        raise RuntimeError("gunicorn did not start:\n" + output)

    def worker_pids(self):
        return Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text().split()

    def worker_boots(self):
        """How many workers gunicorn has started so far, the first ones included."""
        return self.log_path.read_text().count("Booting worker with pid")

    def worker_troubles(self):
        """gunicorn's lines about workers that timed out, were killed or failed, and about cache outages."""
        signs = ("WORKER TIMEOUT", "SIGKILL", "exited with code", "Traceback", "Out of memory", "cache unavailable")
        return [line for line in self.log_path.read_text().splitlines() if any(sign in line for sign in signs)]

    def worker_rss_kb(self):
        total = {}
        for pid in self.worker_pids():
            status = Path(f"/proc/{pid}/status").read_text()
            total[pid] = int(re.search(r"VmRSS:\s+(\d+)", status).group(1))
        return total

    def stop(self):
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=30)
        if self.own_log_dir:
            shutil.rmtree(self.own_log_dir, ignore_errors=True)
