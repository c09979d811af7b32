import json
import re

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .apply_common import AttaApplyCase

KNOWN = ("national_id", "1000000008")  # Fatimah Ali Alqahtani's file, mobile +966501234567
MEMBER = ("iqama", "2123456788")  # listed as her son in that household
NEW = ("national_id", "1234567897")  # nobody the association knows


def normalised(text):
    """A page without what differs from one visit to the next: the CSRF token and the session's ids."""
    text = re.sub(r'(csrf_token["\']?\s*[:=]\s*["\'])[^"\']+', r"\1TOKEN", text)
    text = re.sub(r'(name="csrf_token" value=")[^"]+', r"\1TOKEN", text)
    return text


@tagged("post_install", "-at_install")
class TestApplyTellsNobodyWhoIsOnFile(AttaApplyCase):
    """The application form cannot be used to learn who the association serves [S3.4, PDPL].

    A known number, a family member's number and a new one get the same answer; what differs goes by SMS to
    the file's own mobile or waits for an officer; every probe counts against the limits.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["atta.family.member"].create(
            {
                "beneficiary_id": cls.beneficiary.id,
                "name": "Omar Ali Alqahtani",
                "relation": "son",
                "identity_type": MEMBER[0],
                "identity_number": MEMBER[1],
            }
        )

    def _apply_as_stranger(self, identity):
        """A fresh visitor (no session) sends the form, then opens the page the form leads to."""
        self.authenticate(None, None)
        identity_type, number = identity
        response = self._post(self._fields(identity_type=identity_type, identity_number=number))
        answer = json.loads(response.text)
        application = self.env["atta.online.application"].browse(answer.pop("id", None))
        thanks = self.url_open("/apply/thanks")
        self.assertEqual(thanks.status_code, 200)
        return application, answer, normalised(thanks.text)

    def test_a_known_a_family_member_s_and_a_new_number_get_the_same_answer(self):
        before = self._counts()
        last_sms = self._last_sms_id()
        results = {
            name: self._apply_as_stranger(identity)
            for name, identity in (("known", KNOWN), ("member", MEMBER), ("new", NEW))
        }
        answers = {name: answer for name, (_application, answer, _page) in results.items()}
        pages = {name: page for name, (_application, _answer, page) in results.items()}
        self.assertEqual(answers["known"], {}, "the form's answer is the application's id and nothing else")
        self.assertEqual(answers["known"], answers["member"])
        self.assertEqual(answers["known"], answers["new"])
        self.assertEqual(pages["known"], pages["member"], "the page after the form is the same, byte for byte")
        self.assertEqual(pages["known"], pages["new"])
        page = pages["known"]
        self.assertIn("o_atta_apply_received", page)
        for secret in ("Fatimah", "Alqahtani", "Omar", "501234567", "REQ", "APP-", 'name="code"'):
            self.assertNotIn(secret, page, "nothing of a file, a request or a code is on the public page")
        # Behind the same answer, each outcome went where it belongs.
        known, member, new = (results[name][0] for name in ("known", "member", "new"))
        sms = self._sms_since(last_sms)
        self.assertEqual(known.state, "pending")
        self.assertEqual(known.beneficiary_id, self.beneficiary)
        to_file = sms.filtered(lambda s: s.number == "+966501234567")
        self.assertEqual(len(to_file), 1, "the file's own mobile receives the code and the link to type it")
        self.assertIn(known._tracking_url(), to_file.body.replace("&amp;", "&"))
        self.assertEqual(new.state, "attached")
        to_new = sms.filtered(lambda s: s.number == "+966551234567")
        self.assertEqual(len(to_new), 1, "the new person's request and its link go to the mobile of their new file")
        self.assertIn(new.request_id.name, to_new.body)
        self.assertIn(new.request_id.access_token, to_new.body)
        self.assertEqual(member.state, "pending", "the family member's application waits for an officer")
        self.assertFalse(member.beneficiary_id)
        self.assertFalse(member.request_id)
        self.assertIn("مدرج مسبقاً في أسرة أخرى", member.with_user(self.officer).hold_reason)
        self.assertEqual(len(sms), 2, "nothing is sent about the family member's number")
        after = self._counts()
        self.assertEqual(after["atta.online.application"], before["atta.online.application"] + 3)
        self.assertEqual(after["atta.beneficiary"], before["atta.beneficiary"] + 1, "only the new person's file")
        self.assertEqual(after["atta.support.request"], before["atta.support.request"] + 1)

    def test_the_officer_settles_the_family_member_s_application_at_the_desk(self):
        member, _answer, _page = self._apply_as_stranger(MEMBER)
        queue = self.env["atta.online.application"].with_user(self.officer).search([("state", "=", "pending")])
        self.assertIn(member, queue)
        # The officer is told why, in the words the desk needs, and nothing is opened behind their back.
        with self.assertRaisesText(ValidationError, "already listed in another household"):
            member.with_user(self.officer).action_verify_at_desk()
        self.assertEqual(member.state, "pending")
        member.with_user(self.officer).action_refuse()
        self.assertEqual(member.state, "refused")

    def test_every_probe_counts_against_the_limits(self):
        params = self.env["ir.config_parameter"]
        params.set_param("atta_research.apply_limit_per_ip_hour", "3")
        for identity in (KNOWN, MEMBER, NEW):
            self.assertEqual(self._apply_as_stranger(identity)[1], {})
        before = self._counts()
        refused = self._answer(self._fields(identity_type="iqama", identity_number="2000000006"))
        self.assertNotIn("id", refused)
        self.assertIn("عدد كبير من الطلبات", refused["error"], "the connection's fourth probe is refused")
        self.assertEqual(self._counts(), before)
        # Per identity number: each of the three, known or not, is refused the same way once its quota is used.
        params.set_param("atta_research.apply_limit_per_ip_hour", "100")
        params.set_param("atta_research.apply_limit_per_identity_day", "1")
        answers = [
            self._answer(self._fields(identity_type=identity_type, identity_number=number))
            for identity_type, number in (KNOWN, MEMBER, NEW)
        ]
        self.assertEqual(answers[0], answers[1])
        self.assertEqual(answers[0], answers[2])
        self.assertIn("أُرسلت اليوم عدة طلبات", answers[0]["error"])
        self.assertEqual(self._counts(), before, "a refused probe creates nothing and sends nothing")

    def test_a_malformed_number_still_gets_its_message_beside_the_field(self):
        before = self._counts()
        answer = self._answer(self._fields(identity_number="1234567893"))
        self.assertIn("identity_number", answer["error_fields"])
        self.assertEqual(self._counts(), before)
