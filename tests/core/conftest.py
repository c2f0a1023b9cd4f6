"""Fixtures for the platform's tests."""

import pytest


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Many editors are created per test; the production hasher is slow on purpose.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
