from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from .common import AttaBeneficiaryCase


@tagged("post_install", "-at_install")
class TestProactiveCrons(AttaBeneficiaryCase):
    def test_document_expiry_watcher_warns_once_before_expiry(self):
        beneficiary = self._beneficiary(user_id=self.officer.id, lang="en_US")
        identity = self.env.ref("atta_beneficiary.document_type_identity")
        with freeze_time("2026-11-01"):
            document = self._document(beneficiary, identity, issue_date="2021-01-10", expiry_date="2026-12-15")
        Document = self.env["atta.beneficiary.document"]
        with freeze_time("2026-11-01"):
            self.assertEqual(Document._cron_watch_expiry(), 0, "44 days before: not yet")
        with freeze_time("2026-11-20"):
            self.assertEqual(Document._cron_watch_expiry(), 1)
            self.assertEqual(Document._cron_watch_expiry(), 0, "told once")
        activity = beneficiary.activity_ids
        self.assertEqual(activity.user_id, self.officer)
        self.assertEqual(activity.date_deadline, date(2026, 12, 15))
        told = beneficiary.message_ids.filtered(lambda m: "expires on" in (m.body or ""))
        self.assertEqual(len(told), 1)
        self.assertIn(beneficiary.partner_id, told.notified_partner_ids)
        # A renewed document is watched again.
        document.write({"expiry_date": "2031-12-15"})
        self.assertFalse(document.expiry_notified)

    def test_yearly_renewal_reaches_the_beneficiary_before_it_falls_due(self):
        with freeze_time("2025-12-20"):
            beneficiary = self._complete_file(self._beneficiary(user_id=self.officer.id, lang="en_US"))
            beneficiary.action_register()
        self.assertEqual(beneficiary.renewal_due_date, date(2026, 12, 20))
        Beneficiary = self.env["atta.beneficiary"]
        with freeze_time("2026-11-01"):
            self.assertEqual(Beneficiary._cron_follow_up_renewals(), 0)
        with freeze_time("2026-11-25"):
            self.assertEqual(Beneficiary._cron_follow_up_renewals(), 1)
            self.assertEqual(Beneficiary._cron_follow_up_renewals(), 0)
        self.assertTrue(beneficiary.message_ids.filtered(lambda m: "yearly update" in (m.body or "")))
        self.assertEqual(beneficiary.activity_ids.user_id, self.officer)
        with freeze_time("2026-12-01"):
            for document in beneficiary.document_ids:
                document.write({"issue_date": "2026-11-30"})
                document.action_verify()
            beneficiary.action_renew()
        self.assertEqual(beneficiary.renewal_due_date, date(2027, 12, 1))
        self.assertFalse(beneficiary.renewal_reminded)
