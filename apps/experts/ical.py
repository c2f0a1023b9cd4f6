"""An expert's clinic sessions as an iCalendar (RFC 5545) document, written by hand.

Times are local to the hospital (TZID=Asia/Shanghai, described by a VTIMEZONE: China keeps no summer
time), lines end in CRLF and are folded at 75 octets without splitting a character, and text values
are escaped as section 3.3.11 requires.
"""

import datetime

from django.utils.translation import gettext as _

from .timetable import Session

PRODID = "-//Hengyang Central Hospital//Expert clinic schedule//ZH"
TZID = "Asia/Shanghai"
VTIMEZONE = [
    "BEGIN:VTIMEZONE",
    f"TZID:{TZID}",
    "BEGIN:STANDARD",
    "DTSTART:19700101T000000",
    "TZOFFSETFROM:+0800",
    "TZOFFSETTO:+0800",
    "TZNAME:CST",
    "END:STANDARD",
    "END:VTIMEZONE",
]
MAX_OCTETS = 75


def escape_text(value):
    """A TEXT value: backslash, semicolon, comma and line breaks escaped."""
    value = str(value).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def fold(line):
    """Splits a content line into pieces of at most 75 octets, continuation pieces starting with a space."""
    pieces, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > MAX_OCTETS:
            pieces.append(current)
            current, size = " ", 1
        current += char
        size += width
    pieces.append(current)
    return "\r\n".join(pieces)


def _local(moment):
    return moment.strftime("%Y%m%dT%H%M%S")


def _utc(moment):
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def _event(expert, session, *, uid_domain, page_url, stamp):
    place = " ".join(part for part in (session.campus.name, session.location) if part)
    summary = f"{expert.name} {session.clinic_type_label}".strip()
    description = [
        _("%(date)s %(weekday)s%(period)s")
        % {
            "date": f"{session.date:%Y-%m-%d}",
            "weekday": session.weekday_label,
            "period": session.period_label,
        }
    ]
    status = "CONFIRMED"
    if session.status == Session.CANCELLED:
        summary = _("【停诊】%(summary)s") % {"summary": summary}
        status = "CANCELLED"
    elif session.status == Session.SUBSTITUTED:
        summary = _("【替诊】%(summary)s") % {"summary": summary}
        status = "CANCELLED"
        if session.substitute:
            description.append(_("由%(name)s替诊") % {"name": session.substitute.name})
    elif session.status == Session.EXTRA:
        summary = _("【加诊】%(summary)s") % {"summary": summary}
    elif session.status == Session.SUBSTITUTING:
        summary = _("【替诊】%(summary)s") % {"summary": summary}
        description.append(_("代%(name)s出诊") % {"name": session.replaces.name})
    for text in (session.reason, session.note):
        if text:
            description.append(text)
    description.append(_("出诊时间以医院当日安排为准。"))
    # The UID names the session, not its state: a later 停诊 updates the same entry in a subscribed calendar.
    owner = session.replaces.slug if session.status == Session.SUBSTITUTING else expert.slug
    uid = f"{owner}-{session.date:%Y%m%d}-{session.period}{'-cover' if session.replaces else ''}@{uid_domain}"
    return [
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"DTSTAMP:{_utc(stamp)}",
        f"DTSTART;TZID={TZID}:{_local(session.start)}",
        f"DTEND;TZID={TZID}:{_local(session.end)}",
        f"SUMMARY:{escape_text(summary)}",
        f"LOCATION:{escape_text(place)}",
        f"DESCRIPTION:{escape_text(chr(10).join(description))}",
        f"STATUS:{status}",
        f"URL:{page_url}",
        "TRANSP:OPAQUE",
        "END:VEVENT",
    ]


def expert_calendar(expert, sessions, *, calendar_name, uid_domain, page_url, stamp):
    """The whole VCALENDAR as a string, CRLF line endings included."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(calendar_name)}",
        f"X-WR-TIMEZONE:{TZID}",
        "REFRESH-INTERVAL;VALUE=DURATION:PT1H",
        "X-PUBLISHED-TTL:PT1H",
        *VTIMEZONE,
    ]
    for session in sessions:
        lines.extend(_event(expert, session, uid_domain=uid_domain, page_url=page_url, stamp=stamp))
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
