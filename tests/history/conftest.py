"""The hospital's real history content, loaded from its fixture, for the tests that check the seed facts."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

HISTORY_FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "020_history.json"


@pytest.fixture
def hospital_content(db):
    call_command("loaddata", str(HISTORY_FIXTURE), verbosity=0)
