"""What the applicant sent online is where the officer works, marked as declared, and signed by the applicant."""

from odoo import Command
from odoo.tests import tagged

from .apply_common import AttaApplyCase


@tagged("post_install", "-at_install")
class TestApplyDeclared(AttaApplyCase):
    def _apply(self, **values):
        answer = self._answer(self._fields(**values))
        self.assertIn("id", answer, answer)
        return self.env["atta.online.application"].browse(answer["id"])

    def test_the_household_and_income_declared_online_are_on_the_file_and_request_as_declared(self):
        request = self._apply(household_size="5", monthly_income="2500").request_id
        file = request.beneficiary_id
        seen = file.with_user(self.officer).web_read(
            {
                "household_size": {},
                "declared_household_size": {},
                "declared_monthly_income": {},
                "income_line_ids": {"fields": {"income_type": {}, "amount": {}}},
            }
        )[0]
        self.assertEqual((seen["household_size"], seen["declared_household_size"]), (1, 5), "counted apart")
        self.assertEqual(seen["declared_monthly_income"], 2500)
        self.assertEqual(
            [(line["income_type"], line["amount"]) for line in seen["income_line_ids"]], [("declared", 2500)]
        )
        on_request = request.with_user(self.officer).web_read(
            {"declared_household_size": {}, "declared_monthly_income": {}, "file_household_size": {}}
        )[0]
        self.assertEqual((on_request["declared_household_size"], on_request["declared_monthly_income"]), (5, 2500))
        self.assertEqual(on_request["file_household_size"], 1)
        for model, field in (
            ("atta.beneficiary", "declared_household_size"),
            ("atta.support.request", "file_household_size"),
        ):
            arch = self.env[model].with_user(self.officer).get_views([(False, "form")])["views"]["form"]["arch"]
            self.assertIn(f'name="{field}"', arch)

    def test_an_existing_file_keeps_its_checked_income_and_notes_what_was_declared(self):
        file = self.beneficiary
        file.write({"income_line_ids": [Command.create({"income_type": "salary", "amount": 3000})]})
        application = self._apply(identity_number=file.identity_number, household_size="4", monthly_income="900")
        application.with_user(self.officer).action_verify_at_desk()
        self.assertEqual(file.income_line_ids.mapped("income_type"), ["salary"], "nothing declared replaces it")
        self.assertEqual(file.monthly_income, 3000)
        self.assertEqual((file.declared_household_size, file.declared_monthly_income), (4, 900))
        self.env.cr.precommit.run()  # the tracking is written when the transaction commits
        tracked = file.message_ids.filtered(lambda m: m.author_id == self.officer.partner_id).tracking_value_ids
        self.assertIn("declared_household_size", tracked.field_id.mapped("name"), "the change is in the history")

    def test_the_short_national_address_is_asked_checked_and_flagged_when_missing(self):
        before = self._counts()
        for wrong in ("RR12", "2929RRRD", "RRRD29299"):
            with self.subTest(value=wrong):
                answer = self._answer(self._fields(national_address=wrong))
                self.assertNotIn("id", answer)
                self.assertIn("RRRD2929", answer["error_fields"]["national_address"])
        self.assertEqual(self._counts(), before, "nothing saved")
        with_address = self._apply(national_address=" rrrd 2929 ")
        self.assertEqual(with_address.beneficiary_id.national_address, "RRRD2929")
        missing = with_address.request_id.with_user(self.officer).web_read({"registration_missing": {}})[0]
        self.assertNotIn("national address", missing["registration_missing"] or "")
        without = self._apply(identity_number="1000000107", phone="0557654321", city="", district="")
        missing = without.request_id.with_user(self.officer).web_read({"registration_missing": {}})[0]
        for gap in ("city", "district", "short national address"):
            self.assertIn(gap, missing["registration_missing"])

    def test_nothing_the_application_brings_is_signed_by_the_public_user(self):
        public = self.env.ref("base.public_user").partner_id
        application = self._apply()
        request = application.request_id
        file = request.beneficiary_id
        messages = file.message_ids | request.message_ids
        self.assertTrue(messages)
        self.assertFalse(
            messages.filtered(lambda m: m.author_id == public), [m.body for m in messages if m.author_id == public]
        )
        opened = file.message_ids.filtered(lambda m: application._reference() in str(m.body))
        self.assertEqual(opened.author_id, file.partner_id, "the applicant opened their file")
        consents = file.consent_ids.with_user(self.officer).web_read({"recorded_by_id": {}, "recorded_by_label": {}})
        self.assertEqual(len(consents), 2)
        for consent in consents:
            self.assertFalse(consent["recorded_by_id"])
            self.assertEqual(consent["recorded_by_label"], "The applicant, online")
        # The same person applies again and proves it with the code: the note on the request is theirs too.
        last_sms = self._last_sms_id()
        again = self._apply()
        self._send_code(again, self._code_in(self._sms_since(last_sms)))
        joined = request.message_ids.filtered(lambda m: again._reference() in str(m.body))
        self.assertEqual(joined.author_id, file.partner_id)
        self.assertFalse((file.message_ids | request.message_ids).filtered(lambda m: m.author_id == public))
