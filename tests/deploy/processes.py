"""Real servers for the deployment tests: free loopback ports, bounded waits, child processes that
always end, throwaway PostgreSQL clusters, app servers under gunicorn and a small HTTP client.

Everything binds to 127.0.0.1, lives in a temporary folder and is stopped by the fixture that
started it, whatever the test's outcome. The shared development cluster is never touched.
"""

import http.client
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)
PYTHON = sys.executable
BIN = Path(sys.executable).parent
HOST = "127.0.0.1"


def free_port():
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def port_open(port):
    try:
        with socket.create_connection((HOST, port), timeout=0.2):
            return True
    except OSError:
        return False


def wait_until(predicate, timeout, what, interval=0.05):
    """Calls `predicate` until it returns something true, or fails after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        result = predicate()
        if result:
            return result
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what}: not within {timeout} s")
        time.sleep(interval)


def production_env(**overrides):
    """Environment variables of a production deployment, for a child process of a test."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "PYTEST_", "REDIS_", "AWS_", "SENTRY_", "DATABASE_REPLICA"))
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="hospital_portal.settings",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS=f"{HOST},localhost,testserver",
        SITE_URL=f"https://{HOST}",
        LOG_FORMAT="json",
        PYTHONUNBUFFERED="1",
    )
    environment.update({key: str(value) for key, value in overrides.items()})
    return environment


