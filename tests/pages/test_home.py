"""The home page: news, departments by kind, campuses, and a fixed cost whatever the data."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from apps.core.models import Campus
from apps.departments.models import Department
from apps.news.models import Article, Category
from tests.helpers import get_html, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def category():
    return Category.objects.create(name="医院新闻")


def publish(category, title, *, hours_ago=1, **kwargs):
    return Article.objects.create(
        title=title,
        category=category,
        status=Article.Status.PUBLISHED,
        published_at=timezone.now() - datetime.timedelta(hours=hours_ago),
        **kwargs,
    )


def test_home_page_shows_pinned_news_before_the_latest_and_hides_drafts(client, category):
    publish(category, "示例：较早的置顶通知", hours_ago=48, is_pinned=True)
    publish(category, "示例：最新新闻", hours_ago=1)
    Article.objects.create(title="示例：草稿不应出现", category=category)

    html = client.get("/").content.decode()

    assert html.index("示例：较早的置顶通知") < html.index("示例：最新新闻")
    assert "示例：草稿不应出现" not in html


def test_home_page_groups_departments_by_kind_and_lists_campuses(client):
    internal = Department.objects.create(name="示例内科", kind=Department.Kind.CLINICAL)
    Department.objects.create(name="示例影像科", kind=Department.Kind.MEDICAL_TECHNICAL)
    Department.objects.create(name="示例隐藏科室", is_visible=False)
    Campus.objects.create(name="雁峰院区")

    html = client.get("/").content.decode()

    assert html.index("临床科室") < html.index("示例内科") < html.index("医技科室") < html.index("示例影像科")
    assert f'<li><a href="{internal.get_absolute_url()}">示例内科</a></li>' in html
    assert "示例隐藏科室" not in html
    assert "雁峰院区" in html


def test_home_page_runs_the_same_queries_with_more_content(client, category, django_assert_max_num_queries):
    def grow(n):
        for i in range(n):
            publish(category, f"示例新闻{n}-{i}", hours_ago=i + 1)
            Department.objects.create(name=f"示例科室{n}-{i}")

    grow(2)
    client.get("/")  # warm the footer and navigation caches
    with django_assert_max_num_queries(10) as small:
        client.get("/")
    grow(30)
    client.get("/")
    with django_assert_max_num_queries(10) as large:
        client.get("/")
    assert len(large.captured_queries) == len(small.captured_queries)


def test_home_page_shows_the_profile_and_the_latest_key_figures_from_the_real_content(client):
    from django.core.management import call_command

    call_command("load_hospital_content", verbosity=0)
    html = client.get("/").content.decode()
    profile = html.split('id="home-profile"', 1)[1].split("</section>", 1)[0]
    assert "性仁、品卓、知博、术精" in profile
    assert "1753" in profile
    assert "1724" not in profile  # the older staff figure stays on /about/, not on the home page


def test_home_page_describes_the_hospital_to_search_engines(client):
    import json

    from django.core.management import call_command

    call_command("load_hospital_content", verbosity=0)
    html = client.get("/").content.decode()
    block = html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    data = json.loads(block)
    assert data["@type"] == "Hospital"
    assert data["name"] == "衡阳市中心医院"
    assert data["alternateName"] == "湖南师范大学附属衡阳市中心医院"
    assert data["foundingDate"] == "1902"
    assert '<meta name="description"' in html
    assert '<link rel="canonical" href="http://127.0.0.1:8000/">' in html


def photo_upload(name="photo.png", size=(1600, 900)):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, "#3366aa").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def test_home_page_opens_with_the_four_patient_actions_and_one_search_box(client):
    html = client.get("/").content.decode()
    actions = html.split('aria-label="就医服务"', 1)[1].split("</nav>", 1)[0]
    for href, label in [
        ("/departments/", "找科室"),
        ("/experts/", "找专家/出诊"),
        ("/services/yu-yue-gua-hao/", "预约挂号"),
        ("/campuses/", "来院/联系"),
    ]:
        assert f'<a href="{href}">' in actions and label in actions, label
    assert html.count('type="search"') == 1  # the hero's; the header leaves its own out here
    assert 'class="hero-emblem"' in html  # no photo yet: the hero is finished with the emblem


def test_first_campus_photo_is_the_home_hero_in_webp_renditions(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    Campus.objects.create(name="测试甲院区", display_order=1)
    campus = Campus.objects.create(name="测试乙院区", display_order=2, photo=photo_upload())
    html = client.get("/").content.decode()
    hero = html.split('<section class="hero', 1)[1].split("</section>", 1)[0]
    assert 'alt="测试乙院区"' in hero
    assert "srcset=" in hero and ".webp" in hero
    assert campus.photo.url not in html  # renditions only, never the upload
    assert 'class="hero-emblem"' not in html


def test_each_service_page_entry_on_the_home_page_says_what_it_holds(client):
    call_command("loaddata", "fixtures/070_pages.json", verbosity=0)
    entries = get_html(client, "/").split('class="quick-entries"', 1)[1].split("</nav>", 1)[0]
    text = text_of(entries)
    for title, hint in (("就医指南", "就诊流程与服务"), ("院务公开", "医院信息公开"), ("联系我们", "院区与联系方式")):
        assert f"{title}{hint}" in text.replace(" ", "")
