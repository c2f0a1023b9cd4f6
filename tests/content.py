"""The hospital's real content, loaded once for all the tests of a module that read it."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

FIXTURES = Path(settings.BASE_DIR) / "fixtures"


def loaded_once(*names):
    """A module-scoped fixture that loads fixtures/<name> for each name, once for the module.

    The files load inside a transaction that is rolled back after the module's last test. Each test
    still runs in a savepoint of its own within it, so what one test changes the next does not see.
    Only for modules whose every test reads this content and none needs a live server.
    """

    @pytest.fixture(scope="module")
    def content(django_db_setup, django_db_blocker, tmp_path_factory):
        generation = tmp_path_factory.mktemp("content") / "content-generation"
        with (
            django_db_blocker.unblock(),
            override_settings(PAGE_CACHE_GENERATION_FILE=generation),
            transaction.atomic(),
        ):
            for name in names:
                call_command("loaddata", str(FIXTURES / name), verbosity=0)
            yield
            transaction.set_rollback(True)

    return content
