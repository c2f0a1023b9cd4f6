"""Settings for the tests: the site's own, with the benchmarks app, whose synthetic data many tests use.

Its baseline pages stay unmounted (BENCHMARK is off unless the environment turns it on), so the
URL contract the tests walk is the production one.
"""

from hospital_portal.settings import *  # noqa: F403
from hospital_portal.settings import INSTALLED_APPS

if "benchmarks" not in INSTALLED_APPS:
    INSTALLED_APPS = [*INSTALLED_APPS, "benchmarks"]

# Tests of direct publishing run with no content type under the workflow; tests/workflow switches it on
# for the type it uses, as an administrator does in the admin (审核流程开关).
WORKFLOW_CONTENT_TYPES = []
