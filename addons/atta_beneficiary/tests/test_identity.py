import threading

import psycopg2

from odoo import api
from odoo.exceptions import ValidationError
from odoo.modules.registry import Registry
from odoo.orm.environments import Transaction
from odoo.tests import BaseCase, get_db_name, tagged
from odoo.tools import mute_logger

from .common import AttaBeneficiaryCase


@tagged("post_install", "-at_install")
class TestIdentityNumber(AttaBeneficiaryCase):
    def test_valid_numbers_from_the_domain_facts(self):
        for number, kind in (
            ("1000000008", "national_id"),
            ("2000000006", "iqama"),
            ("1234567897", "national_id"),
            ("2123456788", "iqama"),
        ):
            beneficiary = self._beneficiary(number, identity_type=kind)
            self.assertEqual(beneficiary.identity_number, number)

    def test_invalid_numbers_are_refused_with_the_reason(self):
        cases = {
            "1000000000": "check digit",
            "1071724369": "check digit",
            "1234567893": "check digit",
            "100000000": "10 digits",
            "10000000080": "10 digits",
            "2000000006": "starts with 1",  # an Iqama number typed as a national ID
        }
        for number, reason in cases.items():
            with self.subTest(number=number), self.assertRaisesText(ValidationError, reason):
                self._beneficiary(number)
        with self.assertRaisesText(ValidationError, "starts with 1"):
            self._beneficiary("3000000004")
        self.assertFalse(self.env["atta.beneficiary"].search([("name", "=", "Fatimah Ali Saleh Alqahtani")]))

    def test_arabic_indic_digits_are_normalised(self):
        beneficiary = self._beneficiary("١٠٠٠٠٠٠٠٠٨")
        self.assertEqual(beneficiary.identity_number, "1000000008")
        self.assertEqual(self.env["atta.beneficiary"].search([("identity_number", "=", "1000000008")]), beneficiary)

    def test_other_identity_documents_have_their_own_rule(self):
        passport = self._beneficiary("a1234567", identity_type="passport", nationality_id=self.env.ref("base.ye").id)
        self.assertEqual(passport.identity_number, "A1234567")
        with self.assertRaisesText(ValidationError, "5 to 20 letters"):
            self._beneficiary("A1#", identity_type="passport")

    def test_duplicate_identity_is_refused_and_an_archived_file_is_reopened(self):
        first = self._beneficiary("1234567897")
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(psycopg2.errors.UniqueViolation) as caught,
            self.env.cr.savepoint(),
        ):
            self._beneficiary("١٢٣٤٥٦٧٨٩٧", name="Someone Else")
        message = self.env["atta.beneficiary"]._sql_error_to_message(caught.exception)
        self.assertIn("already has this identity number", message)
        first._set_status("archived", "Moved to another city")
        returning = self._beneficiary("1234567897", name="Returning Beneficiary")
        self.assertEqual(returning, first, "the archived file is reopened, not duplicated")
        self.assertTrue(first.active)
        self.assertEqual(first.state, "draft")

    def test_phone_is_stored_in_e164_and_bad_phone_refused(self):
        beneficiary = self._beneficiary(phone="٠٥٠١٢٣٤٥٦٧")
        self.assertEqual(beneficiary.phone, "+966501234567")
        partners_before = self.env["res.partner"].search_count([])
        with self.assertRaisesText(ValidationError, "is not a phone number"):
            self._beneficiary("2000000006", identity_type="iqama", phone="12ab")
        self.assertEqual(self.env["res.partner"].search_count([]), partners_before)

    def test_birth_date_in_the_future_is_refused(self):
        with self.assertRaisesText(ValidationError, "in the future"):
            self._beneficiary(birth_date="2999-01-01")

    def test_hijri_date_is_shown_beside_the_birth_date(self):
        beneficiary = self._beneficiary(birth_date="2023-10-09")
        self.assertEqual(beneficiary.with_context(lang="ar_001").birth_date_hijri, "24/3/1445 هـ")
        self.assertEqual(beneficiary.with_context(lang="en_US").birth_date_hijri, "24 Rabi' al-Awwal 1445 AH")


@tagged("post_install", "-at_install")
class TestConcurrentRegistration(BaseCase):
    """Two desks register the same person at the same moment: one file survives.

    Each desk works in its own committed transaction, so this case has no test cursor.
    """

    def test_two_concurrent_creates_leave_one_record(self):
        registry = Registry(get_db_name())
        number = "2123456788"
        first_inserted = threading.Event()
        outcome = {}

        def create(name, wait_before_commit):
            with registry.cursor() as cr:
                # Environment() would look the registry up under its lock, which the test
                # runner holds while tests run: hand the cursor its transaction directly.
                cr.transaction = Transaction(registry)
                env = api.Environment(cr, api.SUPERUSER_ID, {"lang": "en_US"})
                try:
                    with mute_logger("odoo.sql_db"):
                        env["atta.beneficiary"].create(
                            {"name": name, "identity_type": "iqama", "identity_number": number}
                        )
                        env.flush_all()
                    first_inserted.set()
                    if wait_before_commit:
                        threading.Event().wait(0.5)
                    # Each desk is its own transaction.
                    cr.commit()  # pylint: disable=invalid-commit
                    outcome[name] = "created"
                except psycopg2.IntegrityError as error:
                    cr.rollback()
                    outcome[name] = env["atta.beneficiary"]._sql_error_to_message(error)
                except Exception as error:  # noqa: BLE001 - reported by the assertions below
                    outcome[name] = repr(error)
                    first_inserted.set()

        winner = threading.Thread(target=create, args=("Desk One", True))
        winner.start()
        first_inserted.wait(10)
        loser = threading.Thread(target=create, args=("Desk Two", False))
        loser.start()
        winner.join(20)
        loser.join(20)
        try:
            self.assertEqual(outcome.get("Desk One"), "created")
            self.assertIn("already has this identity number", outcome.get("Desk Two", ""))
            with registry.cursor() as cr:
                found = api.Environment(cr, api.SUPERUSER_ID, {})["atta.beneficiary"].search(
                    [("identity_number", "=", number)]
                )
                self.assertEqual(found.mapped("name"), ["Desk One"])
        finally:
            with registry.cursor() as cr:
                env = api.Environment(cr, api.SUPERUSER_ID, {})
                created = (
                    env["atta.beneficiary"].with_context(active_test=False).search([("identity_number", "=", number)])
                )
                partners = created.partner_id
                created.unlink()
                partners.unlink()
                # Remove what the desks committed.
                cr.commit()  # pylint: disable=invalid-commit
