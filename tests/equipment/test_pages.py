"""The equipment catalogue as a visitor sees it: grouped by category, filtered by department, one device."""

import datetime
import io

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from apps.equipment.models import Equipment
from tests.factories import CampusFactory, DepartmentFactory, EquipmentCategoryFactory, EquipmentFactory
from tests.helpers import assert_accessible_page, get_html, outline

pytestmark = pytest.mark.django_db

LIST_URL = reverse("equipment:list")


def section_of(html, heading_id):
    """The HTML of the <section> whose heading has this id."""
    start = html.index(f'id="{heading_id}"')
    return html[start : html.index("</section>", start)]


def test_catalogue_groups_devices_under_their_categories_in_editors_order(client):
    imaging = EquipmentCategoryFactory(name="示例影像类", display_order=2)
    radiotherapy = EquipmentCategoryFactory(name="示例放疗类", display_order=1)
    EquipmentFactory(name="示例加速器", category=radiotherapy)
    EquipmentFactory(name="示例乙型CT", category=imaging, display_order=1)
    EquipmentFactory(name="示例甲型CT", category=imaging, display_order=2)

    html = get_html(client, LIST_URL)

    headings = [text for level, text in outline(html).headings if level == 2]
    assert headings[:2] == ["示例放疗类", "示例影像类"]
    imaging_section = section_of(html, f"heading-{imaging.slug}")
    assert imaging_section.index("示例乙型CT") < imaging_section.index("示例甲型CT")
    assert "示例加速器" not in imaging_section
    assert "示例加速器" in section_of(html, f"heading-{radiotherapy.slug}")
    assert f'href="#{imaging.slug}"' in html  # the jump list to each category
    assert_accessible_page(html)


def test_featured_device_leads_its_category_with_a_mark(client):
    category = EquipmentCategoryFactory(name="示例影像类")
    EquipmentFactory(name="示例普通设备", category=category, display_order=1)
    EquipmentFactory(name="示例重点设备", category=category, display_order=9, is_featured=True)

    html = get_html(client, LIST_URL)

    section = section_of(html, f"heading-{category.slug}")
    assert section.index("示例重点设备") < section.index("示例普通设备")
    assert "重点设备</span>" in section


def test_card_shows_maker_acquisition_and_linked_departments(client):
    department = DepartmentFactory(name="示例影像科")
    device = EquipmentFactory(
        name="示例磁共振",
        manufacturer="示例医疗公司",
        year_acquired=2022,
        acquisition=Equipment.Acquisition.PROCUREMENT,
        departments=[department],
    )

    html = get_html(client, LIST_URL)

    assert f'href="{device.get_absolute_url()}"' in html
    assert "示例医疗公司" in html
    assert "2022年招标采购" in html
    assert f'<a href="{department.get_absolute_url()}">示例影像科</a>' in html


def test_draft_and_scheduled_devices_stay_hidden_from_visitors(client):
    draft = EquipmentFactory(name="示例草稿设备", status=Equipment.Status.DRAFT)
    scheduled = EquipmentFactory(name="示例定时设备", published_at=timezone.now() + datetime.timedelta(hours=2))

    html = get_html(client, LIST_URL)

    assert "示例草稿设备" not in html
    assert "示例定时设备" not in html
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(scheduled.get_absolute_url()).status_code == 404


def test_scheduled_device_appears_at_its_time_without_any_job(client):
    publish_at = timezone.now() + datetime.timedelta(hours=2)
    device = EquipmentFactory(name="示例定时设备", published_at=publish_at)

    with time_machine.travel(publish_at + datetime.timedelta(minutes=1)):
        assert "示例定时设备" in get_html(client, LIST_URL)
        assert client.get(device.get_absolute_url()).status_code == 200


def test_editor_previews_a_draft_device_with_a_banner(client, django_user_model):
    device = EquipmentFactory(name="示例草稿设备", status=Equipment.Status.DRAFT)
    editor = django_user_model.objects.create_user("editor", password="a-long-password-123", is_staff=True)
    editor.groups.add(Group.objects.get(name="内容管理员"))
    client.force_login(editor)

    html = get_html(client, device.get_absolute_url())

    assert "预览：此设备尚未发布，访客看不到。" in html


def test_department_filter_shows_only_that_departments_devices(client):
    surgery = DepartmentFactory(name="示例外科")
    lab = DepartmentFactory(name="示例检验科")
    EquipmentFactory(name="示例腹腔镜", departments=[surgery])
    EquipmentFactory(name="示例分析仪", departments=[lab])
    EquipmentFactory(name="示例未分科设备")

    html = get_html(client, LIST_URL, department=surgery.slug)

    assert "示例腹腔镜" in html
    assert "示例分析仪" not in html
    assert "示例未分科设备" not in html
    assert "示例外科的医疗设备，共 1 项。" in html
    assert f'<option value="{surgery.slug}" selected>示例外科</option>' in html
    assert "<title>示例外科的医疗设备 - 衡阳市中心医院</title>" in html
    assert f'href="{LIST_URL}"' in html  # the way back to the whole catalogue
    assert_accessible_page(html)


