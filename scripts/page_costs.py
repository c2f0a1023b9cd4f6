#!/usr/bin/env python3
"""Where an uncached page's time goes, in one process on the benchmark database (`make bench` fills it).

For each page type `make bench` measures: the whole request; the ORM building SQL; PostgreSQL, round
trips included; rendering the template (queries it runs lazily not counted); and the rest (making
model instances, joining prefetched lists, view code, middleware). Beside it, the template baseline
of the same HTML size. Best of several rounds, in milliseconds; no load, so each figure is one
request's own cost.

"Without its data" is what the page would still take if reading its data cost nothing: its
template rendered again from the same context (every list already read, so only the template
engine's work) plus what the baseline spends outside its own rendering (the request and response
around it). "Its data" is the rest of the page's time: building SQL, PostgreSQL, making instances
and view code. A page whose data grows out of line with the others points to a missing index or a
query in a loop.

    .venv/bin/python scripts/page_costs.py [page type …]
"""

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench  # noqa: E402
import serving  # noqa: E402

ROUNDS, REQUESTS = 5, 5


class Timers:
    """Adds up the time spent in the ORM's SQL building, in the database and in templates.

    A template is timed from its outermost render (TemplateResponse or render()), so that the
    baseline's is too; what the ORM and the database do while it renders is counted as theirs.
    """

    def __init__(self):
        from django.db.backends import utils
        from django.db.models.sql import compiler
        from django.template.backends import django as backend

        self.totals = dict.fromkeys(("orm", "db", "template", "lazy"), 0.0)
        self._depth = dict.fromkeys(self.totals, 0)
        self.last_render = None
        compiler.SQLCompiler.as_sql = self._wrap(compiler.SQLCompiler.as_sql, "orm")
        utils.CursorWrapper._execute = self._wrap(utils.CursorWrapper._execute, "db")
        backend.Template.render = self._wrap(backend.Template.render, "template")

    def _wrap(self, function, name):
        def timed(*args, **kwargs):
            if self._depth[name]:
                return function(*args, **kwargs)
            self._depth[name] += 1
            if name == "template":
                self.last_render = function, args, kwargs
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                spent = time.perf_counter() - started
                self._depth[name] -= 1
                self.totals[name] += spent
                if name != "template" and self._depth["template"]:
                    self.totals["lazy"] += spent

        return timed

    def reset(self):
        self.totals = dict.fromkeys(self.totals, 0.0)

    def rendering_alone(self):
        """Milliseconds to render the last response's template again from its context, best of ROUNDS.

        Its lists are read by then: what remains is the template engine's work (and any query the
        template runs afresh, which is left out).
        """
        render, args, kwargs = self.last_render
        rounds = []
        for _ in range(ROUNDS):
            self.reset()
            started = time.perf_counter()
            for _ in range(REQUESTS):
                render(*args, **kwargs)
            # The unwrapped render: whatever the ORM and the database do meanwhile, the template asked for.
            rounds.append((time.perf_counter() - started - self.totals["orm"] - self.totals["db"]) * 1000 / REQUESTS)
        return min(rounds)


def best(client, timers, path):
    """(milliseconds per request: total, orm, db, template, rest, rendering alone; bytes of HTML), best of ROUNDS."""
    client.get(path)
    rounds = []
    for _ in range(ROUNDS):
        timers.reset()
        started = time.perf_counter()
        for _ in range(REQUESTS):
            response = client.get(path)
        total = (time.perf_counter() - started) * 1000 / REQUESTS
        spent = {name: value * 1000 / REQUESTS for name, value in timers.totals.items()}
        template = spent["template"] - spent["lazy"]
        rounds.append((total, spent["orm"], spent["db"], template, total - spent["orm"] - spent["db"] - template))
    return (*min(rounds), timers.rendering_alone()), len(response.content)


def main():
    static_root = Path(tempfile.mkdtemp(prefix="portal-costs-static-"))
    env = bench.server_env(bench.bench_database_url(), False, static_root)
    serving.manage(env, "collectstatic", "--no-input", "-v0")
    os.environ.update(env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "hospital_portal.settings"
    sys.path.insert(0, str(serving.ROOT))
    import django

    django.setup()
    from django.test import Client

    from tests.public_pages import html_pages

    pages = dict(html_pages(required=False))
    pages["search-common-word"] = "/search/?q=医院"
    wanted = sys.argv[1:] or [name for name in pages if name in bench.BENCH_PAGES | {"search-common-word"}]
    timers = Timers()
    client = Client(HTTP_HOST="127.0.0.1")
    print(
        "| page | KB | total | ORM builds SQL | PostgreSQL | template | rest | rendering alone"
        " | baseline of that size | its rendering alone | without its data | ratio with data free"
        " | its data |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for name in wanted:
        (total, orm, db, template, rest, rendering), size = best(client, timers, pages[name])
        (baseline, *_, baseline_rendering), _ = best(client, timers, f"/bench/template/?size={size}")
        dataless = rendering + baseline - baseline_rendering
        print(
            f"| {name} | {size / 1024:.0f} | {total:.1f} | {orm:.1f} | {db:.1f} | {template:.1f} | {rest:.1f} | "
            f"{rendering:.1f} | {baseline:.1f} | {baseline_rendering:.1f} | {dataless:.1f} | "
            f"{baseline / dataless:.2f} | {total - dataless:.1f} |"
        )
    shutil.rmtree(static_root, ignore_errors=True)


if __name__ == "__main__":
    main()
