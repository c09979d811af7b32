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

    def test_a_second_request_of_the_same_kind_waits_for_the_first_whatever_is_sent(self):
        new_test_user(self.env, "fatimah_repeat", groups="base.group_portal", partner_id=self.beneficiary.partner_id.id)
        self.authenticate("fatimah_repeat", "fatimah_repeat")
        token = re.search(r'name="csrf_token" value="([^"]+)"', self.url_open("/my/privacy").text).group(1)
        DataRequest = self.env["atta.data.request"]
        for attempt in range(40):
            response = self.url_open(
                "/my/privacy", data={"csrf_token": token, "kind": "copy", "message": f"Please, attempt {attempt}"}
            )
            self.assertEqual(response.status_code, 200)
        first = DataRequest.search([("beneficiary_id", "=", self.beneficiary.id)])
        self.assertEqual(len(first), 1, "one open request per kind: 40 posts made one request, one deadline")
        self.assertEqual(first.description, "Please, attempt 0")
        self.assertEqual(len(first.activity_ids), 1, "one task on the manager's desk")
        # The person is told on the page, with the open request's number and its due date.
        self.assertIn("o_atta_privacy_error_open", response.text)
        self.assertIn(first.name, response.text)
        # Another kind is another right: it is received.
        self.url_open("/my/privacy", data={"csrf_token": token, "kind": "access"})
        self.assertEqual(
            sorted(DataRequest.search([("beneficiary_id", "=", self.beneficiary.id)]).mapped("kind")),
            ["access", "copy"],
        )
        # Once the copy is answered (here refused), a new one may be asked for.
        first.with_user(self.manager).write({"refusal_reason": "Sent by mistake."})
        first.with_user(self.manager).action_refuse()
        self.assertEqual(first.state, "refused")
        response = self.url_open("/my/privacy", data={"csrf_token": token, "kind": "copy"})
        self.assertIn("o_atta_privacy_sent", response.text)
        self.assertEqual(
            DataRequest.search_count([("beneficiary_id", "=", self.beneficiary.id), ("kind", "=", "copy")]), 2
        )
