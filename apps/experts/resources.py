"""Excel import and export of experts, weekly clinic sessions and their exceptions (停诊/替诊/加诊), with
Chinese columns and messages.

Columns are named as an editor would write them (姓名, 职称, 星期…); choices are written by their
Chinese labels; departments, campuses and experts are found by name. A file with missing or unknown
columns, or any row that cannot be read, is refused as a whole: the import runs in one transaction
and nothing is saved until every row is right. Errors name each row by its number in Excel (row 1 holds
the column names).
"""

import datetime
import re

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from apps.core.models import Campus
from apps.core.pagination import ascii_int
from apps.departments.models import Department

from .models import ClinicType, Expert, Period, ScheduleException, Weekday, WeeklySession

LIST_SEPARATORS = re.compile(r"[,，、;；\n]+")
YES = {"是", "y", "yes", "true", "1", "√"}
NO = {"否", "n", "no", "false", "0", ""}


def _text(value):
    """A cell as text: numbers typed into Excel (1, 1.0) become "1", empty cells "".

    NUL characters are dropped: PostgreSQL cannot store them and no editor means to type one.
    """
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).replace("\x00", "").strip()


class TextWidget(widgets.CharWidget):
    def clean(self, value, row=None, **kwargs):
        return _text(value)


class ChoiceLabelWidget(widgets.Widget):
    """A choice written by its Chinese label (its stored value, or an alias, is accepted too)."""

    def __init__(self, choices, what, aliases=None, required=False, coerce=str, blank=""):
        super().__init__()
        self.blank = blank  # what an empty cell means: "" for text fields, None for nullable ones
        self.choices = choices
        self.what = what
        self.required = required
        self.coerce = coerce
        self.lookup = {str(label): value for value, label in choices}
        self.lookup.update({str(value): value for value, _label in choices})
        self.lookup.update(aliases or {})

    def clean(self, value, row=None, **kwargs):
        text = _text(value)
        if not text:
            if self.required:
                raise ValueError(_("请填写%(what)s。") % {"what": self.what})
            return self.blank
        if text not in self.lookup:
            raise ValueError(
                _("%(what)s“%(value)s”无法识别，可填写：%(labels)s。")
                % {"what": self.what, "value": text[:50], "labels": "、".join(str(label) for _v, label in self.choices)}
            )
        value = self.lookup[text]
        return self.blank if value is None else self.coerce(value)

    def render(self, value, obj=None, **kwargs):
        labels = dict(self.choices)
        return str(labels.get(value, "")) if value not in (None, "") else ""


class YesNoWidget(widgets.Widget):
    def __init__(self, what, default):
        super().__init__()
        self.what = what
        self.default = default

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, bool):
            return value
        text = _text(value).lower()
        if not text:
            return self.default
        if text in YES:
            return True
        if text in NO:
            return False
        raise ValueError(_("%(what)s应填写“是”或“否”，而不是“%(value)s”。") % {"what": self.what, "value": text[:50]})

    def render(self, value, obj=None, **kwargs):
        return _("是") if value else _("否")


class NumberWidget(widgets.Widget):
    def __init__(self, what, default):
        super().__init__()
        self.what = what
        self.default = default

    def clean(self, value, row=None, **kwargs):
        text = _text(value)
        if not text:
            return self.default
        number = ascii_int(text, max_digits=5)
        if number is None:
            raise ValueError(
                _("%(what)s应为不大于 32767 的整数，而不是“%(value)s”。") % {"what": self.what, "value": text[:50]}
            )
        return number


class RecordNumberWidget(widgets.Widget):
    """The 编号 of a record, as the export wrote it."""

    def clean(self, value, row=None, **kwargs):
        text = _text(value)
        if not text:
            return None
        number = ascii_int(text)
        if number is None:
            raise ValueError(_("编号“%(value)s”不是导出文件中的编号；新增的行请把编号留空。") % {"value": text[:50]})
        return number