def test_filter_offers_only_visible_departments_that_have_published_devices(client):
    with_device = DepartmentFactory(name="示例有设备科室")
    DepartmentFactory(name="示例无设备科室")
    hidden = DepartmentFactory(name="示例隐藏科室", is_visible=False)
    only_draft = DepartmentFactory(name="示例仅草稿科室")
    EquipmentFactory(departments=[with_device, hidden])
    EquipmentFactory(status=Equipment.Status.DRAFT, departments=[only_draft])

    html = get_html(client, LIST_URL)

    assert '<label for="id_department">按科室查看' in html
    assert "示例有设备科室</option>" in html
    assert "示例无设备科室" not in html
    assert "示例隐藏科室" not in html
    assert "示例仅草稿科室" not in html


@pytest.mark.parametrize(
    "value",
    ["no-such-department", "x" * 5000, "<script>alert(1)</script>", "示例隐藏科室", "%00", "科室' OR 1=1--"],
)
def test_unknown_department_gets_a_chinese_notice_and_the_whole_catalogue(client, value):
    DepartmentFactory(name="示例隐藏科室", slug="shi-li-yin-cang-ke-shi", is_visible=False)
    EquipmentFactory(name="示例加速器", departments=[DepartmentFactory(name="示例放疗科")])

    response = client.get(LIST_URL, {"department": value})
    html = response.content.decode()

    assert response.status_code == 200
    assert "没有找到您选择的科室，已按全部科室显示。" in html
    assert "示例加速器" in html
    assert "<script>alert(1)</script>" not in html


def test_nul_byte_in_the_department_gets_a_clear_chinese_answer_not_an_error(client):
    EquipmentFactory(name="示例加速器", departments=[DepartmentFactory(name="示例放疗科")])

    response = client.get(LIST_URL, {"department": "shen\x00jing"})
    html = response.content.decode()

    # Refused by the site-wide check of query strings (400), or by the filter itself (200 with the notice).
    assert response.status_code in (200, 400)
    assert "没有找到您选择的科室" in html or "请求的地址或参数有误" in html


def test_unrelated_or_malformed_parameters_are_ignored(client):
    EquipmentFactory(name="示例加速器")

    html = get_html(client, LIST_URL, page="abc", department="", sort="x" * 500)

    assert "示例加速器" in html
    assert "没有找到您选择的科室" not in html


def test_hidden_department_slug_is_refused_like_an_unknown_one(client):
    hidden = DepartmentFactory(name="示例隐藏科室", is_visible=False)
    EquipmentFactory(name="示例加速器", departments=[hidden])

    html = get_html(client, LIST_URL, department=hidden.slug)

    assert "没有找到您选择的科室" in html
    assert "示例隐藏科室" not in html


def test_empty_catalogue_shows_no_placeholder(client):
    html = get_html(client, LIST_URL)
    assert "正在整理中" not in html
    assert 'name="department"' not in html  # no filter with nothing to choose


def test_device_page_shows_its_facts_and_links_to_its_departments(client):
    imaging = DepartmentFactory(name="示例影像科")
    hidden = DepartmentFactory(name="示例隐藏科室", is_visible=False)
    campus = CampusFactory(name="示例院区")
    category = EquipmentCategoryFactory(name="示例影像类")
    device = EquipmentFactory(
        name="示例正电子扫描仪",
        other_names="示例PET、示例扫描仪",
        category=category,
        manufacturer="示例医疗公司",
        model_number="EX-100",
        quantity=2,
        campus=campus,
        year_acquired=2022,
        acquisition=Equipment.Acquisition.PROCUREMENT,
        acquisition_note="示例：当年完成招标",
        description="<p>示例介绍文字。</p><script>alert(1)</script>",
        source="示例资料",
        departments=[imaging, hidden],
    )
    EquipmentFactory(name="示例同类设备", category=category)

    html = get_html(client, device.get_absolute_url())

    assert "<h1>示例正电子扫描仪</h1>" in html
    assert "又称：示例PET、示例扫描仪" in html
    for fact in ("示例医疗公司", "EX-100", "2 台/套", "示例院区", "2022年招标采购（示例：当年完成招标）"):
        assert fact in html
    assert f'<a href="{imaging.get_absolute_url()}">示例影像科</a>' in html
    assert "示例隐藏科室" not in html
    assert "<p>示例介绍文字。</p>" in html
    assert "<script>alert(1)</script>" not in html
    assert "资料来源：示例资料" in html
    assert "其他示例影像类设备" in html and "示例同类设备" in html
    assert f'href="{category.get_absolute_url()}"' in html
    assert_accessible_page(html)


