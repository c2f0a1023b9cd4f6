"""Set-up for journeys in a real browser: the hospital's real content on a live server."""

import datetime
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

AXE_JS = Path(__import__("axe_playwright_python").__file__).with_name("axe.min.js")


@pytest.fixture
def hospital_content(transactional_db):
    """The real content of the fixtures, with the patient-service pages published."""
    from apps.pages.models import ServicePage

    call_command("load_hospital_content", verbosity=0)
    yesterday = timezone.now() - datetime.timedelta(days=1)
    ServicePage.objects.update(status=ServicePage.Status.PUBLISHED, published_at=yesterday)


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
