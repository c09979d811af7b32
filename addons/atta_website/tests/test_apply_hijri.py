from datetime import date, timedelta

from odoo.tests import HttpCase, tagged

from .apply_common import AttaApplyCase


@tagged("post_install", "-at_install")
class TestApplyHijriDates(AttaApplyCase):
    """The public form takes a date of birth in either calendar, as the applicant's document gives it."""

    def _new_file(self):
        return self.env["atta.beneficiary"].search([("identity_number", "=", "1234567897")])

    def test_a_hijri_birth_date_is_stored_in_gregorian(self):
        answer = self._answer(self._fields(birth_date="24/03/1445"))
        application = self.env["atta.online.application"].browse(answer["id"])
        self.assertEqual(application.birth_date, date(2023, 10, 9))
        self.assertEqual(self._new_file().birth_date, date(2023, 10, 9), "the new file carries it")

    def test_a_birth_date_is_read_in_either_calendar(self):
        for typed, expected in (
            ("٠٩/١٠/٢٠٢٣", date(2023, 10, 9)),
            ("1/1/1400 هـ", date(1979, 11, 20)),
            ("", False),
        ):
            with self.subTest(typed=typed):
                answer = self._answer(self._fields(birth_date=typed))
                self.assertEqual(self.env["atta.online.application"].browse(answer["id"]).birth_date, expected)

    def test_an_out_of_range_hijri_birth_date_is_refused_beside_the_field(self):
        before = self._counts()
        for typed in ("1/1/1200", "1/1/1200 هـ", "30/13/1445", "yesterday"):
            with self.subTest(typed=typed):
                answer = self._answer(self._fields(birth_date=typed))
                self.assertNotIn("id", answer)
                self.assertEqual(list(answer["error_fields"]), ["birth_date"], "only that field is marked")
                self.assertTrue(answer["error"])
        answer = self._answer(self._fields(birth_date="1/1/1200"))
        self.assertIn("1/1/1343", answer["error_fields"]["birth_date"])
        self.assertIn("30/12/1500", answer["error_fields"]["birth_date"])
        self.assertEqual(self._counts(), before, "nothing created")

    def test_a_birth_date_in_the_future_or_a_mistyped_century_is_refused(self):
        before = self._counts()
        after_tomorrow = date.today() + timedelta(days=2)
        for typed in (after_tomorrow.strftime("%d/%m/%Y"), "01/01/1890", "1/1/1500"):
            with self.subTest(typed=typed):
                answer = self._answer(self._fields(birth_date=typed))
                self.assertNotIn("id", answer)
                self.assertIn("120", answer["error_fields"]["birth_date"])
        self.assertEqual(self._counts(), before)


@tagged("post_install", "-at_install")
class TestApplyHijriTour(HttpCase):
    def test_a_visitor_types_a_hijri_birth_date(self):
        self.start_tour("/apply", "atta_apply_hijri_tour")
        applications = self.env["atta.online.application"].search([("identity_number", "=", "1234567897")])
        self.assertEqual(len(applications), 1, "the refused attempt created nothing")
        self.assertEqual(applications.birth_date, date(2023, 10, 9))
        self.assertEqual(applications.beneficiary_id.birth_date, date(2023, 10, 9))