def settings_under(environment, names):
    """The values the settings module gives `names` under `environment`, read in a fresh interpreter."""
    code = (
        "import json, sys, django\n"
        "from django.conf import settings\n"
        "django.setup()\n"
        "print(json.dumps({name: getattr(settings, name) for name in sys.argv[1:]}, default=str))\n"
    )
    done = subprocess.run(
        [PYTHON, "-c", code, *names], env=environment, cwd=BASE_DIR, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def manage(*args, environment, timeout=120):
    done = subprocess.run(
        [PYTHON, "manage.py", *args], env=environment, cwd=BASE_DIR, capture_output=True, text=True, timeout=timeout
    )
    assert done.returncode == 0, f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"
    return done


class Process:
    """A child process in its own process group, its output in a file; `stop()` ends the whole group."""

    def __init__(self, args, *, log_path, environment=None, cwd=BASE_DIR):
        self.log_path = Path(log_path)
        self._log = self.log_path.open("wb")
        self.popen = subprocess.Popen(
            args, env=environment, cwd=cwd, stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True
        )

    @property
    def pid(self):
        return self.popen.pid

    def running(self):
        return self.popen.poll() is None

    def output(self):
        return self.log_path.read_text(errors="replace")

    def stop(self, timeout=10):
        if self.running():
            try:
                os.killpg(self.popen.pid, signal.SIGTERM)
                self.popen.wait(timeout)
            except subprocess.TimeoutExpired:
                os.killpg(self.popen.pid, signal.SIGKILL)
                self.popen.wait(timeout)
            except ProcessLookupError:
                pass
        self._log.close()


def children_of(pid):
    """Process ids whose parent is `pid` (gunicorn's workers of a master)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            # Fields after the command name, which is in parentheses and may hold spaces.
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry.name))
    return found


def _postgres_bindir():
    candidates = [os.environ.get("PG_BINDIR", ""), "/usr/lib/postgresql/15/bin"]
    if shutil.which("pg_config"):
        candidates.append(subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True).stdout.strip())
    for candidate in candidates:
        if candidate and (Path(candidate) / "initdb").exists():
            return Path(candidate)
    raise RuntimeError("PostgreSQL server binaries not found (apt-get install postgresql-15)")


class PostgresCluster:
    """A PostgreSQL cluster of its own in a temporary folder, on a free loopback port.

    As root the server runs as the unprivileged `postgres` user, as scripts/db.sh does.
    """

    def __init__(self, root):
        self.bindir = _postgres_bindir()
        self.root = Path(root)
        self.data = self.root / "data"
        self.port = free_port()
        self.owner = "postgres" if os.geteuid() == 0 else None
        self.root.mkdir(parents=True, exist_ok=True)
        self.root.chmod(0o755)
        if self.owner:
            shutil.chown(self.root, self.owner)

    def _as_owner(self, *args, timeout=60):
        command = [str(self.bindir / args[0]), *args[1:]]
        if self.owner:
            command = ["runuser", "-u", self.owner, "--", *command]
        return subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=True)

    def initdb(self):
        self._as_owner(
            "initdb",
            *("-D", str(self.data), "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8"),
            "--no-sync",
        )
        return self

    def copy_of(self, other):
        """This cluster's data folder becomes a copy of a stopped cluster's."""
        shutil.copytree(other.data, self.data, symlinks=True)
        if self.owner:
            subprocess.run(["chown", "-R", self.owner, str(self.data)], check=True)
        return self

    def start(self):
        options = f"-p {self.port} -k {self.root} -c listen_addresses={HOST} -c fsync=off -c full_page_writes=off"
        log = str(self.root / "server.log")
        self._as_owner("pg_ctl", "-D", str(self.data), "-l", log, "-w", "-t", "60", "-o", options, "start")
        return self

    def stop(self, mode="fast"):
        if (self.data / "postmaster.pid").exists():
            self._as_owner("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "-t", "60", "stop")

    def sql(self, statement, dbname="postgres"):
        psql = [str(self.bindir / "psql"), "-h", HOST, "-p", str(self.port), "-U", "postgres", "-d", dbname]
        done = subprocess.run([*psql, "-Atqc", statement], capture_output=True, text=True, timeout=30, check=True)
        return done.stdout.strip()

    def url(self, dbname="portal"):
        return f"postgres://postgres@{HOST}:{self.port}/{dbname}"

    def streaming_replica(self, root):
        """A hot standby made from this running cluster with pg_basebackup -R, not yet started."""
        replica = PostgresCluster(root)
        source = ("-h", HOST, "-p", str(self.port), "-U", "postgres")
        copy = ("-D", str(replica.data), "-R", "-X", "stream", "--checkpoint=fast", "--no-sync")
        self._as_owner("pg_basebackup", *source, *copy)
        return replica


class RedisServer:
    """A private, in-memory redis-server that a test may stop, pause and start again on the same port."""

    def __init__(self, folder):
        self.folder = Path(folder)
        self.port = free_port()
        self.url = f"redis://{HOST}:{self.port}/0"
        self.process = None
        self.starts = 0

    def start(self):
        self.starts += 1
        self.process = Process(
            ["redis-server", "--port", str(self.port), "--bind", HOST, "--save", "", "--appendonly", "no"]
            + ["--dir", str(self.folder)],
            log_path=self.folder / f"redis-{self.starts}.log",
        )
        wait_until(lambda: port_open(self.port), timeout=20, what="redis-server listening")
        return self

    def pause(self):
        """The server stops answering but keeps its connections and its data, like a host that hangs."""
        os.killpg(self.process.pid, signal.SIGSTOP)

    def resume(self):
        os.killpg(self.process.pid, signal.SIGCONT)

    def stop(self):
        if self.process is not None and self.process.running():
            self.resume()
            self.process.stop()

    def client(self):
        import redis

        return redis.Redis.from_url(self.url)


def temporary_folder(prefix):
    return Path(tempfile.mkdtemp(prefix=f"portal-deploy-test-{prefix}-"))


class AppServer:
    """The portal under gunicorn (deploy/gunicorn.conf.py) on a free loopback port, DEBUG off."""

    def __init__(self, *, database_url, static_root, log_path, workers=1, **environment):
        self.port = free_port()
        self.worker_count = int(workers)
        self.environment = production_env(
            DATABASE_URL=database_url,
            STATIC_ROOT=static_root,
            BIND=f"{HOST}:{self.port}",
            WEB_CONCURRENCY=workers,
            **environment,
        )
        self.process = Process(
            [str(BIN / "gunicorn"), "--config", "deploy/gunicorn.conf.py", "hospital_portal.wsgi"],
            log_path=log_path,
            environment=self.environment,
        )
        try:
            wait_until(self._answers, timeout=60, what="gunicorn answering")
        except TimeoutError as error:
            self.stop()
            raise TimeoutError(f"{error}; its output:\n{self.process.output()[-3000:]}") from error
        except BaseException:
            self.stop()
            raise

    def _answers(self):
        if not self.process.running():
            raise RuntimeError(f"gunicorn exited:\n{self.process.output()}")
        try:
            # Every worker forked (the first may answer while gunicorn still forks the others).
            return (
                port_open(self.port)
                and Browser(self.port).get("/healthz").status in (200, 503)
                and len(self.workers()) >= self.worker_count
            )
        except TimeoutError:  # workers still starting on a busy machine: ask again
            return False

    def workers(self):
        return children_of(self.process.pid)

    def stop(self):
        self.process.stop()


class Response:
    def __init__(self, status, headers, body, seconds):
        self.status = status
        self.headers = headers
        self.body = body
        self.seconds = seconds

    @classmethod
    def read(cls, answer, started):
        """The Response of an http.client answer whose status line is read, timed from `started`."""
        content = answer.read().decode("utf-8", errors="replace")
        headers = {name.lower(): value for name, value in answer.getheaders()}
        return cls(answer.status, headers, content, time.monotonic() - started)

    def header(self, name):
        return self.headers.get(name.lower())


class Browser:
    """An HTTP client behind an imagined TLS proxy (X-Forwarded-Proto: https) that keeps its cookies."""

    def __init__(self, port):
        self.port = port
        self.cookies = {}

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path, form, **kwargs):
        return self.request("POST", path, form=form, **kwargs)

    def request(self, method, path, *, form=None, headers=None, timeout=15):
        sent = {"Host": HOST, "X-Forwarded-Proto": "https", **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form).encode()
            sent["Content-Type"] = "application/x-www-form-urlencoded"
            # Django checks the origin of a form sent over HTTPS.
            sent["Origin"] = f"https://{HOST}"
            sent["Referer"] = f"https://{HOST}{path}"
        connection = http.client.HTTPConnection(HOST, self.port, timeout=timeout)
        started = time.monotonic()
        try:
            connection.request(method, path, body=body, headers=sent)
            answer = connection.getresponse()
            response = Response.read(answer, started)
        finally:
            connection.close()
        self._keep_cookies(answer)
        return response

    def get_from_every_worker(self, path, workers):
        """One answer to GET `path` from each of gunicorn's `workers` sync workers.

        Which worker takes a request is the kernel's choice, and a client asking again and again
        may meet the same one every time. Here all requests but one are sent only in part: each
        keeps the worker that took it waiting for its end, so the whole one goes to the worker left,
        and the others are then finished one by one. No cookies are sent.
        """
        first_line = f"GET {path} HTTP/1.1\r\nHost: {HOST}\r\n".encode()
        held = []
        try:
            for _ in range(workers - 1):
                held.append(socket.create_connection((HOST, self.port), timeout=15))
                held[-1].sendall(first_line)
            answers = [Browser(self.port).get(path)]
            for sock in held:
                started = time.monotonic()
                sock.sendall(b"X-Forwarded-Proto: https\r\nConnection: close\r\n\r\n")
                answer = http.client.HTTPResponse(sock)
                answer.begin()
                answers.append(Response.read(answer, started))
        finally:
            for sock in held:
                sock.close()
        return answers

    def _keep_cookies(self, answer):
        for line in answer.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(line).items():
                if morsel.value and morsel["max-age"] != "0":
                    self.cookies[name] = morsel.value
                else:
                    self.cookies.pop(name, None)

    def csrf_token(self, path):
        page = self.get(path)
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.body)
        assert match, f"no form on {path} ({page.status})"
        return match.group(1)

    def save_in_admin(self, path, model_name, **changes):
        """Posts the admin form at `path` (an add or change page) back as a browser would, with `changes`."""
        from tests.helpers import _FormReader

        reader = _FormReader(f"{model_name}_form")
        reader.feed(self.get(path).body)
        form = [(name, value) for name, value in reader.fields if name not in changes]
        form += list(changes.items())
        answer = self.post(path, form)
        assert answer.status == 302, answer.body[:3000]
        return answer

    def log_in_to_admin(self, username, password):
        token = self.csrf_token("/admin/login/")
        answer = self.post(
            "/admin/login/?next=/admin/",
            {"username": username, "password": password, "csrfmiddlewaretoken": token, "next": "/admin/"},
        )
        assert answer.status == 302, answer.body[:2000]
        return answer
