"""Fixtures for the expert tests: pages are rendered afresh (no page cache) so each test sees its own data."""

import pytest


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.PAGE_CACHE = False
