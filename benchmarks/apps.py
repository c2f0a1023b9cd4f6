"""The benchmarks app: installed by BENCHMARK=true and by the test settings, never in production."""

from django.apps import AppConfig


class BenchmarksConfig(AppConfig):
    name = "benchmarks"
    verbose_name = "性能基准"
