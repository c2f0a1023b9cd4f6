"""The experts' admin as a 内容管理员 uses it: schedules edited in the grid and reverted from the history,
and experts and weekly sessions imported from and exported to Excel."""

import io
import re

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from reversion.models import Version

from apps.core.roles import CONTENT_ADMIN
from apps.experts.models import Expert, ScheduleException, WeeklySession
from apps.experts.resources import ExpertResource
from tests.factories import CampusFactory, DepartmentFactory, ExpertFactory, UserFactory, WeeklySessionFactory
from tests.helpers import admin_form_data

pytestmark = pytest.mark.django_db

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXPERT_HEADERS = [
    "网址标识",
    "姓名",
    "职称",
    "学位",
    "行政职务",
    "主要科室",
    "所属科室",
    "擅长",
    "院外特聘专家",
    "在网站显示",
]
SESSION_HEADERS = [
    "编号",
    "专家",
    "星期",
    "时段",
    "院区",
    "门诊类型",
    "楼栋",
    "楼层",
    "诊室",
    "备注",
    "生效日期",
    "截止日期",
]


@pytest.fixture
def content_admin(client):
    user = UserFactory(username="content-editor", roles=[CONTENT_ADMIN])
    client.force_login(user)
    return user


def xlsx(headers, rows, name="导入.xlsx"):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=XLSX_TYPE)


def upload(client, model_name, file):
    return client.post(
        reverse(f"admin:experts_{model_name}_import"), {"import_file": file, "format": "0", "resource": "0"}
    )


def confirm(client, model_name, preview):
    assert "confirm_form" in preview.context, preview.content.decode()
    return client.post(reverse(f"admin:experts_{model_name}_process_import"), preview.context["confirm_form"].initial)


def save(client, url, data):
    response = client.post(url, {**data, "_save": "保存"})
    assert response.status_code == 302, response.content.decode()
    return response


def test_content_admin_edits_a_schedule_in_the_grid_and_reverts_it_from_the_history(client, content_admin):
    expert = ExpertFactory(name="测试专家戊")
    campus = CampusFactory(name="测试院区南")
    WeeklySessionFactory(expert=expert, weekday=1, period=1, campus=campus)
    url = reverse("admin:experts_expert_change", args=[expert.pk])
    # A first save records the timetable as it is: the version to come back to.
    save(client, url, admin_form_data(client.get(url)))

    data = admin_form_data(client.get(url))
    data.update(
        {
            "weekly_grid_1_1_campus": "",
            "weekly_grid_1_1_room": "",
            "weekly_grid_3_1_campus": str(campus.pk),
            "weekly_grid_5_2_campus": str(campus.pk),
            "weekly_grid_5_2_clinic_type": "expert",
        }
    )
    save(client, url, data)
    assert sorted(expert.weekly_sessions.values_list("weekday", "period")) == [(3, 1), (5, 2)]

    history = client.get(reverse("admin:experts_expert_history", args=[expert.pk])).content.decode()
    first = Version.objects.get_for_object(expert).order_by("pk").first()
    revision_url = reverse("admin:experts_expert_revision", args=[expert.pk, first.pk])
    assert revision_url in history
    save(client, revision_url, admin_form_data(client.get(revision_url)))

    assert list(expert.weekly_sessions.values_list("weekday", "period")) == [(1, 1)]
    page = client.get(expert.get_absolute_url()).content.decode()
    assert '<th scope="row">周一</th>' in page
    assert '<th scope="row">周三</th>' not in page


def test_saving_an_expert_adds_the_primary_department_to_their_departments(client, content_admin):
    expert = ExpertFactory(departments=[])
    department = DepartmentFactory(name="测试外科")
    url = reverse("admin:experts_expert_change", args=[expert.pk])
    data = admin_form_data(client.get(url))
    data["primary_department"] = str(department.pk)

    save(client, url, data)

    assert department in expert.departments.all()


