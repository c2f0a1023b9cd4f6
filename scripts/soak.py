#!/usr/bin/env python3
"""`make soak`: a bounded soak of the production server on the synthetic data set.

64 connections for 60 s (SOAK_SECONDS, SOAK_CONNECTIONS) over a mix of public pages and searches,
through gunicorn with DEBUG off and the page cache on, as in production. Passes when no response
is a 5xx and no worker grew in memory by more than 10%; prints its figures either way.
"""

import json
import os
import sys
import tempfile
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench  # noqa: E402

SECONDS = int(os.environ.get("SOAK_SECONDS", "60"))
CONNECTIONS = int(os.environ.get("SOAK_CONNECTIONS", "64"))
SEARCHES = ["胸痛", "神经外科", "医院", "腹腔镜", "lyz", "专家门诊", "糖尿病", "中心"]

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


def main():
    database_url = bench.bench_database_url()
    workdir = Path(tempfile.mkdtemp(prefix="portal-soak-"))
    env = bench.server_env(database_url, True, workdir)
    bench.prepare(env)
    pages = [path for _, path in bench.page_paths(env)]
    pages += [f"/search/?q={urllib.parse.quote(q)}" for q in SEARCHES]
    script = workdir / "soak.lua"
    script.write_text(SOAK_SCRIPT % ("{" + ", ".join(json.dumps(p) for p in pages) + "}"))

    server = bench.Server(env)
    try:
        for path in pages:
            bench.fetch_size(server.url + path, compressed=True)
        before = server.worker_rss_kb()
        out = bench.subprocess.run(
            ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--timeout", "10s", "-s", str(script), server.url],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        after = server.worker_rss_kb()
    finally:
        server.stop()
    result = json.loads(out.split("SOAK ", 1)[1].splitlines()[0])
    rps = result["requests"] / (result["duration_us"] / 1e6)
    growth = max((after[pid] - before[pid]) / before[pid] for pid in before if pid in after)
    # wrk counts every non-2xx/3xx answer; the pages and searches in the mix all answer 200 when healthy.
    failures = result["non_2xx_3xx"]
    print(f"soak: {CONNECTIONS} connections for {SECONDS} s over {len(pages)} paths")
    print(
        f"  requests {result['requests']} ({rps:.0f}/s), p50 {result['p50'] / 1000:.1f} ms, "
        f"p99 {result['p99'] / 1000:.1f} ms"
    )
    print(f"  non-2xx/3xx answers {failures}, socket errors and time-outs {result['socket_errors']}")
    print(
        f"  worker memory before {sum(before.values()) // 1024} MiB, after {sum(after.values()) // 1024} MiB; "
        f"largest growth of one worker {growth:.1%}"
    )
    ok = failures == 0 and growth < 0.10
    print("soak passed" if ok else "soak FAILED")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
