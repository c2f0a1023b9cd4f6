#!/usr/bin/env python3
"""`make bench`: every public page type under load, as ratios to baselines measured in the same run.

Loads scale-1 synthetic data into a separate benchmark database, serves the site with gunicorn as in
production (DEBUG off, sync workers), drives it with wrk over loopback at 16 and 64 connections,
and prints requests/s, p50 and p99 per page type, cached and uncached, each against its baseline:
(a) a prebuilt response of the same size as sent (the ceiling of this stack) for cached pages,
(b) a template making as much HTML from in-memory data (the cost of templating) for uncached pages,
each measured at the size of the page it stands for, just before it;
plus search p95 against a department page's p95, worker memory before and after, and errors.
"""

import json
import math
import os
import shutil
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
WORKERS = int(os.environ.get("BENCH_WORKERS", str(2 * (os.cpu_count() or 1))))

WRK_REPORT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('BENCH {"requests": %d, "duration_us": %d, "errors": %d, "status_errors": %d, '
    .. '"p50": %d, "p95": %d, "p99": %d}\\n', summary.requests, summary.duration,
    e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
"""


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
    return [(name, urllib.parse.quote(path, safe="/?=&")) for name, path in pages]


class Server(serving.Server):
    def __init__(self, env):
        super().__init__(env, workers=WORKERS)


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


def measure(server, pages, script, baseline_path, compressed):
    """wrk on every page and on the baseline of the page's own size, at each concurrency.

    The size is what the page sends (compressed) for the prebuilt baseline, its HTML for the template
    baseline: rendering 100 KB costs more than rendering 7 KB, and each page is held to its own.
    Each page's baseline runs just before it, so that a change in the machine's load during the run
    (these machines are shared) touches both sides of a ratio alike.
    """
    results = {}
    for connections in CONCURRENCY:
        for name, path in pages:
            size = size_class(fetch_size(server.url + path, compressed))
            base = wrk(f"{server.url}{baseline_path}?size={size}", connections, script)
            results[(connections, name)] = dict(wrk(server.url + path, connections, script), baseline=size, base=base)
            log(f"  c={connections} {name}: {results[(connections, name)]['rps']:.0f} req/s")
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


def main():
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk (make bench installs it as root).")
    database_url = bench_database_url()
    static_root = Path(tempfile.mkdtemp(prefix="portal-bench-static-"))
    script = static_root / "report.lua"
    script.write_text(WRK_REPORT)
    prepare(server_env(database_url, True, static_root))
    pages = page_paths(server_env(database_url, True, static_root))

    report = [
        "# Benchmark",
        "",
        f"Machine: {os.cpu_count()} cores, {os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') // 2**30} GiB; "
        f"gunicorn {WORKERS} sync workers, DEBUG off; wrk over loopback, {SECONDS} s per run; "
        f"synthetic data at scale {SCALE}.",
        "",
    ]
    memory, errors = [], 0
    all_results = {}
    for cached in (True, False):
        label = "cached" if cached else "uncached"
        log(f"{label}:")
        server = Server(server_env(database_url, cached, static_root))
        try:
            # Every worker renders every page once before the first reading, so that memory growth
            # measures what serving costs, not each worker's first render of each template.
            for _, path in pages:
                subprocess.run(["wrk", "-t1", f"-c{WORKERS}", "-d1s", server.url + path], capture_output=True)
            before = server.worker_rss_kb()
            results = measure(
                server, pages, str(script), "/bench/prebuilt/" if cached else "/bench/template/", compressed=cached
            )
            after = server.worker_rss_kb()
        finally:
            server.stop()
        all_results[label] = results
        errors += sum(run["errors"] + run["status_errors"] for r in results.values() for run in (r, r["base"]))
        growth = max((after[pid] - before[pid]) / before[pid] for pid in before if pid in after)
        memory.append(
            f"- {label}: worker RSS before {sum(before.values()) // 1024} MiB in all, after "
            f"{sum(after.values()) // 1024} MiB; largest growth of one worker {growth:.1%}"
        )
        baseline_label = "(a) prebuilt" if cached else "(b) template"
        report += [
            table(
                "Cached pages (target: req/s ≥ 0.8 × baseline)"
                if cached
                else "Uncached pages (for information: what editors get; visitors get the cached page)",
                pages,
                results,
                baseline_label,
            ),
            "",
        ]

    uncached = all_results["uncached"]
    report += ["### Search (for information)", ""]
    for connections in CONCURRENCY:
        department = uncached[(connections, "department")]["p95"]
        for name in ("search", "search-common-word"):
            p95 = uncached[(connections, name)]["p95"]
            report.append(
                f"- c={connections} {name}: p95 {p95 / 1000:.1f} ms = {p95 / max(department, 1):.2f} × "
                f"a department page's p95 ({department / 1000:.1f} ms)"
            )
    report += ["", "### Memory and errors", "", *memory, f"- errors (socket and non-2xx/3xx): {errors}", ""]
    text = "\n".join(report)
    print(text)
    (ROOT / "var").mkdir(exist_ok=True)
    (ROOT / "var" / "bench-report.md").write_text(text + "\n")
    shutil.rmtree(static_root, ignore_errors=True)


if __name__ == "__main__":
    main()
