#!/usr/bin/env python3
"""`make soak`: a bounded soak of the production server on the synthetic data set, then edits under load.

Phase 1: 64 connections for 60 s (SOAK_SECONDS, SOAK_CONNECTIONS) over a mix of public pages and
searches, through gunicorn (deploy/gunicorn.conf.py) with DEBUG off and the page cache on, as in
production. Passes when no response is a 5xx and no worker grew in memory by more than 10%.

Phase 2, edits under load: two app servers (two gunicorn masters, the shipped config each) share a
real redis-server. The same connections read pages from both for SOAK_SECONDS without edits, then
for SOAK_SECONDS while an editor, logged into the admin over HTTP, saves a campus with a new marker
value (shown in every page's footer) every 5 s. Printed: errors, the share of answers served from
the page cache (X-Cache), p99 without and with edits, and stale reads: a read that began at least
1 s after a save's answer and does not show that save's value (or a later one). SOAK_DUMP=file.json
keeps phase 2's requests (began, ended, status, X-Cache, marker seen, path) and saves for a closer look.
"""

import asyncio
import gzip
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from html.parser import HTMLParser
from http.client import HTTPConnection
from http.cookies import SimpleCookie
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench  # noqa: E402
import serving  # noqa: E402

SECONDS = int(os.environ.get("SOAK_SECONDS", "60"))
CONNECTIONS = int(os.environ.get("SOAK_CONNECTIONS", "64"))
EDIT_EVERY = 5
STALE_AFTER = 1.0
SEARCHES = ["胸痛", "神经外科", "医院", "腹腔镜", "lyz", "专家门诊", "糖尿病", "中心"]
HOST = "127.0.0.1"
REQUEST = "GET {path} HTTP/1.1\r\nHost: {host}\r\nAccept-Encoding: gzip\r\nConnection: close\r\n\r\n"

# Each connection walks the list of paths in turn. wrk counts every answer that is not 2xx/3xx.
SOAK_SCRIPT = """
paths = %s
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('SOAK {"requests": %%d, "duration_us": %%d, "socket_errors": %%d, "non_2xx_3xx": %%d, '
    .. '"p50": %%d, "p99": %%d}\\n', summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout,
    e.status, latency:percentile(50), latency:percentile(99)))
end
"""

# The editor account and the campus it edits, made (or reset) in the benchmark database.
EDITOR_SETUP = """
import json
from django.contrib.auth.models import Group, User
from apps.core.models import Campus
editor, _ = User.objects.get_or_create(username="soak-editor", defaults={"is_staff": True})
editor.is_staff = True
editor.set_password(PASSWORD)
editor.save()
editor.groups.add(Group.objects.get(name="内容管理员"))
campus = Campus.objects.order_by("display_order", "id").first()
print("SOAK " + json.dumps({"campus": campus.pk, "phone": campus.phone}))
"""