def test_admin_pages_open_for_a_content_admin(client, content_admin):
    expert = ExpertFactory()
    WeeklySessionFactory(expert=expert)
    for name in ("expert", "weeklysession", "scheduleexception", "workstation"):
        assert client.get(reverse(f"admin:experts_{name}_changelist")).status_code == 200
        assert client.get(reverse(f"admin:experts_{name}_add")).status_code == 200
    changelist = client.get(reverse("admin:experts_expert_changelist"), {"q": expert.name}).content.decode()
    assert expert.name in changelist
    assert "导入" in changelist and "导出" in changelist


def test_importing_experts_previews_first_and_saves_only_on_confirmation(client, content_admin):
    DepartmentFactory(name="测试内科")
    DepartmentFactory(name="测试外科")
    file = xlsx(
        EXPERT_HEADERS,
        [
            [
                "",
                "测试导入甲",
                "主任医师",
                "博士",
                "测试内科主任",
                "测试内科",
                "测试内科、测试外科",
                "测试擅长",
                "否",
                "是",
            ],
            ["", "测试导入乙", "副主任医师", "", "", "测试外科", "", "", "是", ""],
        ],
    )

    preview = upload(client, "expert", file)

    html = preview.content.decode()
    assert preview.status_code == 200
    assert "尚未保存" in html
    assert "测试导入甲" in html
    assert not Expert.objects.filter(name__startswith="测试导入").exists()

    response = confirm(client, "expert", preview)

    assert response.status_code == 302
    first = Expert.objects.get(name="测试导入甲")
    assert first.clinical_title == Expert.ClinicalTitle.CHIEF
    assert first.degree == "博士"
    assert sorted(first.departments.values_list("name", flat=True)) == ["测试内科", "测试外科"]
    second = Expert.objects.get(name="测试导入乙")
    assert second.is_visiting and second.is_active
    assert list(second.departments.values_list("name", flat=True)) == ["测试外科"]
    assert second.slug == "ce-shi-dao-ru-yi"
    # The import is in each expert's history, by whom and as what.
    version = Version.objects.get_for_object(first).get()
    assert version.revision.user == content_admin
    assert version.revision.comment == "从 Excel 文件导入"


def test_importing_an_existing_slug_updates_that_expert(client, content_admin):
    expert = ExpertFactory(name="测试专家己", roles="")
    file = xlsx(["网址标识", "姓名", "行政职务"], [[expert.slug, "测试专家己", "测试科副主任"]])

    confirm(client, "expert", upload(client, "expert", file))

    expert.refresh_from_db()
    assert expert.roles == "测试科副主任"
    assert Expert.objects.filter(name="测试专家己").count() == 1


def test_importing_weekly_sessions_adds_and_changes_sessions(client, content_admin):
    expert = ExpertFactory(name="测试专家庚")
    campus = CampusFactory(name="测试院区北")
    existing = WeeklySessionFactory(expert=expert, weekday=2, period=1, campus=campus)
    file = xlsx(
        SESSION_HEADERS,
        [
            [
                existing.pk,
                "测试专家庚",
                "星期二",
                "下午",
                "测试院区北",
                "专家门诊",
                "门诊楼",
                "2楼",
                "201诊室",
                "",
                "",
                "",
            ],
            ["", "测试专家庚", "周四", "上午", "测试院区北", "特需门诊", "", "", "", "测试备注", "2030-01-01", ""],
        ],
    )

    confirm(client, "weeklysession", upload(client, "weeklysession", file))

    sessions = list(expert.weekly_sessions.order_by("weekday"))
    assert [(s.weekday, s.period, s.clinic_type) for s in sessions] == [(2, 2, "expert"), (4, 1, "special_needs")]
    assert sessions[0].pk == existing.pk and sessions[0].room == "201诊室"
    assert str(sessions[1].valid_from) == "2030-01-01"


