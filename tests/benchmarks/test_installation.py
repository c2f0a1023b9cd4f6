"""The benchmarks app is a measuring tool: production settings neither install it nor serve its pages."""

import subprocess

from tests.deploy.processes import BASE_DIR, PYTHON, production_env

WHAT_IS_THERE = """
import django
from django.apps import apps
from django.urls import Resolver404, resolve

django.setup()
try:
    resolve("/bench/template/")
    served = True
except Resolver404:
    served = False
print(apps.is_installed("benchmarks"), served)
"""


def installed_and_served(environment):
    done = subprocess.run(
        [PYTHON, "-c", WHAT_IS_THERE], env=environment, cwd=BASE_DIR, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def test_production_settings_leave_the_benchmarks_app_out():
    environment = production_env()
    environment.pop("BENCHMARK", None)

    assert installed_and_served(environment) == ["False", "False"]


def test_benchmark_on_installs_the_app_and_serves_its_baselines():
    assert installed_and_served(production_env(BENCHMARK="true")) == ["True", "True"]
