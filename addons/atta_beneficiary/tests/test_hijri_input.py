from datetime import date

from odoo.exceptions import AccessError
from odoo.service.model import get_public_method
from odoo.tests import HttpCase, new_test_user, tagged

from ..tools.roles import OFFICER
from .common import AttaBeneficiaryCase


class TestHijriInput(AttaBeneficiaryCase):
    """Staff type the Hijri date a person gives them; the server converts it with the Umm al-Qura table."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calendar = cls.env["atta.hijri.calendar"].with_user(cls.officer)

    def test_a_hijri_date_typed_by_an_officer_gives_the_gregorian_day(self):
        answer = self.calendar.hijri_to_gregorian("24/03/1445")
        self.assertEqual(answer["date"], "2023-10-09")
        self.assertEqual(answer["hijri"], "24/03/1445")
        self.assertEqual(answer["label"], "24 Rabi' al-Awwal 1445 AH")
        self.assertNotIn("error", answer)

    def test_a_hijri_date_is_read_as_people_write_it(self):
        for typed in ("24/3/1445", "٢٤/٠٣/١٤٤٥", "24-03-1445 هـ", "24.3.1445 AH", " 1445/03/24 "):
            with self.subTest(typed=typed):
                self.assertEqual(self.calendar.hijri_to_gregorian(typed).get("date"), "2023-10-09")

    def test_the_converted_day_is_what_the_file_stores(self):
        beneficiary = self._beneficiary().with_user(self.officer)
        beneficiary.write({"birth_date": self.calendar.hijri_to_gregorian("24/03/1445")["date"]})
        self.assertEqual(beneficiary.birth_date, date(2023, 10, 9))
        self.assertEqual(beneficiary.with_context(lang="ar_001").birth_date_hijri, "24/3/1445 هـ")

    def test_an_out_of_range_hijri_date_is_refused_with_a_message(self):
        for typed in ("1/1/1200", "29/12/1342", "1/1/1501"):
            with self.subTest(typed=typed):
                answer = self.calendar.hijri_to_gregorian(typed)
                self.assertNotIn("date", answer)
                self.assertIn("outside the Umm al-Qura calendar", answer["error"])
                self.assertIn("from 1/1/1343 to 30/12/1500", answer["error"])
        self.assertEqual(self.calendar.hijri_to_gregorian("1/1/1343")["date"], "1924-08-01")
        self.assertEqual(self.calendar.hijri_to_gregorian("30/12/1500")["date"], "2077-11-16")

    def test_a_day_the_hijri_calendar_does_not_have_is_refused(self):
        # Muharram 1445 has 29 days in the Umm al-Qura calendar; there is no 13th month.
        for typed in ("30/13/1445", "30/1/1445", "0/3/1445"):
            with self.subTest(typed=typed):
                answer = self.calendar.hijri_to_gregorian(typed)
                self.assertNotIn("date", answer)
                self.assertIn("is not a real date", answer["error"])
        self.assertEqual(self.calendar.hijri_to_gregorian("30/2/1445")["date"], "2023-09-15", "Safar 1445 has 30")

    def test_an_unreadable_date_says_how_to_type_it(self):
        for typed in ("next week", "24/03", "24/03/1445 م", "2023-10-09T00:00"):
            with self.subTest(typed=typed):
                self.assertEqual(
                    self.calendar.hijri_to_gregorian(typed)["error"],
                    "Type the Hijri date as day/month/year, for example 24/03/1445.",
                )
        self.assertEqual(self.calendar.hijri_to_gregorian("  ")["date"], False, "an emptied box empties the date")

    def test_the_message_is_in_the_officers_language(self):
        self.env["res.lang"]._activate_lang("ar_001")
        arabic = self.calendar.with_context(lang="ar_001")
        self.assertEqual(arabic.hijri_to_gregorian("24/03/1445")["label"], "24/3/1445 هـ")
        self.assertIn("1/1/1343", arabic.hijri_to_gregorian("1/1/1200")["error"])

    def test_the_hijri_date_is_shown_beside_each_gregorian_day(self):
        shown = self.calendar.gregorian_to_hijri(["2023-10-09", "1900-01-01", "not a date", False])
        self.assertEqual(shown["2023-10-09"], {"hijri": "24/03/1445", "label": "24 Rabi' al-Awwal 1445 AH"})
        self.assertEqual(shown["1900-01-01"], {"hijri": "", "label": ""}, "before the table: nothing made up")
        self.assertNotIn("not a date", shown)

    def test_only_the_public_conversions_are_callable_from_the_web_client(self):
        Calendar = self.env["atta.hijri.calendar"]
        self.assertTrue(get_public_method(Calendar, "hijri_to_gregorian"))
        self.assertTrue(get_public_method(Calendar, "gregorian_to_hijri"))
        with self.assertRaises(AccessError):
            get_public_method(Calendar, "_parse_either")

    def test_the_form_asks_either_calendar_where_staff_type_a_persons_dates(self):
        views = {
            "atta.beneficiary": ["birth_date"],
            "atta.family.member": ["birth_date"],
            "atta.beneficiary.document": ["issue_date", "expiry_date"],
        }
        for model, names in views.items():
            arch = self.env[model].with_user(self.officer).get_view(view_type="form")["arch"]
            for name in names:
                with self.subTest(model=model, field=name):
                    self.assertIn(f'<field name="{name}" widget="atta_hijri_date"', arch)


@tagged("post_install", "-at_install")
class TestHijriDateTour(HttpCase):
    def test_officer_types_a_hijri_birth_date(self):
        # Arabic, the staff's working language: the Gregorian date is then written right to left.
        self.env["res.lang"]._activate_lang("ar_001")
        new_test_user(self.env, "hijri_officer", groups=OFFICER, lang="ar_001")
        self.start_tour(
            "/odoo/action-atta_beneficiary.beneficiary_action/new",
            "atta_beneficiary_hijri_date_tour",
            login="hijri_officer",
        )
        beneficiary = self.env["atta.beneficiary"].search([("identity_number", "=", "1234567897")])
        self.assertEqual(len(beneficiary), 1, "saved once, after the date was corrected")
        self.assertEqual(beneficiary.birth_date, date(2023, 10, 9))
