from odoo import api, fields, models

from ..tools.hijri import (
    HIJRI_FIRST,
    HIJRI_LAST,
    HijriDateError,
    hijri_date_string,
    hijri_numeric_string,
    parse_date_either,
    parse_hijri_date,
)


class AttaHijriCalendar(models.AbstractModel):
    """Umm al-Qura conversion for the web client: staff type the Hijri date a person gives them [S7.2].

    The date field widget calls these methods; the conversion stays on the server, with the same table
    (hijridate) as every Hijri date Atta prints. Nothing is read or written: any signed-in user may convert.
    """

    _name = "atta.hijri.calendar"
    _description = "Hijri Calendar"

    @api.model
    def hijri_to_gregorian(self, text):
        """{'date': '2023-10-09', 'hijri': '24/03/1445', 'label': …} for a typed Hijri date, or {'error': …}."""
        if not isinstance(text, str) or not text.strip():
            return {"date": False, "hijri": "", "label": ""}
        try:
            value = parse_hijri_date(text)
        except HijriDateError as error:
            return {"error": self._date_problem_message(error, hijri_only=True)}
        return {"date": fields.Date.to_string(value), **self._hijri_strings(value)}

    @api.model
    def gregorian_to_hijri(self, values):
        """{'2023-10-09': {'hijri': '24/03/1445', 'label': '24/3/1445 هـ'}} for each ISO date given."""
        if isinstance(values, str):
            values = [values]
        result = {}
        for value in values or []:
            try:
                day = fields.Date.to_date(value)
            except (TypeError, ValueError):
                continue
            if day:
                result[value] = self._hijri_strings(day)
        return result

    @api.model
    def _hijri_strings(self, value):
        return {"hijri": hijri_numeric_string(value), "label": hijri_date_string(value, self.env.lang or "en_US")}

    @api.model
    def _parse_either(self, text):
        """(date, None) of a date typed in either calendar, or (None, the message to show beside the field)."""
        try:
            value, __ = parse_date_either(text)
        except HijriDateError as error:
            return None, self._date_problem_message(error, hijri_only=False)
        return value, None

    @api.model
    def _date_problem_message(self, error, hijri_only):
        """What is wrong with a typed date and how to type it, in words a front-desk officer understands."""
        if error.reason == "range":
            first = "/".join(str(part) for part in reversed(HIJRI_FIRST))
            last = "/".join(str(part) for part in reversed(HIJRI_LAST))
            return self.env._(
                "%(date)s is outside the Umm al-Qura calendar: Hijri dates can be typed from %(first)s to "
                "%(last)s. Check the year, or type the date in Gregorian.",
                date=error.text,
                first=first,
                last=last,
            )
        if error.reason == "invalid":
            return self.env._(
                "%(date)s is not a real date: the month is 1 to 12 and the day at most 29 or 30 (Hijri) or 31 "
                "(Gregorian). Check the date on the document.",
                date=error.text,
            )
        if hijri_only:
            return self.env._("Type the Hijri date as day/month/year, for example 24/03/1445.")
        return self.env._(
            "Type the date as day/month/year, in Hijri (for example 24/03/1445) or in Gregorian (for example "
            "09/10/2023)."
        )
