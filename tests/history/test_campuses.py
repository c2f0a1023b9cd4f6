"""The campus page shows the three campuses of the seeds and invents no address, phone or map."""

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from tests.helpers import assert_accessible_page, text_of

pytestmark = pytest.mark.django_db


def test_campuses_show_awaiting_publication_where_the_seeds_give_no_details(client):
    call_command("loaddata", str(settings.BASE_DIR / "fixtures" / "010_campuses.json"), verbosity=0)
    html = client.get(reverse("core:campuses")).content.decode()
    text = text_of(html)
    for campus in ["雁峰院区", "华新院区", "奇峰院区"]:
        assert f"<h2>{campus}</h2>" in html
    assert text.count("地址 地址信息待医院公布") == 3
    assert text.count("电话 待医院公布") == 3
    assert text.count("地图 待医院公布") == 3
    assert 'href="tel:' not in html
    assert_accessible_page(html)
