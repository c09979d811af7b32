"""Numbers such as REQ-1448-00042 that restart with each Hijri year."""

from datetime import timedelta

import psycopg2.errors
from hijridate import Gregorian, Hijri

from odoo import fields
from odoo.exceptions import ConcurrencyError


def next_hijri_number(env, code, prefix, on_date):
    """Next number of sequence `code` for the Hijri year of `on_date`, as PREFIX-YYYY-NNNNN.

    The sequence must use date ranges: one range per Hijri year is created on first use,
    so the counter restarts on 1 Muharram rather than on 1 January.
    """
    sequence = (
        env["ir.sequence"]
        .sudo()
        .search([("code", "=", code), ("company_id", "in", [env.company.id, False])], order="company_id", limit=1)
    )
    if not sequence:
        return "/"
    year = Gregorian.fromdate(on_date).to_hijri().year
    start = Hijri(year, 1, 1).to_gregorian()
    end = Hijri(year + 1, 1, 1).to_gregorian() - timedelta(days=1)
    ranges = sequence.date_range_ids.filtered(lambda r: r.date_from <= on_date <= r.date_to)
    if not ranges:
        # Two numbers drawn at once on the first day of a year both create its range: the second is
        # retried by Odoo (ConcurrencyError) with a snapshot that sees the range, instead of failing.
        try:
            with env.cr.savepoint():
                env["ir.sequence.date_range"].sudo().create(
                    {"sequence_id": sequence.id, "date_from": start, "date_to": end, "number_next": 1}
                )
        except psycopg2.errors.UniqueViolation as error:
            raise ConcurrencyError(f"the {code} range of {year} was created at the same time") from error
    number = sequence._next(sequence_date=on_date)
    return f"{prefix}-{year}-{number}"


def number_new_records(model, vals_list, code, prefix=None, date_field=None, field="name"):
    """Give each record about to be created without a number (none, or the "/" placeholder) its number.

    With a `prefix` the number restarts each Hijri year (`next_hijri_number`), dated by the record's
    `date_field` or else today; without one it is sequence `code`'s own next number. Call it after the
    values were checked, so that the number is never taken for a record that is refused.
    """
    today = fields.Date.context_today(model)
    for vals in vals_list:
        if vals.get(field) and vals[field] != "/":
            continue
        if prefix is None:
            vals[field] = model.env["ir.sequence"].next_by_code(code) or "/"
        else:
            on_date = fields.Date.to_date(vals.get(date_field)) if date_field else None
            vals[field] = next_hijri_number(model.env, code, prefix, on_date or today)