def test_a_session_marked_for_deletion_in_the_file_is_deleted(client, content_admin):
    expert = ExpertFactory(name="测试专家丑")
    campus = CampusFactory(name="测试院区北")
    kept, dropped = (WeeklySessionFactory(expert=expert, weekday=day, campus=campus) for day in (1, 2))
    file = xlsx(
        ["编号", "专家", "星期", "时段", "院区", "删除"],
        [
            [kept.pk, "测试专家丑", "周一", "上午", "测试院区北", ""],
            [dropped.pk, "测试专家丑", "周二", "上午", "测试院区北", "是"],
        ],
    )

    preview = upload(client, "weeklysession", file)
    assert WeeklySession.objects.filter(pk=dropped.pk).exists()
    confirm(client, "weeklysession", preview)

    assert list(expert.weekly_sessions.values_list("pk", flat=True)) == [kept.pk]


def test_an_unknown_session_number_is_a_row_error(client, content_admin):
    ExpertFactory(name="测试专家寅")
    CampusFactory(name="测试院区北")
    file = xlsx(["编号", "专家", "星期", "时段", "院区"], [[999999, "测试专家寅", "周一", "上午", "测试院区北"]])
    _assert_refused(upload(client, "weeklysession", file), "编号为 999999 的出诊安排不存在")
    assert not WeeklySession.objects.exists()


def _assert_refused(response, message):
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert "confirm_form" not in response.context
    assert "Traceback" not in html


@pytest.mark.parametrize(
    ("headers", "row", "message"),
    [
        (
            SESSION_HEADERS,
            ["", "测试专家", "周一", "上午", "测试院区", "", "", "", "", "", "", ""],
            "文件缺少必需的列：姓名",
        ),
        (["姓名", "科室名称"], ["测试导入丙", "测试内科"], "文件中有无法识别的列：科室名称"),
        (
            EXPERT_HEADERS,
            ["", "测试导入丙", "主任医师", "", "", "不存在的科室", "", "", "否", "是"],
            "没有名为“不存在的科室”的科室",
        ),
        (
            EXPERT_HEADERS,
            ["", "测试导入丙", "", "", "", "", "测试内科、不存在的科室", "", "", ""],
            "没有名为“不存在的科室”的科室",
        ),
        (EXPERT_HEADERS, ["", "测试导入丙", "大医师", "", "", "", "", "", "", ""], "职称“大医师”无法识别"),
        (EXPERT_HEADERS, ["", "", "主任医师", "", "", "", "", "", "", ""], "姓名：此字段不能为空"),
    ],
)
def test_a_bad_expert_file_changes_nothing(client, content_admin, headers, row, message):
    DepartmentFactory(name="测试内科")
    kept = ExpertFactory(name="测试专家辛")
    good_row = [kept.slug, "测试专家辛（改名）"] + [""] * (len(headers) - 2)
    before = list(Expert.objects.values_list("pk", "name", "slug"))

    response = upload(client, "expert", xlsx(headers, [good_row, row] if headers == EXPERT_HEADERS else [row]))

    _assert_refused(response, message)
    assert list(Expert.objects.values_list("pk", "name", "slug")) == before


@pytest.mark.parametrize(
    ("weekday", "period", "campus", "message"),
    [
        ("周八", "上午", "测试院区北", "星期“周八”无法识别，可填写：周一、周二、周三、周四、周五、周六、周日"),
        (9, "上午", "测试院区北", "星期“9”无法识别"),
        ("周一", "中午", "测试院区北", "时段“中午”无法识别"),
        ("周一", "上午", "不存在的院区", "没有名为“不存在的院区”的院区"),
        ("", "上午", "测试院区北", "请填写星期"),
    ],
)
def test_a_bad_schedule_file_changes_nothing(client, content_admin, weekday, period, campus, message):
    expert = ExpertFactory(name="测试专家壬")
    CampusFactory(name="测试院区北")
    existing = WeeklySessionFactory(expert=expert, weekday=1, period=1)
    good = ["", "测试专家壬", "周二", "下午", "测试院区北", "", "", "", "", "", "", ""]
    bad = ["", "测试专家壬", weekday, period, campus, "", "", "", "", "", "", ""]

    response = upload(client, "weeklysession", xlsx(SESSION_HEADERS, [good, bad]))

    _assert_refused(response, message)
    assert list(WeeklySession.objects.values_list("pk", flat=True)) == [existing.pk]


