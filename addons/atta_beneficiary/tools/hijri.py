"""Umm al-Qura dates shown beside Gregorian ones (dates the system computes itself)."""

from hijridate import Gregorian


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
