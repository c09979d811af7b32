import re

from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.atta_research.tests.common import AttaResearchCase


@tagged("post_install", "-at_install")
class TestPrivacyPortal(HttpCase, AttaResearchCase):
    """/my/privacy: a beneficiary's data rights from the portal [S7.4]."""

    def test_a_beneficiary_asks_for_a_copy_and_withdraws_consent_from_the_portal(self):
        consent = self.env["atta.beneficiary.consent"].create(
            {
                "beneficiary_id": self.beneficiary.id,
                "text_id": self.env.ref("atta_beneficiary.consent_text_consent_v1").id,
                "accepted_by_name": self.beneficiary.name,
                "channel_id": self.env.ref("atta_beneficiary.channel_website").id,
            }
        )
        new_test_user(
            self.env, "fatimah_privacy", groups="base.group_portal", partner_id=self.beneficiary.partner_id.id
        )
        self.authenticate("fatimah_privacy", "fatimah_privacy")
        page = self.url_open("/my/privacy")
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        response = self.url_open(
            "/my/privacy", data={"csrf_token": token, "kind": "copy", "message": "Please send me everything"}
        )
        self.assertIn("o_atta_privacy_sent", response.text)
        data_request = self.env["atta.data.request"].search([("beneficiary_id", "=", self.beneficiary.id)])
        self.assertEqual(
            (data_request.kind, data_request.channel_id), ("copy", self.env.ref("atta_beneficiary.channel_website"))
        )
        self.assertIn(data_request.name, response.text, "the person follows the request on the page")
        self.assertEqual(
            self.url_open("/my/privacy", data={"csrf_token": token, "kind": "sell"}).url.split("?")[1],
            "error=1",
            "an unknown kind creates nothing",
        )
        self.assertEqual(len(self.env["atta.data.request"].search([("beneficiary_id", "=", self.beneficiary.id)])), 1)
        self.url_open("/my/privacy/withdraw", data={"csrf_token": token})
        self.assertTrue(consent.withdrawn)
        self.assertTrue(self.beneficiary.consent_withdrawn)