class DateWidget(widgets.Widget):
    FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日")

    def __init__(self, what):
        super().__init__()
        self.what = what

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        text = _text(value)
        if not text:
            return None
        for date_format in self.FORMATS:
            try:
                return datetime.datetime.strptime(text, date_format).date()  # noqa: DTZ007 - a calendar date
            except ValueError:
                continue
        raise ValueError(
            _("%(what)s“%(value)s”不是日期，请写成 2025-06-01 这样。") % {"what": self.what, "value": text[:50]}
        )

    def render(self, value, obj=None, **kwargs):
        return value.isoformat() if value else ""


class TimeWidget(widgets.Widget):
    def __init__(self, what):
        super().__init__()
        self.what = what

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, datetime.datetime):
            return value.time()
        if isinstance(value, datetime.time):
            return value
        text = _text(value).replace("：", ":")
        if not text:
            return None
        for time_format in ("%H:%M", "%H:%M:%S"):
            try:
                return datetime.datetime.strptime(text, time_format).time()  # noqa: DTZ007 - a time of day
            except ValueError:
                continue
        raise ValueError(
            _("%(what)s“%(value)s”不是时间，请写成 08:30 这样。") % {"what": self.what, "value": text[:50]}
        )

    def render(self, value, obj=None, **kwargs):
        return value.strftime("%H:%M") if value else ""


class ByNameWidget(widgets.ForeignKeyWidget):
    """A department or campus found by its exact name, with a Chinese message when there is none."""

    def __init__(self, model, what, required=False):
        super().__init__(model, field="name")
        self.what = what
        self.required = required

    def clean(self, value, row=None, **kwargs):
        text = _text(value)
        if not text:
            if self.required:
                raise ValueError(_("请填写%(what)s。") % {"what": self.what})
            return None
        found = self.model._default_manager.filter(name=text).first()
        if found is None:
            raise ValueError(
                _("没有名为“%(value)s”的%(what)s，请检查名称是否与网站后台一致。")
                % {"value": text[:50], "what": self.what}
            )
        return found


class DepartmentsWidget(widgets.ManyToManyWidget):
    """Several departments in one cell, separated by 、 or commas; every name must exist."""

    def __init__(self):
        super().__init__(Department, separator="、", field="name")

    def clean(self, value, row=None, **kwargs):
        names = [name.strip() for name in LIST_SEPARATORS.split(_text(value)) if name.strip()]
        found = {d.name: d for d in Department.objects.filter(name__in=names)}
        missing = [name for name in names if name not in found]
        if missing:
            raise ValueError(
                _("没有名为“%(names)s”的科室，请检查名称是否与网站后台一致。") % {"names": "、".join(missing)[:200]}
            )
        return Department.objects.filter(pk__in=[d.pk for d in found.values()])


class ExpertByNameWidget(widgets.ForeignKeyWidget):
    """An expert by the slug in `slug_column` when given, else by name, which must then be unique."""

    def __init__(self, slug_column="专家网址标识", what="专家", required=True):
        super().__init__(Expert, field="name")
        self.slug_column = slug_column
        self.what = what
        self.required = required

    def clean(self, value, row=None, **kwargs):
        slug = _text((row or {}).get(self.slug_column))
        name = _text(value)
        if slug:
            expert = Expert.objects.filter(slug=slug).first()
            if expert is None:
                raise ValueError(_("没有网址标识为“%(slug)s”的专家。") % {"slug": slug[:80]})
            return expert
        if not name:
            if not self.required:
                return None
            raise ValueError(_("请填写%(what)s姓名。") % {"what": self.what})
        experts = list(Expert.objects.filter(name=name)[:2])
        if not experts:
            raise ValueError(_("没有名为“%(name)s”的专家，请先添加这位专家。") % {"name": name[:50]})
        if len(experts) > 1:
            raise ValueError(
                _("有不止一位专家名为“%(name)s”，请在“%(column)s”列注明是哪一位。")
                % {"name": name[:50], "column": self.slug_column}
            )
        return experts[0]


