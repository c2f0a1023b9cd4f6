#!/usr/bin/env python3
"""`make screenshots`: a picture of every public page type on a phone and a desktop, in both text sizes.

Serves this checkout's database (the one `make run` fills) with Django's development server on a free
loopback port, and drives Debian's Chromium with Playwright. Pictures go to the git-ignored
`screenshots/` folder.
"""

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "screenshots"
VIEWPORTS = {"phone": {"width": 375, "height": 812}, "desktop": {"width": 1280, "height": 800}}


def main():
    env = dict(os.environ)
    if not env.get("DATABASE_URL"):
        env["DATABASE_URL"] = subprocess.run(
            [str(ROOT / "scripts" / "db.sh"), "ensure"], check=True, capture_output=True, text=True
        ).stdout.strip()
    env.update(DEBUG="true", PAGE_CACHE="false")
    pages = bench.page_paths(env, wanted=None)
    port = bench.free_port()
    server = subprocess.Popen(
        [bench.PYTHON, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        OUT.mkdir(exist_ok=True)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"),
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            for size, viewport in VIEWPORTS.items():
                page = browser.new_context(viewport=viewport, locale="zh-CN").new_page()
                for mode in ("normal", "large"):
                    page.goto(base + "/")
                    page.evaluate(f"() => localStorage.setItem('textSize', '{mode}')")
                    for name, path in pages:
                        page.goto(base + path)
                        target = OUT / f"{name}-{size}-{mode}.png"
                        page.screenshot(path=str(target), full_page=True)
                        print(target.relative_to(ROOT))
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
