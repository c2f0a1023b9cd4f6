#!/usr/bin/env python3
"""`make bench`: every public page type under load, as ratios to baselines measured in the same run.

Loads scale-1 synthetic data into a separate benchmark database, serves the site with gunicorn as in
production (DEBUG off, sync workers), drives it with wrk over loopback at 16 and 64 connections,
and prints requests/s, p50 and p99 per page type, cached and uncached, each against its baseline:
(a) a prebuilt response of the same size as sent (the ceiling of this stack) for cached pages,
(b) a template making as much HTML from in-memory data (the cost of templating) for uncached pages,
each measured at the size of the page it stands for, just before it;
plus search p95 against a department page's p95, worker memory before and after, and errors.

gunicorn runs with the shipped deploy/gunicorn.conf.py. Three more readings: each cached page
against whitenoise serving the very bytes the page sends as a static file from the same gunicorn;
the home page with a fresh unread parameter on every request (/?utm_source=…), against the
prebuilt ceiling; and how long a new worker takes from its start to its first answer and its first
search, with the application loaded in the master (preload) and in each worker, for comparison.
The number of workers gunicorn started during each run is printed (0 restarts expected).
"""

import gzip
import json
import math
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import serving  # noqa: E402
from serving import PYTHON, ROOT, free_port, log, manage  # noqa: E402, F401  (soak and screenshots use them)

SECONDS = int(os.environ.get("BENCH_SECONDS", "8"))
CONCURRENCY = [int(c) for c in os.environ.get("BENCH_CONCURRENCY", "16,64").split(",")]
SCALE = os.environ.get("BENCH_SCALE", "1")
# Workers: the shipped config's default (2 × cores + 1) unless BENCH_WORKERS says otherwise.
WORKERS = int(os.environ.get("BENCH_WORKERS") or 0) or None
JUNK_PAGE = ("home-junk-parameter", "/")
STATIC_PAGES = "bench-pages"