class ChineseResource(resources.ModelResource):
    """What both resources share: required and known columns, blank rows ignored, messages by column."""

    required_columns = ()

    def import_data(self, dataset, *args, rollback_on_validation_errors=True, **kwargs):
        # All or nothing: a row that does not validate undoes the rows before it.
        self.excel_rows = []
        result = super().import_data(dataset, *args, rollback_on_validation_errors=True, **kwargs)
        # Rows are numbered as Excel shows them, not from the first data row.
        for row in [*result.invalid_rows, *result.error_rows]:
            if row.number and row.number <= len(self.excel_rows):
                row.number = self.excel_rows[row.number - 1]
        return result

    def before_import(self, dataset, **kwargs):
        headers = [_text(header) for header in (dataset.headers or [])]
        known = {field.column_name for field in self.fields.values()}
        missing = [column for column in self.required_columns if column not in headers]
        unknown = [header for header in headers if header and header not in known]
        problems = []
        if missing:
            problems.append(_("文件缺少必需的列：%(columns)s。") % {"columns": "、".join(missing)})
        if unknown:
            problems.append(_("文件中有无法识别的列：%(columns)s。") % {"columns": "、".join(unknown)[:200]})
        if problems:
            problems.append(_("请使用“导出”下载的文件作为模板，第一行保留列名。"))
            raise ValueError("".join(problems))
        dataset.headers = headers
        # Rows Excel keeps after their contents were cleared are not data; the others keep their Excel
        # row number (the header is row 1) for the messages.
        self.excel_rows = [index + 2 for index in range(dataset.height) if any(_text(c) for c in dataset[index])]
        for index in reversed(range(dataset.height)):
            if not any(_text(cell) for cell in dataset[index]):
                del dataset[index]
        super().before_import(dataset, **kwargs)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        try:
            super().validate_instance(instance, import_validation_errors, validate_unique)
        except ValidationError as error:
            # Name each error by its column, as the editor's spreadsheet does, not by the model field.
            columns = {field.attribute: field.column_name for field in self.fields.values() if field.attribute}
            raise ValidationError(
                {
                    columns.get(key, key) if key != NON_FIELD_ERRORS else NON_FIELD_ERRORS: messages
                    for key, messages in error.message_dict.items()
                }
            ) from error


class ExpertResource(ChineseResource):
    required_columns = ("姓名",)

    slug = fields.Field(attribute="slug", column_name="网址标识", widget=TextWidget())
    name = fields.Field(attribute="name", column_name="姓名", widget=TextWidget())
    clinical_title = fields.Field(
        attribute="clinical_title", column_name="职称", widget=ChoiceLabelWidget(Expert.ClinicalTitle.choices, "职称")
    )
    academic_title = fields.Field(attribute="academic_title", column_name="学术职称", widget=TextWidget())
    degree = fields.Field(attribute="degree", column_name="学位", widget=TextWidget())
    roles = fields.Field(attribute="roles", column_name="行政职务", widget=TextWidget())
    primary_department = fields.Field(
        attribute="primary_department", column_name="主要科室", widget=ByNameWidget(Department, "科室")
    )
    departments = fields.Field(attribute="departments", column_name="所属科室", widget=DepartmentsWidget())
    specialties = fields.Field(attribute="specialties", column_name="擅长", widget=TextWidget())
    biography = fields.Field(attribute="biography", column_name="个人简介", widget=TextWidget())
    education = fields.Field(attribute="education", column_name="教育与进修经历", widget=TextWidget())
    academic_posts = fields.Field(attribute="academic_posts", column_name="学术任职", widget=TextWidget())
    honours = fields.Field(attribute="honours", column_name="荣誉", widget=TextWidget())
    is_visiting = fields.Field(
        attribute="is_visiting", column_name="院外特聘专家", widget=YesNoWidget("院外特聘专家", default=False)
    )
    schedule_note = fields.Field(attribute="schedule_note", column_name="出诊说明", widget=TextWidget())
    booking_url = fields.Field(attribute="booking_url", column_name="预约挂号链接", widget=TextWidget())
    display_order = fields.Field(
        attribute="display_order", column_name="显示顺序", widget=NumberWidget("显示顺序", default=100)
    )
    is_active = fields.Field(
        attribute="is_active", column_name="在网站显示", widget=YesNoWidget("在网站显示", default=True)
    )

    class Meta:
        model = Expert
        name = "专家"
        fields = (
            "slug", "name", "clinical_title", "academic_title", "degree", "roles", "primary_department",
            "departments", "specialties", "biography", "education", "academic_posts", "honours", "is_visiting",
            "schedule_note", "booking_url", "display_order", "is_active",
        )  # fmt: skip
        import_id_fields = ("slug",)
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
        use_transactions = True

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        # Without a 网址标识 column every row is a new expert.
        if "网址标识" not in dataset.headers:
            dataset.append_col([""] * dataset.height, header="网址标识")

    def get_queryset(self):
        return Expert.objects.select_related("primary_department").prefetch_related("departments")

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        # Many-to-many values are saved after the row; check them now so a bad name is a row error too.
        if "所属科室" in row:
            try:
                self.fields["departments"].clean(row)
            except ValueError as error:
                errors["departments"] = [str(error)]
        if errors:
            raise ValidationError(errors)

    def save_m2m(self, instance, row, **kwargs):
        super().save_m2m(instance, row, **kwargs)
        if instance.primary_department_id:
            instance.departments.add(instance.primary_department_id)


