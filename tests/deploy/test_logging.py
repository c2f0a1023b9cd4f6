"""One JSON line per request on stdout, with no secrets in it; errors to Sentry without personal data."""

import gzip
import json
import re
import subprocess
import threading
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import brotli

from .conftest import ADMIN_USERNAME
from .processes import BASE_DIR, HOST, PYTHON, Browser, production_env, wait_until


def request_lines(output):
    lines = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
    return [line for line in lines if line["logger"] == "portal.request" and line["path"] != "/healthz"]


def test_every_request_is_one_json_line_on_stdout_without_secrets(shared_cluster, app_server, admin_password):
    server = app_server(shared_cluster.url())
    browser = Browser(server.port)

    tagged = browser.get("/campuses/", headers={"X-Request-ID": "proxy-7f3a9c"})
    browser.get("/no-such-page/", headers={"X-Request-ID": '<script>"forged": ' + "x" * 300})
    browser.log_in_to_admin(ADMIN_USERNAME, admin_password)
    browser.get("/admin/")

    wait_until(lambda: len(request_lines(server.process.output())) >= 5, timeout=10, what="five request lines")
    lines = request_lines(server.process.output())
    assert [(line["method"], line["path"], line["status"]) for line in lines] == [
        ("GET", "/campuses/", 200),
        ("GET", "/no-such-page/", 404),
        ("GET", "/admin/login/", 200),
        ("POST", "/admin/login/", 302),
        ("GET", "/admin/", 200),
    ]
    assert lines[0]["request_id"] == "proxy-7f3a9c" == tagged.header("X-Request-ID")
    assert re.fullmatch(r"[0-9a-f]{32}", lines[1]["request_id"])  # an unacceptable id is replaced
    assert all(isinstance(line["duration_ms"], float) and line["duration_ms"] >= 0 for line in lines)
    assert {line["pid"] for line in lines} <= server.workers()
    admin_id = int(shared_cluster.sql(f"SELECT id FROM auth_user WHERE username = '{ADMIN_USERNAME}'", "portal"))
    assert [line["user_id"] for line in lines] == [None, None, None, admin_id, admin_id]

    output = server.process.output()
    assert admin_password not in output
    for name, value in browser.cookies.items():
        assert value not in output, f"the {name} cookie is in the log"
    assert "Cookie" not in output and "csrfmiddlewaretoken" not in output


def test_each_line_names_the_worker_that_wrote_it(shared_cluster, app_server):
    server = app_server(shared_cluster.url(), workers=2)
    workers = server.workers()

    answers = Browser(server.port).get_from_every_worker("/campuses/", len(workers))

    assert [answer.status for answer in answers] == [200, 200]
    wait_until(lambda: len(request_lines(server.process.output())) >= 2, timeout=10, what="two request lines")
    assert {line["pid"] for line in request_lines(server.process.output())} == workers


class _FakeSentry(BaseHTTPRequestHandler):
    received = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        encoding = self.headers.get("Content-Encoding", "")
        if encoding == "gzip":
            body = gzip.decompress(body)
        elif encoding == "br":
            body = brotli.decompress(body)
        elif encoding == "deflate":
            body = zlib.decompress(body)
        self.received.append(body.decode("utf-8", errors="replace"))
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args):
        pass


FAILING_REQUEST = """
import django
from django.conf import settings
django.setup()
settings.ROOT_URLCONF = "tests.deploy.failing_urls"
from django.test import Client
import sentry_sdk
answer = Client(raise_request_exception=False).get(
    "/failing/", secure=True, headers={"Cookie": "sessionid=secret-session-value", "X-Request-ID": "probe-42"}
)
sentry_sdk.flush(10)
print("STATUS", answer.status_code)
print("PAGE", answer.content.decode().replace("\\n", " "))
"""


def test_errors_go_to_sentry_with_the_request_id_and_without_cookies(shared_cluster, collected_static):
    _FakeSentry.received = []
    sentry = ThreadingHTTPServer((HOST, 0), _FakeSentry)
    threading.Thread(target=sentry.serve_forever, daemon=True).start()
    try:
        environment = production_env(
            DATABASE_URL=shared_cluster.url(),
            STATIC_ROOT=collected_static,
            SENTRY_DSN=f"http://public@{HOST}:{sentry.server_address[1]}/1",
        )
        done = subprocess.run(
            [PYTHON, "-c", FAILING_REQUEST], env=environment, cwd=BASE_DIR, capture_output=True, text=True, timeout=60
        )
    finally:
        sentry.shutdown()
        sentry.server_close()

    assert done.returncode == 0, done.stderr
    assert "STATUS 500" in done.stdout.splitlines()
    assert "抱歉，网站暂时出现故障" in done.stdout  # the visitor still gets the Chinese 500 page
    error_lines = [json.loads(line) for line in done.stdout.splitlines() if line.startswith('{"')]
    assert any(line["request_id"] == "probe-42" and "RuntimeError" in line.get("exception", "") for line in error_lines)
    assert "secret-session-value" not in done.stdout
    events = [body for body in _FakeSentry.received if "RuntimeError" in body]
    assert events, _FakeSentry.received
    assert "a failing page for the Sentry test" in events[0]
    assert "probe-42" in events[0]
    assert "secret-session-value" not in "".join(_FakeSentry.received)
    assert '"cookies"' not in events[0]
