from datetime import date

from hijridate import Gregorian, Hijri

from odoo import sql_db
from odoo.exceptions import ConcurrencyError
from odoo.tests import TransactionCase, tagged

from ..tools import next_hijri_number


@tagged("post_install", "-at_install")
class TestHijriNumbers(TransactionCase):
    """Numbers restart each Hijri year, and two numbers drawn at once on its first day both get one."""

    CODE = "atta.letter.incoming"
    DAY = date(2045, 3, 1)  # a year no other test draws numbers in

    def test_numbers_restart_with_the_hijri_year(self):
        year = Gregorian.fromdate(self.DAY).to_hijri().year
        first = next_hijri_number(self.env, self.CODE, "IN", self.DAY)
        second = next_hijri_number(self.env, self.CODE, "IN", self.DAY)
        next_year = Hijri(year + 1, 1, 1).to_gregorian()
        self.assertEqual((first, second), (f"IN-{year}-00001", f"IN-{year}-00002"))
        self.assertEqual(next_hijri_number(self.env, self.CODE, "IN", next_year), f"IN-{year + 1}-00001")

    def test_year_opened_meanwhile_by_another_submission_is_retried(self):
        """The range created and committed by another transaction is a conflict to retry, not an error."""
        sequence = self.env.ref("atta_beneficiary.sequence_letter_incoming")
        year = Gregorian.fromdate(self.DAY).to_hijri().year
        start, end = Hijri(year, 1, 1).to_gregorian(), Hijri(year + 1, 1, 1).to_gregorian()
        self.env.cr.execute("SELECT 1")  # this transaction's snapshot is taken before the other one commits
        other = sql_db.db_connect(self.env.cr.dbname).cursor()
        try:
            other.execute(
                "INSERT INTO ir_sequence_date_range (sequence_id, date_from, date_to, number_next) "
                "VALUES (%s, %s, %s - 1, 1) RETURNING id",
                [sequence.id, start, end],
            )
            range_id = other.fetchone()[0]
            other.commit()
            with self.assertRaises(ConcurrencyError):
                next_hijri_number(self.env, self.CODE, "IN", self.DAY)
        finally:
            other.execute("DELETE FROM ir_sequence_date_range WHERE id = %s", [range_id])
            other.commit()
            other.close()