class NumberedRecordResource(ChineseResource):
    """Rows with the 编号 of the record they change (empty: a new record) and a 删除 column."""

    record_label = ""

    id = fields.Field(attribute="id", column_name="编号", widget=RecordNumberWidget(), readonly=True)
    delete = fields.Field(column_name="删除", widget=YesNoWidget("删除", default=False), readonly=True)

    def dehydrate_delete(self, record):
        return ""

    def before_import_row(self, row, **kwargs):
        try:
            number = self.fields["id"].clean(row) if "编号" in row else None
        except ValueError as error:
            raise ValidationError({"编号": str(error)}) from error
        if number is not None and not self._meta.model.objects.filter(pk=number).exists():
            message = _("编号为 %(number)s 的%(record)s不存在；新增的%(record)s请把编号留空。") % {
                "number": number,
                "record": self.record_label,
            }
            raise ValidationError({"编号": message})
        super().before_import_row(row, **kwargs)

    def for_delete(self, row, instance):
        return "删除" in row and self.fields["delete"].clean(row) is True


class WeeklySessionResource(NumberedRecordResource):
    EXPERT_SLUG_COLUMN = "专家网址标识"
    required_columns = ("专家", "星期", "时段", "院区")
    record_label = _("出诊安排")

    expert = fields.Field(attribute="expert", column_name="专家", widget=ExpertByNameWidget(EXPERT_SLUG_COLUMN))
    expert_slug = fields.Field(attribute="expert__slug", column_name=EXPERT_SLUG_COLUMN, readonly=True)
    weekday = fields.Field(
        attribute="weekday",
        column_name="星期",
        widget=ChoiceLabelWidget(
            Weekday.choices,
            "星期",
            aliases={
                **{f"星期{c}": n for n, c in enumerate("一二三四五六日", start=1)},
                "星期天": 7,
                "周天": 7,
            },
            required=True,
            coerce=int,
        ),
    )
    period = fields.Field(
        attribute="period",
        column_name="时段",
        widget=ChoiceLabelWidget(Period.choices, "时段", aliases={"晚间": 3, "夜间": 3}, required=True, coerce=int),
    )
    campus = fields.Field(attribute="campus", column_name="院区", widget=ByNameWidget(Campus, "院区", required=True))
    clinic_type = fields.Field(
        attribute="clinic_type",
        column_name="门诊类型",
        widget=ChoiceLabelWidget(ClinicType.choices, "门诊类型"),
        default=ClinicType.EXPERT,
    )
    building = fields.Field(attribute="building", column_name="楼栋", widget=TextWidget())
    floor = fields.Field(attribute="floor", column_name="楼层", widget=TextWidget())
    room = fields.Field(attribute="room", column_name="诊室", widget=TextWidget())
    start_time = fields.Field(attribute="start_time", column_name="开始时间", widget=TimeWidget("开始时间"))
    end_time = fields.Field(attribute="end_time", column_name="结束时间", widget=TimeWidget("结束时间"))
    note = fields.Field(attribute="note", column_name="备注", widget=TextWidget())
    valid_from = fields.Field(attribute="valid_from", column_name="生效日期", widget=DateWidget("生效日期"))
    valid_until = fields.Field(attribute="valid_until", column_name="截止日期", widget=DateWidget("截止日期"))

    class Meta:
        model = WeeklySession
        name = "每周出诊安排"
        fields = (
            "id", "expert", "expert_slug", "weekday", "period", "campus", "clinic_type", "building", "floor",
            "room", "start_time", "end_time", "note", "valid_from", "valid_until", "delete",
        )  # fmt: skip
        import_id_fields = ("id",)
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
        use_transactions = True

    def get_queryset(self):
        return WeeklySession.objects.select_related("expert", "campus")


