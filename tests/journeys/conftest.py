"""Set-up for journeys in a real browser: the hospital's real content on a live server."""

import datetime
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import timezone
from playwright.sync_api import expect

from tests.conftest import DESKTOP, PHONE

AXE_JS = Path(__import__("axe_playwright_python").__file__).with_name("axe.min.js")


# The loaded database, table by table, taken after the first load of a test session.
_SNAPSHOT = {}


@pytest.fixture
def hospital_content(transactional_db):
    """The real content of the fixtures, with the patient-service pages published.

    Loading the fixtures indexes every record for search one signal at a time (about 20 s); the
    first test pays for it and the others get the same tables back by COPY in about a second.
    """
    from apps.pages.models import ServicePage

    if _SNAPSHOT:
        _restore(_SNAPSHOT)
    else:
        call_command("load_hospital_content", verbosity=0)
        _SNAPSHOT.update(_copy_tables())
    yesterday = timezone.now() - datetime.timedelta(days=1)
    ServicePage.objects.update(status=ServicePage.Status.PUBLISHED, published_at=yesterday)


def _tables():
    return sorted(connection.introspection.django_table_names(only_existing=True, include_views=False))


def _copy_tables():
    snapshot = {}
    with connection.cursor() as cursor:
        for table in _tables():
            with cursor.copy(f'COPY "{table}" TO STDOUT') as copy:
                snapshot[table] = b"".join(bytes(block) for block in copy)
    return snapshot


def _restore(snapshot):
    """Every table exactly as in the snapshot, sequences past its ids, and no stale content-type ids."""
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("TRUNCATE " + ", ".join(f'"{table}"' for table in snapshot))
        for table, data in snapshot.items():
            with cursor.copy(f'COPY "{table}" FROM STDIN') as copy:
                copy.write(data)
        for statement in connection.ops.sequence_reset_sql(no_style(), apps.get_models(include_auto_created=True)):
            cursor.execute(statement)
    ContentType.objects.clear_cache()


def open_menu(page):
    """Unfold the main navigation where it is folded behind the menu button (phones), as a visitor taps it.

    The menu is a <details> disclosure: this works with and without the page's JavaScript.
    """
    button = page.locator("summary.menu-button")
    if button.is_visible() and not page.locator("details.site-menu").evaluate("menu => menu.open"):
        button.click()
        expect(page.get_by_role("navigation", name="主导航")).to_be_visible()


def main_nav(page):
    """The main navigation, unfolded first where it is folded."""
    open_menu(page)
    return page.get_by_role("navigation", name="主导航")


def department_link(page, name):
    """A department's link on the department list, unfolding its kind's group first where it is folded (phones)."""
    link = page.get_by_role("main").get_by_role("link", name=name, exact=True).first
    if not link.is_visible():
        # (a CSS locator: role locators skip the folded, hidden links)
        page.locator(".department-group", has=page.locator(f"h3 a:text-is('{name}')")).locator("summary").click()
    expect(link).to_be_visible()
    return link


# Every journey runs on a phone and on a desktop.
both_sizes = pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])


@pytest.fixture
def visitor(browser, viewport):
    """One browser tab of the given size, kept for a whole journey so that its storage carries over."""
    context = browser.new_context(viewport=viewport, locale="zh-CN", timezone_id="Asia/Shanghai")
    yield context.new_page()
    context.close()


def run_axe(page):
    """axe-core's violations on the current page (serious and critical only), as readable lines."""
    page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    problems = []
    for violation in result["violations"]:
        if violation["impact"] in ("serious", "critical"):
            targets = ", ".join(str(node["target"]) for node in violation["nodes"][:3])
            problems.append(f"{violation['id']} ({violation['impact']}): {violation['help']} at {targets}")
    return problems
