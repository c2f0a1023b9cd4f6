"""Every environment variable the settings and the gunicorn configuration read is in .env.example and
in docs/deployment.md, so an operator never has to read the code to configure the site."""

import re

import pytest

from .processes import BASE_DIR


def variables_read():
    settings_source = (BASE_DIR / "hospital_portal" / "settings.py").read_text()
    gunicorn_source = (BASE_DIR / "deploy" / "gunicorn.conf.py").read_text()
    serve_source = (BASE_DIR / "scripts" / "serve.sh").read_text()
    names = set(re.findall(r'env\.\w+\("([A-Z][A-Z0-9_]+)"', settings_source))
    names |= set(re.findall(r'os\.environ\.get\("([A-Z][A-Z0-9_]+)"', gunicorn_source))
    names |= set(re.findall(r"\$\{([A-Z][A-Z0-9_]+):-", serve_source)) - {"PYTHON", "GUNICORN"}
    return sorted(names)


def test_the_variables_are_found():
    assert {"SECRET_KEY", "DATABASE_REPLICA_URLS", "WEB_CONCURRENCY", "MIGRATE_ON_START"} <= set(variables_read())


@pytest.mark.parametrize("name", variables_read())
def test_every_variable_is_in_env_example_and_the_deployment_guide(name):
    example = (BASE_DIR / ".env.example").read_text()
    guide = (BASE_DIR / "docs" / "deployment.md").read_text()

    assert re.search(rf"^{name}=", example, re.MULTILINE), f"{name} is missing from .env.example"
    assert f"`{name}`" in guide, f"{name} is missing from docs/deployment.md"