def wrk_phase(env, pages):
    script = Path(env["STATIC_ROOT"]) / "soak.lua"
    script.write_text(SOAK_SCRIPT % ("{" + ", ".join(json.dumps(p) for p in pages) + "}"))
    server = bench.Server(env)
    try:
        for path in pages:
            bench.fetch_size(server.url + path, compressed=True)
        before = server.worker_rss_kb()
        boots = server.worker_boots()
        out = subprocess.run(
            ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--timeout", "10s", "-s", str(script), server.url],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        after = server.worker_rss_kb()
        restarts = server.worker_boots() - boots
    finally:
        server.stop()
    result = json.loads(out.split("SOAK ", 1)[1].splitlines()[0])
    rps = result["requests"] / (result["duration_us"] / 1e6)
    growth = max((after[pid] - before[pid]) / before[pid] for pid in before if pid in after)
    # wrk counts every non-2xx/3xx answer; the pages and searches in the mix all answer 200 when healthy.
    failures = result["non_2xx_3xx"]
    print(f"soak: {CONNECTIONS} connections for {SECONDS} s over {len(pages)} paths, one server")
    print(
        f"  requests {result['requests']} ({rps:.0f}/s), p50 {result['p50'] / 1000:.1f} ms, "
        f"p99 {result['p99'] / 1000:.1f} ms"
    )
    print(f"  non-2xx/3xx answers {failures}, socket errors and time-outs {result['socket_errors']}")
    print(
        f"  worker memory before {sum(before.values()) // 1024} MiB, after {sum(after.values()) // 1024} MiB; "
        f"largest growth of one worker {growth:.1%}; worker restarts {restarts}"
    )
    return failures == 0 and growth < 0.10


class FormFields(HTMLParser):
    """The values a browser would send for the admin's change form: inputs, checked boxes, selects, textareas."""

    def __init__(self):
        super().__init__()
        self.fields, self._in_form, self._select, self._textarea, self._first_option = {}, False, None, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("method", "").lower() == "post" and (attrs.get("id") or "").endswith("_form"):
            self._in_form = True
        if not self._in_form or not attrs.get("name") and tag != "option":
            return
        if tag == "input":
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "file", "image", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.fields[attrs["name"]] = attrs.get("value", "on" if kind == "checkbox" else "")
        elif tag == "textarea":
            self._textarea = attrs["name"]
            self.fields[self._textarea] = ""
        elif tag == "select":
            self._select, self._first_option = attrs["name"], None
        elif tag == "option" and self._select:
            if self._first_option is None:
                self._first_option = attrs.get("value", "")
            if "selected" in attrs:
                self.fields[self._select] = attrs.get("value", "")

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_form = False
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select" and self._select:
            self.fields.setdefault(self._select, self._first_option or "")
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea] += data


