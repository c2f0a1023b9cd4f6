"""The admin's weekly grid of an expert's clinic sessions: 周一…周日 × 上午/下午/晚上, one cell per half-day.

Each cell holds the campus (empty: no session), the clinic type and the room of the session that is in
effect or still to come in that half-day. A half-day with several dated sessions (one ending, the next
starting) cannot be shown as one cell: it is shown as text, with a link to the list where each is edited.
Building, floor, hours, notes and dates are kept as they are; the sessions list edits them.
"""

from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.core.models import Campus

from .models import ClinicType, Expert, Period, Weekday, WeeklySession
from .timetable import local_today

SLOTS = [(day, period) for day in Weekday for period in Period]
CELL_PARTS = ("campus", "clinic_type", "room")
PART_LABELS = {"campus": _("院区"), "clinic_type": _("门诊类型"), "room": _("诊室")}
ROOM_MAX_LENGTH = WeeklySession._meta.get_field("room").max_length
NO_SUCH_CHOICE = _("没有“%(value)s”这个选项，请重新选择。")
TOO_LONG = _("最多填写 %(limit_value)d 个字（现在是 %(show_value)d 个）。")


def slot_label(slot):
    day, period = slot
    return f"{Weekday(day).label}{Period(period).label}"


@dataclass(frozen=True)
class Cell:
    """What one grid cell says: a session at `campus_id`, of `clinic_type`, in `room`."""

    campus_id: int
    clinic_type: str
    room: str


class WeeklyGridWidget(forms.MultiWidget):
    """A table of days by periods; each cell a campus select, a clinic-type select and a room input."""

    template_name = "experts/widgets/weekly_grid.html"  # in the app: the form renderer looks in app folders

    class Media:
        css = {"all": ["css/admin-schedule.css"]}

    def __init__(self, attrs=None):
        widgets = {}
        for day, period in SLOTS:
            widgets[f"{day}_{period}_campus"] = forms.Select()
            widgets[f"{day}_{period}_clinic_type"] = forms.Select(choices=ClinicType.choices)
            widgets[f"{day}_{period}_room"] = forms.TextInput(attrs={"size": 12})
        super().__init__(widgets, attrs)
        self.locked = {}  # slot: the dated sessions shown as text instead of a cell
        self.notes = {}  # slot: what the cell's session keeps besides campus, type and room
        self.sessions_url = ""

    def decompress(self, value):
        return value or [None] * len(self.widgets)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        subwidgets = context["widget"]["subwidgets"]
        rows = []
        for day in Weekday:
            cells = []
            for period in Period:
                slot = (day.value, period.value)
                index = SLOTS.index(slot) * len(CELL_PARTS)
                parts = [
                    {"label": PART_LABELS[part], "widget": subwidgets[index + offset]}
                    for offset, part in enumerate(CELL_PARTS)
                ]
                cells.append(
                    {
                        "label": slot_label(slot),
                        "parts": parts,
                        "locked": self.locked.get(slot, []),
                        "note": self.notes.get(slot, ""),
                    }
                )
            rows.append({"label": day.label, "cells": cells})
        context["widget"].update(rows=rows, periods=[period.label for period in Period], sessions_url=self.sessions_url)
        return context


class WeeklyGridField(forms.MultiValueField):
    """Cleans the grid to {slot: Cell or None}; each error names its half-day, and any error saves nothing."""

    widget = WeeklyGridWidget

    def __init__(self, **kwargs):
        fields = []
        for _slot in SLOTS:
            fields += [
                forms.TypedChoiceField(
                    coerce=int, required=False, empty_value=None, error_messages={"invalid_choice": NO_SUCH_CHOICE}
                ),
                forms.ChoiceField(
                    choices=ClinicType.choices, required=False, error_messages={"invalid_choice": NO_SUCH_CHOICE}
                ),
                forms.CharField(max_length=ROOM_MAX_LENGTH, required=False, error_messages={"max_length": TOO_LONG}),
            ]
        super().__init__(fields, require_all_fields=False, required=False, **kwargs)

    def set_campuses(self, campuses):
        choices = [("", _("不出诊")), *((campus.pk, campus.name) for campus in campuses)]
        for index in range(0, len(self.fields), len(CELL_PARTS)):
            self.fields[index].choices = choices
            self.widget.widgets[index].choices = choices

    def clean(self, value):
        value = value or [None] * len(self.fields)
        cells, errors = {}, []
        for position, slot in enumerate(SLOTS):
            if slot in self.widget.locked:
                continue
            cleaned = {}
            for offset, part in enumerate(CELL_PARTS):
                index = position * len(CELL_PARTS) + offset
                try:
                    cleaned[part] = self.fields[index].clean(value[index] if index < len(value) else None)
                except ValidationError as error:
                    errors += [f"{slot_label(slot)} {PART_LABELS[part]}：{message}" for message in error.messages]
            if errors or cleaned.get("campus") is None:
                if cleaned.get("room"):
                    errors.append(
                        _("%(slot)s：填写了诊室但没有选择院区；不出诊请清空诊室。") % {"slot": slot_label(slot)}
                    )
                cells[slot] = None
                continue
            cells[slot] = Cell(cleaned["campus"], cleaned["clinic_type"] or ClinicType.EXPERT, cleaned["room"])
        if errors:
            raise ValidationError(errors)
        return cells


