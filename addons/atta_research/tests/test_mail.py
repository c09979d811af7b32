from freezegun import freeze_time

from odoo.tests import tagged

from .common import AttaResearchCase


@tagged("post_install", "-at_install")
class TestRequestMail(AttaResearchCase):
    def _acknowledgement(self, request):
        return request.message_ids.filtered(lambda m: m.subtype_id == self.env.ref("mail.mt_comment"))[:1]

    def test_acknowledgement_carries_the_number_and_both_dates(self):
        with freeze_time("2026-12-06 09:00:00"):
            request = self._request()
            request.with_user(self.officer).action_submit()
        message = self._acknowledgement(request)
        self.assertIn(request.name, message.subject)
        self.assertIn(request.name, message.body)
        self.assertIn("11 Rajab 1448 AH", message.body)
        self.assertRegex(message.body, r"20/12/2026|12/20/2026")
        self.assertIn("research committee", message.body)
        self.assertIn(self.beneficiary.partner_id, message.notified_partner_ids)
        mail = self.env["mail.mail"].search([("mail_message_id", "=", message.id)])
        self.assertEqual(mail.state, "outgoing", "queued for the mail server")

    def test_an_arabic_beneficiary_gets_it_in_arabic(self):
        self.env["res.lang"]._activate_lang("ar_001")
        self.env["ir.module.module"]._load_module_terms(
            ["atta_research", "atta_beneficiary"], ["ar_001"], overwrite=True
        )
        self.beneficiary.lang = "ar_001"
        with freeze_time("2026-12-06 09:00:00"):
            request = self._request()
            request.with_user(self.officer).action_submit()
        message = self._acknowledgement(request)
        self.assertIn("لجنة البحث", message.body)
        self.assertIn("11/7/1448 هـ", message.body)
        self.assertIn(request.name, message.body)
        self.assertIn("استلمنا", message.subject + message.body)