@pytest.mark.parametrize("value", ["²", "①", "１２", "٢"])
def test_numbers_in_a_file_are_ascii_digits(client, content_admin, value):
    ExpertFactory(name="测试专家癸")
    CampusFactory(name="测试院区北")

    experts = xlsx(["姓名", "显示顺序"], [["测试导入戊", value]])
    _assert_refused(upload(client, "expert", experts), f"显示顺序应为不大于 32767 的整数，而不是“{value}”")
    sessions = xlsx(["编号", "专家", "星期", "时段", "院区"], [[value, "测试专家癸", "周一", "上午", "测试院区北"]])
    _assert_refused(upload(client, "weeklysession", sessions), f"编号“{value}”不是导出文件中的编号")

    assert not Expert.objects.filter(name="测试导入戊").exists()
    assert not WeeklySession.objects.exists()


def test_a_file_that_is_not_an_excel_workbook_is_refused(client, content_admin):
    ExpertFactory(name="测试专家癸")
    before = list(Expert.objects.values_list("pk", "name"))
    for content in (b"\xe5\xa7\x93\xe5\x90\x8d\n\xe6\xb5\x8b\xe8\xaf\x95\n", b"%PDF-1.4 not a workbook", b""):
        response = upload(client, "expert", SimpleUploadedFile("专家.xlsx", content, content_type=XLSX_TYPE))
        assert response.status_code == 200
        assert "confirm_form" not in response.context
        html = response.content.decode()
        assert "请上传 Excel 文件（.xlsx）" in html or "提交的文件为空" in html
    assert list(Expert.objects.values_list("pk", "name")) == before


def test_a_bad_row_rolls_back_the_whole_import_even_without_the_preview():
    """The confirmation step re-reads the file; should it have changed in between, nothing is half-saved."""
    import tablib

    dataset = tablib.Dataset(headers=["网址标识", "姓名", "职称"])
    dataset.append(["", "测试导入丁", "主任医师"])
    dataset.append(["", "测试导入戊", "不存在的职称"])

    result = ExpertResource().import_data(dataset, dry_run=False)

    assert result.has_validation_errors()
    assert not Expert.objects.filter(name__startswith="测试导入").exists()


def test_experts_and_sessions_export_to_excel_with_chinese_columns(client, content_admin):
    session = WeeklySessionFactory(expert__name="测试专家子", weekday=6, period=3, campus__name="测试院区中")
    resource_fields = ExpertResource().get_export_order()
    response = client.post(
        reverse("admin:experts_expert_export"),
        {"format": "0", "resource": "0", **{f"expertresource_{name}": "on" for name in resource_fields}},
    )
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)
    assert rows[0][:3] == ("网址标识", "姓名", "职称")
    assert any("测试专家子" in row and "主任医师" in row for row in rows[1:])

    from apps.experts.resources import WeeklySessionResource

    response = client.post(
        reverse("admin:experts_weeklysession_export"),
        {
            "format": "0",
            "resource": "0",
            **{f"weeklysessionresource_{name}": "on" for name in WeeklySessionResource().get_export_order()},
        },
    )
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.values)
    assert rows[0][:5] == ("编号", "专家", "专家网址标识", "星期", "时段")
    assert rows[1][:6] == (str(session.pk), "测试专家子", session.expert.slug, "周六", "晚上", "测试院区中")


EXCEPTION_HEADERS = ["编号", "专家", "日期", "时段", "类型", "替诊专家", "原因", "院区"]


