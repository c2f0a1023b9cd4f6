"""Baselines for `make bench`, served under /bench/ only when BENCHMARK is on: what this stack costs without us.

(a) a prebuilt response of a given size: no database, no template — the ceiling of the stack;
(b) a template of similar size rendered from in-memory data: no database — the cost of templating.
"""

from functools import lru_cache

from django.http import HttpResponse
from django.shortcuts import render

from apps.core.cache import reads_query_parameters


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


@reads_query_parameters("size")
def prebuilt_response(request):
    return HttpResponse(_prebuilt(_size(request)), content_type="text/html; charset=utf-8")


ROW = {"title": "示例条目", "text": "示例基准页面内容，用于测量模板渲染的开销。" * 3}
_layout = {}


def _render(request, rows):
    return render(request, "benchmarks/baseline.html", {"items": [dict(ROW, n=n) for n in range(rows)]})


@reads_query_parameters("size")
def template_response(request):
    """The baseline template with as many rows as make about `size` bytes of HTML, like the page it stands for."""
    if not _layout:
        # The bytes around the rows and per row, measured once by rendering none and a hundred.
        frame = len(_render(request, 0).content)
        _layout.update(frame=frame, row=(len(_render(request, 100).content) - frame) / 100)
    return _render(request, max(1, round((_size(request) - _layout["frame"]) / _layout["row"])))
