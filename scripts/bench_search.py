#!/usr/bin/env python
"""Search latency on whatever data is loaded: p50/p95 of the results page over a mix of queries.

    scripts/with-db.sh .venv/bin/python scripts/bench_search.py [--rounds 20] [--engine-only]

Each query runs the whole results page (both SQL queries, snippets and the template) through the
view, without the page cache; --engine-only times the search and the first page of rows alone.
Not part of the test suite.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

# Common words (many matches), names, pinyin, conditions, devices, Latin, and words that match nothing.
QUERIES = [
    "医院",
    "中心",
    "治疗",
    "专家",
    "胸痛",
    "肝胆",
    "腹腔镜",
    "李远志",
    "lyz",
    "liyuanzhi",
    "神经导航",
    "银屑病",
    "脑卒中",
    "前列腺",
    "PET-CT",
    "CT",
    "120周年",
    "心血管内科",
    "微创手术",
    "糖尿病 饮食",
    "胸口痛怎么办",
    "不存在的词语组合",
]


def percentile(values, fraction):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20, help="times each query is run (default 20)")
    parser.add_argument("--engine-only", action="store_true", help="time the search engine without the template")
    args = parser.parse_args()

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hospital_portal.settings")
    import django

    django.setup()
    from django.contrib.auth.models import AnonymousUser
    from django.db import connection
    from django.test import RequestFactory, override_settings

    from apps.search.models import SearchDocument
    from apps.search.query import count_label, search
    from apps.search.views import SearchView

    view = SearchView.as_view()
    factory = RequestFactory()

    def run_page(query):
        request = factory.get("/search/", {"q": query})
        request.user = AnonymousUser()
        response = view(request)
        response.render()
        return response

    def run_engine(query):
        return search(query)

    run = run_engine if args.engine_only else run_page
    documents = SearchDocument.objects.count()
    visible = SearchDocument.objects.visible().count()
    print(
        f"索引：{documents} 条（访客可见 {visible} 条）；每个查询 {args.rounds} 次；PostgreSQL {connection.pg_version}"
    )

    with override_settings(PAGE_CACHE=False):
        started = time.perf_counter()
        run("医院")  # loads jieba and the hospital's terms once, as the first request of a process does
        print(f"首次查询（含加载分词词典）：{(time.perf_counter() - started) * 1000:.0f} ms")

        all_times = []
        print(f"{'查询':<16}{'结果数':>8}{'p50 ms':>10}{'p95 ms':>10}")
        for query in QUERIES:
            times = []
            for _ in range(args.rounds):
                started = time.perf_counter()
                run(query)
                times.append((time.perf_counter() - started) * 1000)
            all_times.extend(times)
            found = count_label(search(query).total)
            print(f"{query:<16}{found:>8}{statistics.median(times):>10.1f}{percentile(times, 0.95):>10.1f}")

    print(f"全部查询：p50 {statistics.median(all_times):.1f} ms，p95 {percentile(all_times, 0.95):.1f} ms")


if __name__ == "__main__":
    main()
