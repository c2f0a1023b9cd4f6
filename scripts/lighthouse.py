#!/usr/bin/env python3
"""`make lighthouse`: Lighthouse's four scores for four pages of the site served as in production.

Loads the hospital's real content into a database of its own (hospital_portal_lighthouse), collects
the static files, serves the site with gunicorn (DEBUG off, whitenoise, page cache on) and runs
Lighthouse from node_modules against Debian's Chromium with its default mobile preset (simulated
slow 4G and a 4× slower CPU) on the home page, 神经外科, 李远志 and the newest published article.
Prints performance, accessibility, best practices and SEO ×100 per page, keeps the JSON reports in
the git-ignored var/lighthouse/, lists the audits that cost points, and exits 1 when any score is
under LIGHTHOUSE_MIN (95). Throttled performance scores vary by a few points between runs.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import serving  # noqa: E402
from serving import PYTHON, ROOT, log  # noqa: E402

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROME_PATH = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update "
    "--disable-sync --no-first-run"
)
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
MINIMUM = int(os.environ.get("LIGHTHOUSE_MIN", "95"))
REPORTS = ROOT / "var" / "lighthouse"

# The pages measured, found by what a visitor knows them by rather than by database order.
PAGES_CODE = """
import json
from django.urls import reverse
from apps.departments.models import Department
from apps.experts.models import Expert
from apps.news.models import Article
article = (
    Article.objects.published().exclude(title__startswith="示例").exclude(body="").order_by("-published_at").first()
)
print("PAGES " + json.dumps([
    ["home", reverse("home")],
    ["department", Department.objects.visible().get(name="神经外科").get_absolute_url()],
    ["expert", Expert.objects.active().get(name="李远志").get_absolute_url()],
    ["news-article", article.get_absolute_url()],
]))
"""


def page_paths(env):
    out = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", PAGES_CODE], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout
    pages = json.loads(out.split("PAGES ", 1)[1])
    return [(name, urllib.parse.quote(path)) for name, path in pages]


def prepare(env):
    log("准备 Lighthouse 数据库：迁移、载入医院内容、收集静态文件……")
    serving.manage(env, "migrate", "--no-input", "-v0")
    serving.manage(env, "load_hospital_content", "-v0")
    serving.manage(env, "collectstatic", "--no-input", "-v0")


def run_lighthouse(url, output):
    subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            f"--chrome-flags={CHROME_FLAGS}",
            f"--only-categories={','.join(CATEGORIES)}",
            "--output=json",
            f"--output-path={output}",
            "--quiet",
        ],
        cwd=ROOT,
        env={**os.environ, "CHROME_PATH": CHROME_PATH},
        check=True,
    )
    return json.loads(output.read_text())


def lost_points(report, category):
    """(audit id, score, shown value) of the audits in a category that did not score full marks."""
    audits = report["audits"]
    lost = []
    for ref in report["categories"][category]["auditRefs"]:
        audit = audits[ref["id"]]
        if ref["weight"] > 0 and audit["score"] is not None and audit["score"] < 1:
            lost.append((ref["id"], audit["score"], audit.get("displayValue", "")))
    return lost


def main():
    if not LIGHTHOUSE.exists():
        sys.exit("Lighthouse is missing: run `make lighthouse`, which installs it with npm ci.")
    if not Path(CHROME_PATH).exists():
        sys.exit(f"No Chromium at {CHROME_PATH}: run `make system-deps` (as root).")
    url = os.environ.get("LIGHTHOUSE_DATABASE_URL") or serving.database_url("hospital_portal_lighthouse")
    static_root = Path(tempfile.mkdtemp(prefix="portal-lighthouse-static-"))
    env = serving.production_env(url, static_root, PAGE_CACHE="true")
    prepare(env)
    pages = page_paths(env)
    REPORTS.mkdir(parents=True, exist_ok=True)

    scores = {}
    server = serving.Server(env, workers=2)
    try:
        for _, path in pages:  # the first render of each page fills the page cache, as on a live site
            urllib.request.urlopen(server.url + path, timeout=30).read()
        for name, path in pages:
            log(f"Lighthouse: {name} {urllib.parse.unquote(path)}")
            report = run_lighthouse(server.url + path, REPORTS / f"{name}.json")
            scores[name] = (path, report)
    finally:
        server.stop()
        shutil.rmtree(static_root, ignore_errors=True)

    lines = ["| page | path | " + " | ".join(CATEGORIES) + " |", "|---|---|" + "---|" * len(CATEGORIES)]
    failed = []
    for name, (path, report) in scores.items():
        values = []
        for category in CATEGORIES:
            score = report["categories"][category]["score"]
            value = round(score * 100) if score is not None else 0
            values.append(str(value))
            if value < MINIMUM:
                failed.append((name, category, value, lost_points(report, category)))
        if report.get("runtimeError"):
            failed.append((name, "run", 0, [(report["runtimeError"]["code"], 0, report["runtimeError"]["message"])]))
        lines.append(f"| {name} | {urllib.parse.unquote(path)} | " + " | ".join(values) + " |")
    print("\n".join(lines))
    print(f"\nReports: {REPORTS.relative_to(ROOT)}/<page>.json (Lighthouse {report['lighthouseVersion']}, mobile)")
    if failed:
        print(f"\nUnder {MINIMUM}:")
        for name, category, value, lost in failed:
            print(
                f"- {name} {category} {value}: " + ", ".join(f"{a} ({s:.2f}{' ' + v if v else ''})" for a, s, v in lost)
            )
        sys.exit(1)


if __name__ == "__main__":
    main()