WRK_REPORT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('BENCH {"requests": %d, "duration_us": %d, "errors": %d, "status_errors": %d, '
    .. '"p50": %d, "p95": %d, "p99": %d}\\n', summary.requests, summary.duration,
    e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
"""

# Each request carries a parameter no page reads, new every time: what WeChat and marketing links add.
JUNK_PARAMETER_SCRIPT = (
    """
local counter = 0
local threads = 0
setup = function(thread)
  threads = threads + 1
  thread:set("tid", threads)
end
request = function()
  counter = counter + 1
  return wrk.format(nil, wrk.path .. "?utm_source=bench" .. tid .. "x" .. counter)
end
"""
    + WRK_REPORT
)


def bench_database_url():
    return os.environ.get("BENCH_DATABASE_URL") or serving.database_url("hospital_portal_bench")


def server_env(database_url, page_cache, static_root):
    return serving.production_env(
        database_url, static_root, BENCHMARK="true", PAGE_CACHE="true" if page_cache else "false"
    )


def prepare(env):
    log(f"准备基准数据库：迁移、载入医院内容、生成规模 {SCALE} 的合成数据……")
    manage(env, "migrate", "--no-input", "-v0")
    manage(env, "load_hospital_content", "-v0")
    has_data = (
        subprocess.run(
            [
                PYTHON,
                "manage.py",
                "shell",
                "-c",
                "from benchmarks.models import SyntheticRecord; print(SyntheticRecord.objects.count())",
            ],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    if int(has_data) == 0:
        started = time.monotonic()
        manage(env, "generate_synthetic_data", "--scale", SCALE)
        log(f"合成数据生成用时 {time.monotonic() - started:.0f} 秒")
    manage(env, "collectstatic", "--no-input", "-v0")


BENCH_PAGES = {
    "home",
    "about",
    "department-list",
    "department",
    "expert-list",
    "expert-list-filtered",
    "expert",
    "equipment-list",
    "equipment",
    "news-list",
    "news-article",
    "search",
}


def page_paths(env, wanted=BENCH_PAGES):
    """(page type, quoted path) of the public pages this database can show; all of them when wanted is None."""
    code = (
        "import json; from tests.public_pages import html_pages; "
        "print('PAGES ' + json.dumps(html_pages(required=False)))"
    )
    out = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", code], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout
    pages = json.loads(out.split("PAGES ", 1)[1])
    if wanted is not None:
        pages = [(name, path) for name, path in pages if name in wanted]
        pages.append(("search-common-word", "/search/?q=医院"))
        # BENCH_PAGES=home,department: a shorter run while working on one page type.
        only = set(filter(None, os.environ.get("BENCH_PAGES", "").split(",")))
        pages = [(name, path) for name, path in pages if not only or name in only]
    return [(name, urllib.parse.quote(path, safe="/?=&")) for name, path in pages]


class Server(serving.Server):
    def __init__(self, env, workers=None, log_dir=None):
        super().__init__(env, workers=workers or WORKERS, log_dir=log_dir)


def fetch_size(url, compressed):
    """Bytes of the page as sent with gzip (compressed) or of its HTML (not compressed)."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip" if compressed else "identity"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return len(response.read())


def size_class(size):
    """The nearest of 4 KB, 5.7 KB, 8 KB, 11 KB, 16 KB…: pages within about 20% share one baseline run."""
    return round(2 ** (round(2 * math.log2(max(size, 1024) / 1024)) / 2) * 1024)


def wrk(url, connections, script):
    threads = min(2, connections)
    subprocess.run(["wrk", "-t1", "-c4", "-d1s", url], capture_output=True)  # warm up
    out = subprocess.run(
        [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{SECONDS}s",
            "--timeout",
            "10s",
            "-s",
            script,
            "-H",
            "Accept-Encoding: gzip",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    data = json.loads(out.split("BENCH ", 1)[1].splitlines()[0])
    data["rps"] = data["requests"] / (data["duration_us"] / 1e6)
    return data


def fetch(url, compressed):
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip" if compressed else "identity"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.read()


def write_static_copies(server, pages, static_root):
    """Each page's HTML and the gzip bytes it sends, as static files whitenoise will serve (name.html and .gz)."""
    folder = Path(static_root) / STATIC_PAGES
    folder.mkdir(parents=True, exist_ok=True)
    for name, path in pages:
        compressed = fetch(server.url + path, compressed=True)
        html = gzip.decompress(compressed)
        (folder / f"{name}.html").write_bytes(html)
        (folder / f"{name}.html.gz").write_bytes(compressed)


def proc_kb(pid, field, name="smaps_rollup"):
    return int(re.search(rf"^{field}:\s+(\d+) kB", Path(f"/proc/{pid}/{name}").read_text(), re.M).group(1))


def timed_get(url):
    started = time.monotonic()
    with urllib.request.urlopen(url, timeout=60) as response:
        response.read()
        assert response.status == 200, url
    return time.monotonic() - started


def worker_start(database_url, static_root, preload, rounds=3):
    """Seconds from a worker's end to its replacement's first answer, its first search, and its memory.

    One worker, page cache off (the search must run): the worker is stopped as max_requests would,
    and the next request waits in the listen queue for the worker gunicorn forks in its place.
    """
    env = dict(server_env(database_url, False, static_root), GUNICORN_PRELOAD="true" if preload else "false")
    server = Server(env, workers=1)
    readings = []
    try:
        timed_get(server.url + "/search/?q=" + urllib.parse.quote("神经外科"))
        for round_ in range(rounds):
            (old,) = server.worker_pids()
            os.kill(int(old), signal.SIGTERM)
            while Path(f"/proc/{old}").exists() and "Z" not in Path(f"/proc/{old}/stat").read_text().split()[2]:
                time.sleep(0.005)
            ended = time.monotonic()
            timed_get(server.url + "/healthz")
            first_answer = time.monotonic() - ended
            first_search = timed_get(server.url + "/search/?q=" + urllib.parse.quote(f"胸痛{round_}"))
            warm_search = timed_get(server.url + "/search/?q=" + urllib.parse.quote(f"腹腔镜{round_}"))
            (new,) = server.worker_pids()
            private = proc_kb(new, "Private_Clean") + proc_kb(new, "Private_Dirty")
            readings.append((first_answer, first_search, warm_search, proc_kb(new, "Rss"), private))
    finally:
        server.stop()
    return [statistics.median(column) for column in zip(*readings, strict=True)]


def measure(server, pages, script, baseline_path, compressed, static=False):
    """wrk on every page and on the baseline of the page's own size, at each concurrency.

    The size is what the page sends (compressed) for the prebuilt baseline, its HTML for the template
    baseline: rendering 100 KB costs more than rendering 7 KB, and each page is held to its own.
    Each page's baseline runs just before it, so that a change in the machine's load during the run
    (these machines are shared) touches both sides of a ratio alike. With `static`, whitenoise's
    answer of the page's own bytes (write_static_copies) runs just after it; the page of JUNK_PAGE,
    when listed, is asked with a new unread parameter each time.
    """
    results = {}
    for connections in CONCURRENCY:
        for name, path in pages:
            size = size_class(fetch_size(server.url + path, compressed))
            base = wrk(f"{server.url}{baseline_path}?size={size}", connections, script)
            page_script = str(Path(script).with_name("junk.lua")) if name == JUNK_PAGE[0] else script
            result = dict(wrk(server.url + path, connections, page_script), baseline=size, base=base)
            if static and name != JUNK_PAGE[0]:
                result["static"] = wrk(f"{server.url}/static/{STATIC_PAGES}/{name}.html", connections, script)
            results[(connections, name)] = result
            log(f"  c={connections} {name}: {result['rps']:.0f} req/s")
    return results


def table(title, pages, results, baseline_label):
    lines = [
        f"### {title}",
        "",
        f"| page | conns | req/s | baseline {baseline_label} | ÷ baseline | p50 ms | p99 ms | p99 ÷ baseline's "
        "| errors |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for connections in CONCURRENCY:
        for name, _ in pages:
            r = results[(connections, name)]
            base = r["base"]
            lines.append(
                f"| {name} | {connections} | {r['rps']:.0f} | {r['baseline'] / 1024:.0f} KB: {base['rps']:.0f} req/s | "
                f"{r['rps'] / base['rps']:.2f} | {r['p50'] / 1000:.1f} | {r['p99'] / 1000:.1f} | "
                f"{r['p99'] / max(base['p99'], 1):.2f} | {r['errors'] + r['status_errors']} |"
            )
    return "\n".join(lines)


def static_table(pages, results):
    lines = [
        "### Cached pages against whitenoise serving the same bytes (for information)",
        "",
        "Each page's gzip answer saved as a static file and served by whitenoise from the same gunicorn, "
        "just after the page: the fastest answer this server gives for that many bytes.",
        "",
        "| page | conns | KB sent | req/s | whitenoise req/s | ÷ whitenoise | p99 ms | whitenoise p99 ms |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for connections in CONCURRENCY:
        for name, _ in pages:
            r = results[(connections, name)]
            if "static" not in r:
                continue
            static = r["static"]
            lines.append(
                f"| {name} | {connections} | {r['sent'] / 1024:.1f} | {r['rps']:.0f} | {static['rps']:.0f} | "
                f"{r['rps'] / static['rps']:.2f} | {r['p99'] / 1000:.1f} | {static['p99'] / 1000:.1f} |"
            )
    return "\n".join(lines)


def worker_start_report(database_url, static_root):
    lines = [
        "### Worker start (one worker replaced, page cache off; median of 3)",
        "",
        "| application loaded | first answer s | first search s | a later search s | worker RSS MiB | "
        "of it its own MiB |",
        "|---|---|---|---|---|---|",
    ]
    for preload, label in ((False, "in each worker (before)"), (True, "once in the master: preload (now)")):
        log(f"worker start, {label}")
        answer, search, warm, rss, private = worker_start(database_url, static_root, preload)
        lines.append(
            f"| {label} | {answer:.2f} | {search:.2f} | {warm:.2f} | {rss / 1024:.0f} | {private / 1024:.0f} |"
        )
    return "\n".join(lines)


def main():
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk (make bench installs it as root).")
    database_url = bench_database_url()
    static_root = Path(tempfile.mkdtemp(prefix="portal-bench-static-"))
    script = static_root / "report.lua"
    script.write_text(WRK_REPORT)
    (static_root / "junk.lua").write_text(JUNK_PARAMETER_SCRIPT)
    prepare(server_env(database_url, True, static_root))
    pages = page_paths(server_env(database_url, True, static_root))

    # whitenoise finds its files when gunicorn starts: the pages' bytes are saved by a first server.
    server = Server(server_env(database_url, True, static_root))
    try:
        write_static_copies(server, pages, static_root)
        sent = {name: fetch_size(server.url + path, compressed=True) for name, path in pages}
    finally:
        server.stop()

    report = [
        "# Benchmark",
        "",
        f"Machine: {os.cpu_count()} cores, {os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') // 2**30} GiB; "
        f"gunicorn {server.workers} sync workers with deploy/gunicorn.conf.py, DEBUG off; wrk over loopback, "
        f"{SECONDS} s per run; synthetic data at scale {SCALE}.",
        "",
    ]
    memory, errors, restarts = [], 0, []
    all_results = {}
    for cached in (True, False):
        label = "cached" if cached else "uncached"
        log(f"{label}:")
        server = Server(server_env(database_url, cached, static_root))
        run_pages = [*pages, JUNK_PAGE] if cached else pages
        try:
            # Every worker renders every page once before the first reading, so that memory growth
            # measures what serving costs, not each worker's first render of each template.
            for _, path in pages:
                subprocess.run(["wrk", "-t1", f"-c{server.workers}", "-d1s", server.url + path], capture_output=True)
            before = server.worker_rss_kb()
            boots = server.worker_boots()
            results = measure(
                server,
                run_pages,
                str(script),
                "/bench/prebuilt/" if cached else "/bench/template/",
                compressed=cached,
                static=cached,
            )
            restarts.append(f"- {label}: {server.worker_boots() - boots} worker restarts during the run")
            after = server.worker_rss_kb()
        finally:
            server.stop()
        for (_, name), r in results.items():
            r["sent"] = sent.get(name, 0)
        all_results[label] = results
        errors += sum(
            run["errors"] + run["status_errors"]
            for r in results.values()
            for run in (r, r["base"], *([r["static"]] if "static" in r else []))
        )
        growth = max((after[pid] - before[pid]) / before[pid] for pid in before if pid in after)
        memory.append(
            f"- {label}: worker RSS before {sum(before.values()) // 1024} MiB in all, after "
            f"{sum(after.values()) // 1024} MiB; largest growth of one worker {growth:.1%}"
        )
        baseline_label = "(a) prebuilt" if cached else "(b) template"
        report += [
            table(
                "Cached pages (target: req/s ≥ 0.8 × baseline; home-junk-parameter: / with a new unread "
                "parameter on every request)"
                if cached
                else "Uncached pages (for information: what editors get; visitors get the cached page)",
                run_pages,
                results,
                baseline_label,
            ),
            "",
        ]
        if cached:
            report += [static_table(pages, results), ""]
            for connections in CONCURRENCY:
                ratio = {name: r["rps"] / r["base"]["rps"] for (c, name), r in results.items() if c == connections}
                junk = ratio.pop(JUNK_PAGE[0])
                static = [
                    r["rps"] / r["static"]["rps"] for (c, _), r in results.items() if c == connections and "static" in r
                ]
                report.append(
                    f"- c={connections}: cached pages at {min(ratio.values()):.2f}–{max(ratio.values()):.2f} of the "
                    f"prebuilt ceiling, {min(static):.2f}–{max(static):.2f} of whitenoise (median "
                    f"{statistics.median(static):.2f}); with a new unread parameter each time {junk:.2f}"
                )
            report.append("")

    uncached = all_results["uncached"]
    report += ["### Search (for information)", ""]
    for connections in CONCURRENCY:
        if (connections, "department") not in uncached:
            break
        department = uncached[(connections, "department")]["p95"]
        for name in ("search", "search-common-word"):
            if (connections, name) not in uncached:
                continue
            p95 = uncached[(connections, name)]["p95"]
            report.append(
                f"- c={connections} {name}: p95 {p95 / 1000:.1f} ms = {p95 / max(department, 1):.2f} × "
                f"a department page's p95 ({department / 1000:.1f} ms)"
            )
    report += ["", worker_start_report(database_url, static_root), ""]
    report += [
        "### Memory, worker restarts and errors",
        "",
        *memory,
        *restarts,
        f"- errors (socket and non-2xx/3xx): {errors}",
        "",
    ]
    text = "\n".join(report)
    print(text)
    (ROOT / "var").mkdir(exist_ok=True)
    (ROOT / "var" / "bench-report.md").write_text(text + "\n")
    shutil.rmtree(static_root, ignore_errors=True)


if __name__ == "__main__":
    main()