class WeeklyGrid:
    """An expert's sessions as the grid shows them, and how a cleaned grid is saved back."""

    def __init__(self, expert):
        self.expert = expert
        self.today = local_today()
        self.by_slot = {slot: [] for slot in SLOTS}
        self.ended_slots = set()
        if expert.pk:
            for session in WeeklySession.objects.filter(expert=expert).select_related("campus").order_by("valid_from"):
                slot = (session.weekday, session.period)
                if session.valid_until is not None and session.valid_until < self.today:
                    self.ended_slots.add(slot)
                else:
                    self.by_slot[slot].append(session)

    def locked(self):
        """The half-days with more than one session in effect or to come: edited in the sessions list."""
        return {slot: sessions for slot, sessions in self.by_slot.items() if len(sessions) > 1}

    def notes(self):
        notes = {}
        for slot, sessions in self.by_slot.items():
            if len(sessions) == 1:
                session = sessions[0]
                parts = [session.building, session.floor, session.note]
                if session.valid_from:
                    parts.append(_("%(date)s 起") % {"date": session.valid_from.isoformat()})
                if session.valid_until:
                    parts.append(_("至 %(date)s") % {"date": session.valid_until.isoformat()})
                notes[slot] = " ".join(str(part) for part in parts if part)
        return notes

    def initial(self):
        values = []
        for slot in SLOTS:
            sessions = self.by_slot[slot]
            session = sessions[0] if len(sessions) == 1 else None
            values += [session.campus_id, session.clinic_type, session.room] if session else [None, None, None]
        return values

    def save(self, cells):
        """Creates, changes or deletes the sessions whose cell changed; untouched cells are left alone."""
        for slot, cell in cells.items():
            sessions = self.by_slot[slot]
            session = sessions[0] if sessions else None
            if cell is None:
                if session is not None:
                    session.delete()
                continue
            if session is None:
                day, period = slot
                # A session that ended keeps its slot without a first day: the new one starts today.
                valid_from = self.today if slot in self.ended_slots else None
                session = WeeklySession(expert=self.expert, weekday=day, period=period, valid_from=valid_from)
            elif (session.campus_id, session.clinic_type, session.room) == (
                cell.campus_id,
                cell.clinic_type,
                cell.room,
            ):
                continue
            session.campus_id, session.clinic_type, session.room = cell.campus_id, cell.clinic_type, cell.room
            session.save()


class ExpertAdminForm(forms.ModelForm):
    """The expert's form with their weekly sessions as a grid, saved after the expert (see ExpertAdmin)."""

    weekly_grid = WeeklyGridField(
        label=_("每周出诊"),
        help_text=_("每个半天选择院区即为出诊，选“不出诊”即取消；门诊类型和诊室可随时修改。"),
    )

    class Meta:
        model = Expert
        # ExpertAdmin's fieldsets choose the fields; the grid is declared above.
        fields = ("name",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.grid = WeeklyGrid(self.instance)
        field = self.fields["weekly_grid"]
        field.set_campuses(Campus.objects.only("name"))
        field.widget.locked = self.grid.locked()
        field.widget.notes = self.grid.notes()
        field.widget.sessions_url = (
            reverse("admin:experts_weeklysession_changelist") + f"?expert__id__exact={self.instance.pk}"
            if self.instance.pk
            else ""
        )
        self.initial["weekly_grid"] = self.grid.initial()

    def save_weekly_grid(self):
        self.grid.save(self.cleaned_data["weekly_grid"])
