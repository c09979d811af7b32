"""The portal's suggestions and complaints page, sent what a script would send: never a server error, nothing stored."""

import re

from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import AttaSurveyCase

FILE = ("value.txt", b"a file where text is expected", "text/plain")
BAD_TEXT = [
    ("a file", FILE),
    ("a NUL byte", "Long wait\x00 at the desk"),
    ("a megabyte", "x" * 1_000_000),
    ("a bidi override", "\u202eLong wait at the desk"),
    ("an escape sequence", "\x1b[31mLong wait"),
]


@tagged("post_install", "-at_install")
class TestFeedbackFuzz(HttpCase, AttaSurveyCase):
    def _counts(self):
        return {
            model: self.env[model].sudo().search_count([])
            for model in ("atta.interaction", "atta.improvement.action", "mail.message")
        }

    def test_hostile_feedback_is_refused_with_its_reason_and_stores_nothing(self):
        new_test_user(self.env, "fuzz_feedback", groups="base.group_portal", partner_id=self.beneficiary.partner_id.id)
        self.authenticate("fuzz_feedback", "fuzz_feedback")
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', self.url_open("/my/feedback").text).group(1)
        form = {"kind": "complaint", "subject": "Long wait at the desk", "message": "I waited two hours."}
        before, cases = self._counts(), 0
        with mute_logger("odoo.http"):
            for field in ("subject", "message"):
                for label, value in BAD_TEXT + ([("121 characters", "s" * 121)] if field == "subject" else []):
                    with self.subTest(field=field, value=label):
                        data = dict(form, csrf_token=csrf)
                        files = None
                        if isinstance(value, tuple):
                            del data[field]
                            files = {field: value}
                        else:
                            data[field] = value
                        response = self.url_open("/my/feedback", data=data, files=files, timeout=60)
                        self.assertEqual(response.status_code, 200)
                        self.assertIn("error=length", response.url)
                        self.assertIn("o_atta_feedback_error_length", response.text, "the reason is shown")
                    cases += 1
            for label, data in [
                ("no subject", dict(form, subject="   ")),
                ("unknown kind", dict(form, kind="praise")),
                ("a kind with a NUL", dict(form, kind="complaint\x00")),
                ("nothing at all", {}),
            ]:
                with self.subTest(label):
                    response = self.url_open("/my/feedback", data=dict(data, csrf_token=csrf))
                    self.assertEqual(response.status_code, 200)
                    self.assertIn("error=1", response.url)
                cases += 1
            with self.subTest("kind sent as a file"):
                response = self.url_open(
                    "/my/feedback", data=dict(form, csrf_token=csrf, kind=None), files={"kind": FILE}
                )
                self.assertLess(response.status_code, 500)
            with self.subTest("no CSRF token"):
                self.assertLess(self.url_open("/my/feedback", data=form).status_code, 500)
            for value in ("1", "length", "<script>", "\x00"):
                with self.subTest(error=value):
                    self.assertEqual(self.url_open(f"/my/feedback?error={value}").status_code, 200)
            cases += 6
        self.assertEqual(self._counts(), before, "no contact, no improvement action, no message")
        self.assertGreaterEqual(cases, 20)
        # The same page still takes a plain suggestion.
        self.url_open("/my/feedback", data=dict(form, kind="suggestion", csrf_token=csrf))
        self.assertEqual(self._counts()["atta.interaction"], before["atta.interaction"] + 1)