class Editor:
    """An editor using the admin over HTTP with a session cookie, as a browser would, on alternate servers."""

    def __init__(self, ports):
        self.ports, self.cookies, self.turn = ports, {}, 0

    def request(self, method, path, form=None):
        self.turn += 1
        connection = HTTPConnection(HOST, self.ports[self.turn % len(self.ports)], timeout=30)
        headers = {"Host": HOST, "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=body, headers=headers)
            answer = connection.getresponse()
            text = answer.read().decode("utf-8", "replace")
        finally:
            connection.close()
        for line in answer.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(line).items():
                self.cookies[name] = morsel.value
        return answer.status, text

    def form(self, path):
        status, page = self.request("GET", path)
        if status != 200:
            raise RuntimeError(f"GET {path}: {status}")
        parser = FormFields()
        parser.feed(page)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        return {**parser.fields, "csrfmiddlewaretoken": token}

    def log_in(self, username, password):
        _, page = self.request("GET", "/admin/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        form = {"username": username, "password": password, "csrfmiddlewaretoken": token, "next": "/admin/"}
        status, _ = self.request("POST", "/admin/login/?next=/admin/", form)
        if status != 302:
            raise RuntimeError(f"admin login refused: {status}")

    def save(self, path, changes):
        form = {**self.form(path), **changes, "_save": "保存"}
        status, page = self.request("POST", path, form)
        if status != 302:
            errors = re.findall(r'class="errorlist[^"]*"[^>]*>(.*?)</ul>', page, re.S)
            raise RuntimeError(f"save refused ({status}): {errors[:3]}")


def edit_every_few_seconds(editor, path, marker, stop, saves, failures):
    """Saves the campus's phone as marker(n) every EDIT_EVERY s; records (time the save was answered, n)."""
    n = 0
    next_edit = time.monotonic()
    while not stop.wait(max(0, next_edit - time.monotonic())):
        n += 1
        try:
            editor.save(path, {"phone": marker(n)})
            saves.append((time.monotonic(), n))
        except (OSError, RuntimeError) as error:
            failures.append(str(error))
        next_edit += EDIT_EVERY


async def read_pages(ports, paths, seconds, marker_pattern):
    """CONNECTIONS readers, each asking its server for the pages in turn; one record per request."""
    records = []
    deadline = time.monotonic() + seconds

    async def reader(index):
        port, turn = ports[index % len(ports)], index
        while time.monotonic() < deadline:
            path = paths[turn % len(paths)]
            turn += 1
            started = time.monotonic()
            try:
                reader_, writer = await asyncio.wait_for(asyncio.open_connection(HOST, port), 10)
                writer.write(REQUEST.format(path=path, host=HOST).encode())
                raw = await asyncio.wait_for(reader_.read(), 10)
                writer.close()
                head, body = raw.split(b"\r\n\r\n", 1)
                lines = head.decode("latin-1").split("\r\n")
                status = int(lines[0].split()[1])
                headers = {k.strip().lower(): v.strip() for k, v in (line.split(":", 1) for line in lines[1:])}
                if headers.get("content-encoding") == "gzip":
                    body = gzip.decompress(body)
                found = [int(n) for n in marker_pattern.findall(body.decode("utf-8", "replace"))]
                records.append((started, time.monotonic(), status, headers.get("x-cache"), max(found, default=0), path))
            except (OSError, TimeoutError, ValueError, IndexError):
                records.append((started, time.monotonic(), None, None, 0, path))

    await asyncio.gather(*(reader(i) for i in range(CONNECTIONS)))
    return records


def p99(records):
    times = sorted(ended - started for started, ended, *_ in records)
    return times[int(len(times) * 0.99)] if times else 0


def stale_reads(records, saves):
    """Reads that began STALE_AFTER s or more after a save was answered and show an older value.

    Returns their count, how many of them came from the page cache, and the longest time between a
    save's answer and a read that began after it and still missed it.
    """
    stale, from_cache, longest = 0, 0, 0.0
    answered_at = {n: answered for answered, n in saves}
    for started, _, status, x_cache, seen, _path in records:
        if status != 200:
            continue
        due = [n for answered, n in saves if answered + STALE_AFTER <= started]
        if due and seen < max(due):
            stale += 1
            from_cache += x_cache == "hit"
            longest = max(longest, started - answered_at[seen + 1] if seen + 1 in answered_at else 0)
    return stale, from_cache, longest


def start_redis(workdir):
    port = serving.free_port()
    process = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", HOST, "--save", "", "--appendonly", "no", "--dir", workdir],
        stdout=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 20
    while subprocess.run(["redis-cli", "-p", str(port), "ping"], capture_output=True).stdout.strip() != b"PONG":
        if time.monotonic() > deadline:
            process.terminate()
            raise RuntimeError("redis-server did not start")
        time.sleep(0.1)
    return process, port


def edits_phase(env, pages, workdir):
    """Two app servers sharing Redis, read for SECONDS without edits and SECONDS with an edit every EDIT_EVERY s."""
    redis, redis_port = start_redis(str(workdir))
    env = dict(env, REDIS_URL=f"redis://{HOST}:{redis_port}/0")
    password = secrets.token_urlsafe(18)
    setup = subprocess.run(
        [serving.PYTHON, "manage.py", "shell", "-c", EDITOR_SETUP.replace("PASSWORD", repr(password))],
        cwd=serving.ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    campus = json.loads(setup.split("SOAK ", 1)[1].splitlines()[0])
    # The marker is a phone number the campus form accepts: 0734-, this run's four digits, the save's four.
    run = 1000 + secrets.randbelow(9000)
    marker_pattern = re.compile(rf"0734-{run}(\d{{4}})")
    path = f"/admin/core/campus/{campus['campus']}/change/"
    servers = []
    try:
        servers = [bench.Server(env, log_dir=workdir), bench.Server(env, log_dir=workdir)]
        ports = [server.port for server in servers]
        boots = [server.worker_boots() for server in servers]
        for server in servers:
            for page in pages:
                bench.fetch_size(server.url + page, compressed=True)
        quiet = asyncio.run(read_pages(ports, pages, SECONDS, marker_pattern))

        editor = Editor(ports)
        editor.log_in("soak-editor", password)
        saves, failures, stop = [], [], threading.Event()
        thread = threading.Thread(
            target=edit_every_few_seconds,
            args=(editor, path, lambda n: f"0734-{run}{n:04d}", stop, saves, failures),
        )
        thread.start()
        try:
            busy = asyncio.run(read_pages(ports, pages, SECONDS, marker_pattern))
        finally:
            stop.set()
            thread.join()
        editor.save(path, {"phone": campus["phone"]})  # the campus as it was
        restarts = sum(server.worker_boots() for server in servers) - sum(boots)
        troubles = [line for server in servers for line in server.worker_troubles()]
    finally:
        for server in servers:
            server.stop()
        redis.terminate()
        redis.wait(timeout=10)

    if os.environ.get("SOAK_DUMP"):
        Path(os.environ["SOAK_DUMP"]).write_text(json.dumps({"quiet": quiet, "busy": busy, "saves": saves}))
    answered = [r for r in quiet + busy if r[2] is not None]
    errors = sum(1 for r in quiet + busy if r[2] != 200)
    marked = [r for r in busy if r[3] in ("hit", "stale", "miss")]
    hits = sum(1 for r in marked if r[3] != "miss")
    stood_in = sum(1 for r in marked if r[3] == "stale")
    share = hits / len(marked) if marked else 0
    stale, stale_hits, stale_longest = stale_reads(busy, saves)
    quiet_p99, busy_p99 = p99(quiet), p99(busy)
    print(
        f"edits under load: {CONNECTIONS} connections over {len(pages)} paths on two servers sharing Redis, "
        f"{SECONDS} s without edits, then {SECONDS} s with a campus saved in the admin every {EDIT_EVERY} s"
    )
    print(
        f"  requests {len(quiet)} without edits ({len(quiet) / SECONDS:.0f}/s), "
        f"{len(busy)} with ({len(busy) / SECONDS:.0f}/s)"
    )
    print(f"  errors {errors} (target 0) of {len(answered)} answers; saves {len(saves)}, refused {len(failures)}")
    for failure in failures[:3]:
        print(f"    {failure}")
    if marked:
        print(
            f"  served from the page cache during edits: {share:.1%} (target ≥ 95 %; X-Cache header), "
            f"{stood_in} of them the page as it was while the edited one was rendered"
        )
    else:
        print("  served from the page cache: unknown (no X-Cache header)")
    print(
        f"  p99 without edits {quiet_p99 * 1000:.0f} ms, with edits {busy_p99 * 1000:.0f} ms: "
        f"{busy_p99 / max(quiet_p99, 1e-9):.2f} × (target ≤ 3 ×)"
    )
    print(f"  stale reads {stale} (target 0): reads begun ≥ {STALE_AFTER:.0f} s after a save that show an older value")
    if stale:
        print(
            f"    of them served from the page cache {stale_hits}; the latest began {stale_longest:.1f} s after "
            "the save it did not show"
        )
    print(f"  worker restarts {restarts}")
    for line in troubles[:6]:
        print(f"    {line}")
    return errors == 0 and not failures and stale == 0 and share >= 0.95 and busy_p99 <= 3 * quiet_p99


def main():
    database_url = bench.bench_database_url()
    workdir = Path(tempfile.mkdtemp(prefix="portal-soak-"))
    env = bench.server_env(database_url, True, workdir)
    bench.prepare(env)
    pages = [path for _, path in bench.page_paths(env)]
    searches = [f"/search/?q={urllib.parse.quote(q)}" for q in SEARCHES]
    try:
        steady = wrk_phase(env, pages + searches)
        # Search results are never stored (a crawler's queries must not fill Redis): the cache share is
        # measured over the pages the cache serves; searches are in the steady phase above.
        edits = edits_phase(env, [path for path in pages if not path.startswith("/search/?")], workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print("soak passed" if steady and edits else "soak FAILED")
    sys.exit(0 if steady and edits else 1)


if __name__ == "__main__":
    main()