class ScheduleExceptionResource(NumberedRecordResource):
    """停诊, 替诊 and 加诊 by date, as the sessions are: by expert name (or slug), labels for choices."""

    EXPERT_SLUG_COLUMN = "专家网址标识"
    SUBSTITUTE_SLUG_COLUMN = "替诊专家网址标识"
    required_columns = ("专家", "日期", "类型")
    record_label = _("停诊、替诊或加诊记录")

    expert = fields.Field(attribute="expert", column_name="专家", widget=ExpertByNameWidget(EXPERT_SLUG_COLUMN))
    expert_slug = fields.Field(attribute="expert__slug", column_name=EXPERT_SLUG_COLUMN, readonly=True)
    date = fields.Field(attribute="date", column_name="日期", widget=DateWidget("日期"))
    period = fields.Field(
        attribute="period",
        column_name="时段",
        widget=ChoiceLabelWidget(
            Period.choices, "时段", aliases={"晚间": 3, "夜间": 3, "全天": None}, coerce=int, blank=None
        ),
    )
    kind = fields.Field(
        attribute="kind",
        column_name="类型",
        widget=ChoiceLabelWidget(ScheduleException.Kind.choices, "类型", required=True),
    )
    substitute = fields.Field(
        attribute="substitute",
        column_name="替诊专家",
        widget=ExpertByNameWidget(SUBSTITUTE_SLUG_COLUMN, what="替诊专家", required=False),
    )
    substitute_slug = fields.Field(attribute="substitute__slug", column_name=SUBSTITUTE_SLUG_COLUMN, readonly=True)
    reason = fields.Field(attribute="reason", column_name="原因", widget=TextWidget())
    campus = fields.Field(attribute="campus", column_name="院区", widget=ByNameWidget(Campus, "院区"))
    clinic_type = fields.Field(
        attribute="clinic_type",
        column_name="门诊类型",
        widget=ChoiceLabelWidget(ClinicType.choices, "门诊类型"),
        default=ClinicType.EXPERT,
    )
    building = fields.Field(attribute="building", column_name="楼栋", widget=TextWidget())
    floor = fields.Field(attribute="floor", column_name="楼层", widget=TextWidget())
    room = fields.Field(attribute="room", column_name="诊室", widget=TextWidget())

    class Meta:
        model = ScheduleException
        name = "停诊、替诊与加诊"
        fields = (
            "id", "expert", "expert_slug", "date", "period", "kind", "substitute", "substitute_slug", "reason",
            "campus", "clinic_type", "building", "floor", "room", "delete",
        )  # fmt: skip
        import_id_fields = ("id",)
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
        use_transactions = True

    def get_queryset(self):
        return ScheduleException.objects.select_related("expert", "substitute", "campus")
