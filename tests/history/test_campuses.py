"""The campus page shows the three campuses and where they are, as the seeds say; it invents no address or phone."""

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from tests.helpers import assert_accessible_page, text_of

pytestmark = pytest.mark.django_db


def test_campuses_show_what_the_seeds_say_and_no_line_for_what_they_do_not(client):
    call_command("loaddata", str(settings.BASE_DIR / "fixtures" / "010_campuses.json"), verbosity=0)
    html = client.get(reverse("core:campuses")).content.decode()
    text = text_of(html)
    for campus in ["雁峰院区", "华新院区", "奇峰院区"]:
        assert f"<h2>{campus}</h2>" in html
    assert "回雁峰下" in text and "分布在雁峰、蒸湘两区" in text
    assert "待医院公布" not in text and "待公布" not in text
    assert "<dt>" not in html
    assert 'href="tel:' not in html
    assert_accessible_page(html)
