"""Production settings: `manage.py check --deploy` is clean, and nothing secret has a default."""

import subprocess

from tests.deploy.processes import BASE_DIR, PYTHON, production_env


def run(args, environment):
    return subprocess.run([PYTHON, *args], env=environment, cwd=BASE_DIR, capture_output=True, text=True, timeout=60)


def test_check_deploy_is_clean_under_production_settings():
    # Redis is named (not reached: checks do not connect), as production needs it (core.E004).
    environment = production_env(REDIS_URL="redis://127.0.0.1:9/0")
    done = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], environment)

    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip() == "System check identified no issues (0 silenced)."
    assert done.stderr == ""


def test_the_site_refuses_to_start_without_a_secret_key_when_debug_is_off():
    environment = production_env()
    del environment["SECRET_KEY"]

    done = run(["-c", "import django; django.setup()"], environment)

    assert done.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off." in done.stderr


def test_with_debug_off_no_host_is_allowed_unless_named():
    environment = production_env()
    del environment["ALLOWED_HOSTS"]
    code = "import django; from django.conf import settings; django.setup(); print(settings.ALLOWED_HOSTS)"

    done = run(["-c", code], environment)

    assert done.stdout.strip() == "[]"
