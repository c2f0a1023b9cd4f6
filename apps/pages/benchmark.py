"""Baselines for `make bench`, served only when BENCHMARK is on: what this stack costs without us.

(a) a prebuilt response of a given size: no database, no template — the ceiling of the stack;
(b) a template of similar size rendered from in-memory data: no database — the cost of templating.
"""

from functools import lru_cache

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path


@lru_cache(maxsize=16)
def _prebuilt(size):
    chunk = "<p>示例基准页面内容，用于测量服务器本身的吞吐能力。</p>\n"
    body = (chunk * (size // len(chunk.encode()) + 1)).encode()[:size]
    return b'<!DOCTYPE html><html lang="zh-Hans"><body>' + body + b"</body></html>"


def _size(request):
    try:
        return max(100, min(int(request.GET.get("size", "30000")), 1_000_000))
    except ValueError:
        return 30000


def prebuilt_response(request):
    return HttpResponse(_prebuilt(_size(request)), content_type="text/html; charset=utf-8")


def template_response(request):
    rows = 40
    items = [
        {"title": f"示例条目 {i}", "text": "示例基准页面内容，用于测量模板渲染的开销。" * 3, "n": i}
        for i in range(rows)
    ]
    repeat = max(1, _size(request) // 9000)
    return render(request, "pages/benchmark.html", {"items": items * repeat})


urlpatterns = [
    path("bench/prebuilt/", prebuilt_response, name="bench-prebuilt"),
    path("bench/template/", template_response, name="bench-template"),
]
