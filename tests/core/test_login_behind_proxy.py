"""Login throttling behind nginx: each client is locked out on its own address; X-Forwarded-For counts from the proxy.

nginx (deploy/nginx.conf) connects from 127.0.0.1 and says who the client is in X-Forwarded-For;
anyone else reaching gunicorn may write that header too, and must gain nothing by it.
"""

import datetime
import ipaddress

import pytest
import time_machine
from django.urls import reverse

from tests.deploy.processes import production_env, settings_under
from tests.factories import PASSWORD, content_admin

pytestmark = pytest.mark.django_db

LOGIN_URL = reverse("admin:login")
START = datetime.datetime(2024, 7, 1, 9, 0, tzinfo=datetime.UTC)
PROXY = "127.0.0.1"
EDITOR_HOME = "198.51.100.7"
ATTACKER = "203.0.113.9"


@pytest.fixture
def editor():
    return content_admin(username="proxy-editor")


def log_in(client, username, password, remote_addr=PROXY, forwarded_for=None):
    """A login form sent over a connection from `remote_addr`, with the X-Forwarded-For given, if any."""
    headers = {"X-Forwarded-For": forwarded_for} if forwarded_for is not None else {}
    return client.post(
        LOGIN_URL,
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=remote_addr,
        headers=headers,
    )


def via_proxy(client, username, password, client_address):
    """A login through nginx, which connects from 127.0.0.1 and names the client."""
    return log_in(client, username, password, forwarded_for=client_address)


def test_a_stranger_failing_through_the_proxy_does_not_lock_the_editor_out(client, editor):
    with time_machine.travel(START, tick=False):
        for _ in range(6):
            via_proxy(client, editor.username, "guess", ATTACKER)
        assert via_proxy(client, editor.username, PASSWORD, ATTACKER).status_code == 429

        response = via_proxy(client, editor.username, PASSWORD, EDITOR_HOME)
        index = client.get(reverse("admin:index"))

    assert response.status_code == 302
    assert index.status_code == 200


def test_a_forged_header_sent_straight_to_gunicorn_locks_out_only_the_sender(client, editor):
    with time_machine.travel(START, tick=False):
        for _ in range(5):
            log_in(client, editor.username, "guess", remote_addr=ATTACKER, forwarded_for=EDITOR_HOME)

        refused = log_in(client, editor.username, PASSWORD, remote_addr=ATTACKER, forwarded_for=EDITOR_HOME)
        editor_login = via_proxy(client, editor.username, PASSWORD, EDITOR_HOME)

    assert refused.status_code == 429
    assert editor_login.status_code == 302


def test_a_new_forged_address_on_every_attempt_does_not_escape_the_limit(client, editor):
    """Straight to gunicorn the header is ignored; through nginx only the address nginx appended counts."""
    with time_machine.travel(START, tick=False):
        for n in range(5):
            log_in(client, editor.username, "guess", remote_addr=ATTACKER, forwarded_for=f"192.0.2.{n}")
            via_proxy(client, editor.username, "guess", f"192.0.2.{n}, {ATTACKER}")

        direct = log_in(client, editor.username, PASSWORD, remote_addr=ATTACKER, forwarded_for="192.0.2.99")
        through_proxy = via_proxy(client, editor.username, PASSWORD, f"192.0.2.99, {ATTACKER}")

    assert direct.status_code == 429
    assert through_proxy.status_code == 429
    assert "登录失败次数过多" in through_proxy.content.decode()


def test_a_lock_from_one_address_leaves_the_same_username_free_from_another(client, editor):
    with time_machine.travel(START, tick=False):
        for _ in range(5):
            via_proxy(client, editor.username, "guess", ATTACKER)
        assert via_proxy(client, editor.username, PASSWORD, ATTACKER).status_code == 429

        assert via_proxy(client, editor.username, PASSWORD, EDITOR_HOME).status_code == 302


def test_the_lock_ends_after_the_cool_off_however_many_attempts_arrive_during_it(client, settings, editor):
    assert settings.AXES_COOLOFF_TIME == 0.25
    with time_machine.travel(START, tick=False) as clock:
        for _ in range(5):
            via_proxy(client, editor.username, "guess", ATTACKER)
        for minutes in (1, 5, 9, 13, 14):
            clock.move_to(START + datetime.timedelta(minutes=minutes))
            assert via_proxy(client, editor.username, "guess", ATTACKER).status_code == 429
            assert via_proxy(client, editor.username, PASSWORD, ATTACKER).status_code == 429

        clock.move_to(START + datetime.timedelta(minutes=15, seconds=30))
        response = via_proxy(client, editor.username, PASSWORD, ATTACKER)
        index = client.get(reverse("admin:index"))

    assert response.status_code == 302
    assert index.status_code == 200


def test_without_a_proxy_the_header_is_never_read(client, settings, editor):
    settings.TRUSTED_PROXIES = []
    with time_machine.travel(START, tick=False):
        for n in range(5):
            via_proxy(client, editor.username, "guess", f"192.0.2.{n}")

        response = via_proxy(client, editor.username, PASSWORD, EDITOR_HOME)

    assert response.status_code == 429


def test_the_trusted_proxies_are_read_from_the_environment_and_only_behind_a_proxy():
    listed = settings_under(production_env(TRUSTED_PROXIES="10.0.0.0/24,127.0.0.1"), ["TRUSTED_PROXIES"])
    off = settings_under(production_env(BEHIND_PROXY="false", TRUSTED_PROXIES="10.0.0.0/24"), ["TRUSTED_PROXIES"])

    assert listed["TRUSTED_PROXIES"] == ["10.0.0.0/24", "127.0.0.1/32"]
    assert off["TRUSTED_PROXIES"] == []


def test_a_load_balancer_on_a_listed_network_names_the_client(client, settings, editor):
    settings.TRUSTED_PROXIES = [ipaddress.ip_network("10.0.0.0/24")]
    with time_machine.travel(START, tick=False):
        for _ in range(5):
            log_in(client, editor.username, "guess", remote_addr="10.0.0.7", forwarded_for=ATTACKER)

        locked = log_in(client, editor.username, PASSWORD, remote_addr="10.0.0.8", forwarded_for=ATTACKER)
        free = log_in(client, editor.username, PASSWORD, remote_addr="10.0.0.7", forwarded_for=EDITOR_HOME)

    assert locked.status_code == 429
    assert free.status_code == 302
