"""Umm al-Qura dates: shown beside Gregorian ones, and read back when a person gives one."""

import re
from datetime import date

from hijridate import Gregorian, Hijri
from hijridate.ummalqura import GREGORIAN_RANGE, HIJRI_RANGE

from .identity import _DIGITS

# The Umm al-Qura table hijridate carries: dates outside it cannot be converted either way.
HIJRI_FIRST, HIJRI_LAST = HIJRI_RANGE
GREGORIAN_FIRST, GREGORIAN_LAST = (date(*bounds) for bounds in GREGORIAN_RANGE)
# A year below this, typed without an era mark, is a Hijri year: nobody alive was born before 1600 AD.
FIRST_GREGORIAN_YEAR = 1600
# Era marks a person may add after a date: Hijri (هـ, AH, H) or Gregorian (م, AD, G).
HIJRI_MARKS = ("هـ", "ه", "ah", "h")
GREGORIAN_MARKS = ("م", "ad", "g")
DAY_MONTH_YEAR = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})")
YEAR_MONTH_DAY = re.compile(r"(\d{4})[/.\-](\d{1,2})[/.\-](\d{1,2})")


class HijriDateError(ValueError):
    """A date a person typed that cannot be read; `reason` is "format", "invalid" or "range"."""

    def __init__(self, reason, text=""):
        super().__init__(f"{reason}: {text}")
        self.reason = reason
        self.text = text


def hijri_year(value):
    """Hijri year of a Gregorian date, or None outside the Umm al-Qura range."""
    try:
        return Gregorian.fromdate(value).to_hijri().year
    except (OverflowError, ValueError):
        return None


def hijri_date_string(value, lang="ar"):
    """'24/3/1445 هـ' in Arabic, '24 Rabi' al-Awwal 1445 AH' otherwise; '' when out of range."""
    if not value:
        return ""
    try:
        hijri = Gregorian.fromdate(value).to_hijri()
    except (OverflowError, ValueError):
        return ""
    if (lang or "").startswith("ar"):
        return f"{hijri.day}/{hijri.month}/{hijri.year} {hijri.notation('ar')}"
    return f"{hijri.day} {hijri.month_name('en')} {hijri.year} {hijri.notation('en')}"


def hijri_datetime_string(record, value, lang="ar"):
    """The Hijri date of a stored (UTC) datetime, on the day it is in the user's time zone."""
    if not value:
        return ""
    from odoo import fields  # noqa: PLC0415 - keep this module importable without Odoo

    return hijri_date_string(fields.Datetime.context_timestamp(record, value).date(), lang)


def hijri_numeric_string(value):
    """'24/03/1445': the Hijri date of a Gregorian date as it is typed back; '' when out of range."""
    if not value:
        return ""
    try:
        hijri = Gregorian.fromdate(value).to_hijri()
    except (OverflowError, ValueError):
        return ""
    return f"{hijri.day:02d}/{hijri.month:02d}/{hijri.year}"


def _split_date(text):
    """(day, month, year, era) of a typed date; era is "hijri", "gregorian" or None when not marked."""
    cleaned = (text or "").translate(_DIGITS).strip().lower()
    era = None
    for marks, name in ((HIJRI_MARKS, "hijri"), (GREGORIAN_MARKS, "gregorian")):
        mark = next((m for m in marks if cleaned.endswith(m)), None)
        if mark and not cleaned[: -len(mark)].rstrip()[-1:].isalpha():
            cleaned, era = cleaned[: -len(mark)].strip().rstrip("."), name
            break
    cleaned = "".join(cleaned.split())
    found = DAY_MONTH_YEAR.fullmatch(cleaned)
    if found:
        day, month, year = (int(part) for part in found.groups())
        return day, month, year, era
    found = YEAR_MONTH_DAY.fullmatch(cleaned)
    if found:
        year, month, day = (int(part) for part in found.groups())
        return day, month, year, era
    raise HijriDateError("format", text)


def hijri_to_gregorian(day, month, year):
    """The Gregorian date of an Umm al-Qura date; HijriDateError when it does not exist or is out of range."""
    if (year, month, day) < HIJRI_FIRST or (year, month, day) > HIJRI_LAST:
        raise HijriDateError("range", f"{day}/{month}/{year}")
    try:
        gregorian = Hijri(year, month, day).to_gregorian()
    except OverflowError as error:
        raise HijriDateError("range", f"{day}/{month}/{year}") from error
    except ValueError as error:  # a 13th month, a 30th day of a 29-day month…
        raise HijriDateError("invalid", f"{day}/{month}/{year}") from error
    return date(gregorian.year, gregorian.month, gregorian.day)


def parse_hijri_date(text):
    """The Gregorian date of a Hijri date typed as 24/03/1445 (Arabic-Indic digits and an era mark allowed)."""
    day, month, year, era = _split_date(text)
    if era == "gregorian":
        raise HijriDateError("format", text)
    return hijri_to_gregorian(day, month, year)


def parse_date_either(text):
    """(Gregorian date, calendar) of a date typed in either calendar.

    An era mark decides (هـ/AH or م/AD); otherwise a year before 1600 is Hijri, a later one Gregorian.
    """
    day, month, year, era = _split_date(text)
    if era == "hijri" or (era is None and year < FIRST_GREGORIAN_YEAR):
        return hijri_to_gregorian(day, month, year), "hijri"
    try:
        return date(year, month, day), "gregorian"
    except ValueError as error:
        raise HijriDateError("invalid", text) from error