def test_device_slug_is_readable_pinyin(client):
    device = EquipmentFactory(name="飞利浦PET-CT")
    assert device.slug == "fei-li-pu-pet-ct"
    assert device.get_absolute_url() == "/equipment/fei-li-pu-pet-ct/"


def test_renamed_device_keeps_its_old_address_as_a_permanent_redirect(client):
    device = EquipmentFactory(name="示例旧名设备")
    old_url = device.get_absolute_url()
    device.name = "示例新名设备"
    device.slug = "shi-li-xin-ming-she-bei"
    device.save()

    response = client.get(old_url)

    assert response.status_code == 301
    assert response["Location"] == "/equipment/shi-li-xin-ming-she-bei/"


@pytest.mark.parametrize("slug", ["no-such-device", "x" * 3000])
def test_unknown_device_gets_the_chinese_404_page(client, settings, slug):
    settings.DEBUG = False
    response = client.get(f"/equipment/{slug}/")
    assert response.status_code == 404
    assert "抱歉，您要找的页面不存在" in response.content.decode()


def test_device_photo_is_shown_as_resized_renditions_with_its_name_as_alt(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    buffer = io.BytesIO()
    Image.new("RGB", (1600, 900), (30, 90, 140)).save(buffer, format="JPEG")
    device = EquipmentFactory(name="示例带图设备")
    device.image = SimpleUploadedFile("photo.jpg", buffer.getvalue(), content_type="image/jpeg")
    device.save()

    for url in (LIST_URL, device.get_absolute_url()):
        images = [img for img in outline(get_html(client, url)).images if "srcset" in img]
        assert images, url
        assert images[0]["alt"] == "示例带图设备"
        assert device.image.url not in images[0]["srcset"]  # the original is never sent
        assert ".webp" in images[0]["srcset"]


def test_sitemap_lists_published_devices_only(client):
    published = EquipmentFactory(name="示例已发布设备")
    draft = EquipmentFactory(name="示例草稿设备", status=Equipment.Status.DRAFT)

    xml = client.get("/sitemap.xml").content.decode()

    assert published.get_absolute_url() in xml
    assert draft.get_absolute_url() not in xml


def build_catalogue(devices, departments_per_device):
    categories = [EquipmentCategoryFactory() for _ in range(3)]
    departments = [DepartmentFactory() for _ in range(departments_per_device)]
    campus = CampusFactory()
    for n in range(devices):
        EquipmentFactory(category=categories[n % 3], campus=campus, departments=departments)
    return departments[0]


@pytest.mark.parametrize("filtered", [False, True], ids=["whole", "by-department"])
def test_catalogue_query_count_does_not_grow_with_the_catalogue(client, django_assert_num_queries, filtered):
    department = build_catalogue(devices=2, departments_per_device=1)
    params = {"department": department.slug} if filtered else {}
    # The devices and the chosen department; the filter, with its departments, is a cached fragment once rendered.
    queries = 3 if filtered else 2
    get_html(client, LIST_URL, **params)  # warm the footer and navigation caches
    with django_assert_num_queries(queries):
        get_html(client, LIST_URL, **params)

    build_catalogue(devices=40, departments_per_device=6)
    get_html(client, LIST_URL, **params)  # the new campus emptied the footer cache
    with django_assert_num_queries(queries):
        html = get_html(client, LIST_URL, **params)
    # The first three categories hold 1, 1 and 0 devices, the last three 14, 13 and 13: cut to 12 each.
    assert html.count('class="card equipment-card"') == (1 + 1 + 3 * 12 if not filtered else 2)
    assert html.count("查看本类全部") == (3 if not filtered else 0)


def test_device_page_query_count_does_not_grow_with_departments_or_category_size(client, django_assert_num_queries):
    category = EquipmentCategoryFactory()
    device = EquipmentFactory(category=category, departments=[DepartmentFactory()])
    get_html(client, device.get_absolute_url())
    # The device with its category and campus, its departments, the other devices of its category.
    with django_assert_num_queries(3):
        get_html(client, device.get_absolute_url())

    device.departments.add(*[DepartmentFactory() for _ in range(12)])
    for _ in range(20):
        EquipmentFactory(category=category)
    get_html(client, device.get_absolute_url())  # the footer and navigation, cached per content generation
    with django_assert_num_queries(3):
        html = get_html(client, device.get_absolute_url())
    assert section_of(html, "equipment-departments").count('<li><a href="/departments/') == 13