def test_importing_exceptions_previews_first_and_saves_only_on_confirmation(client, content_admin):
    doctor, colleague = ExpertFactory(name="测试专家停"), ExpertFactory(name="测试专家替")
    CampusFactory(name="测试院区北")
    file = xlsx(
        EXCEPTION_HEADERS,
        [
            ["", "测试专家停", "2030-02-10", "", "停诊", "", "春节放假", ""],
            ["", "测试专家停", "2030-02-11", "上午", "替诊", "测试专家替", "外出会诊", ""],
            ["", "测试专家停", "2030-02-12", "晚上", "加诊", "", "", "测试院区北"],
        ],
    )

    preview = upload(client, "scheduleexception", file)

    assert preview.status_code == 200
    assert "尚未保存" in preview.content.decode()
    assert not ScheduleException.objects.exists()
    assert confirm(client, "scheduleexception", preview).status_code == 302
    rows = list(doctor.schedule_exceptions.order_by("date").values_list("kind", "period", "substitute", "reason"))
    assert rows == [
        ("cancel", None, None, "春节放假"),
        ("substitute", 1, colleague.pk, "外出会诊"),
        ("extra", 3, None, ""),
    ]
    version = Version.objects.get_for_object(doctor.schedule_exceptions.first()).get()
    assert version.revision.comment == "从 Excel 文件导入"


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (["", "测试专家停", "2030-02-31", "", "停诊", "", "", ""], "日期：日期“2030-02-31”不是日期"),
        (
            ["", "测试专家停", "2030-02-11", "", "请假", "", "", ""],
            "类型：类型“请假”无法识别，可填写：停诊、替诊、加诊",
        ),
        (
            ["", "测试专家停", "2030-02-11", "", "替诊", "", "", ""],
            "替诊必须选择替诊专家；停诊和加诊不填替诊专家。",
        ),
        (["", "测试专家停", "2030-02-11", "", "替诊", "测试专家停", "", ""], "替诊专家不能是本人。"),
        (["", "测试专家停", "2030-02-11", "", "加诊", "", "", ""], "加诊必须填写时段和院区。"),
        (["", "没有这人", "2030-02-11", "", "停诊", "", "", ""], "专家：没有名为“没有这人”的专家"),
        (["", "测试专家停", "2030-02-10", "", "停诊", "", "", ""], "这位专家在这一天的这个时段已有一条"),
        ([999999, "测试专家停", "2030-02-11", "", "停诊", "", "", ""], "编号为 999999 的停诊、替诊或加诊记录不存在"),
    ],
)
def test_a_bad_exception_row_is_named_by_its_excel_row_and_nothing_is_saved(client, content_admin, row, message):
    ExpertFactory(name="测试专家停")
    good = ["", "测试专家停", "2030-02-10", "", "停诊", "", "春节放假", ""]

    response = upload(client, "scheduleexception", xlsx(EXCEPTION_HEADERS, [good, row]))

    _assert_refused(response, message)
    # The header is Excel's row 1, so the second data row is row 3.
    rows = re.findall(r"<tr>\s*<td>(\d+)</td>", response.content.decode())
    assert rows == ["3"]
    assert not ScheduleException.objects.exists()


def test_row_numbers_skip_blank_rows_as_excel_counts_them(client, content_admin):
    ExpertFactory(name="测试专家壬")
    CampusFactory(name="测试院区北")
    good = ["", "测试专家壬", "周二", "下午", "测试院区北", "", "", "", "", "", "", ""]
    bad = ["", "测试专家壬", "周八", "上午", "测试院区北", "", "", "", "", "", "", ""]
    blank = [""] * len(SESSION_HEADERS)

    response = upload(client, "weeklysession", xlsx(SESSION_HEADERS, [good, blank, blank, bad]))

    html = response.content.decode()
    # Header row 1, good row 2, two blank rows, the bad row is Excel's row 5.
    assert re.findall(r"<tr>\s*<td>(\d+)</td>", html) == ["5"]
    assert "行号与 Excel 左侧显示的行号一致（第 1 行是列名）" in html
