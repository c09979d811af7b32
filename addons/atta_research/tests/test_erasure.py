import lxml.html

from odoo.fields import Command
from odoo.tests import tagged

from .common import PDF_BYTES, AttaResearchCase

ERASED_NAME = "محمد عبدالله"
KEPT_NAME = "محمد عبدالله السالم"  # another applicant whose name holds the erased one's whole


@tagged("post_install", "-at_install")
class TestErasureOnSharedMinutes(AttaResearchCase):
    """Two applicants decided in the same session, one of them erased: the other keeps every word."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.erased = cls._complete_beneficiary(
            "1000000016", ERASED_NAME, phone="0551112223", email="abdullah@example.com"
        )
        cls.kept = cls._complete_beneficiary("1000000024", KEPT_NAME, phone="0553334445", email="salem@example.com")
        # A son called just "محمد": one word identifies no one, and it is in both applicants' names.
        cls.env["atta.family.member"].create({"beneficiary_id": cls.erased.id, "name": "محمد", "relation": "son"})

    def _minutes_rows(self, session):
        root = lxml.html.fragment_fromstring(str(session.minutes), create_parent="div")
        return {
            cells[0].text_content().strip(): [cell.text_content().strip() for cell in cells]
            for row in root.iter("tr")
            if (cells := row.findall("td"))
        }

    def test_erasing_one_applicant_leaves_the_other_name_whole_and_no_export_behind(self):
        request_erased = self._to_committee(self._request(beneficiary=self.erased))
        request_kept = self._to_committee(self._request(beneficiary=self.kept))
        visit = self.env["atta.research.visit"].search([("request_id", "=", request_erased.id)])
        # A photo uploaded on the visit form before it was saved: linked, but owned by no record.
        photo = self.env["ir.attachment"].create(
            {"name": "kitchen.jpg", "raw": PDF_BYTES, "res_model": "atta.research.visit", "res_id": 0}
        )
        visit.attachment_ids = [Command.link(photo.id)]
        session = self._session()
        as_chair = session.with_user(self.chair)
        as_chair.action_open()
        as_chair.write(
            {
                "notes": f"<p>{ERASED_NAME} and {KEPT_NAME} were heard. {KEPT_NAME} brought his lease. "
                f"Call {ERASED_NAME} back on 0551112223.</p>"
            }
        )
        grounds = {
            request_erased: f"Income of {ERASED_NAME} above the threshold",
            request_kept: f"Income of {KEPT_NAME} above the threshold",
        }
        for request, reasons in grounds.items():
            session.decision_ids.filtered(lambda d, r=request: d.request_id == r).with_user(self.chair).write(
                {"reasons": reasons}
            )
            for member in (self.chair, self.member_a):
                self._vote(session, request, member, "reject")
        as_chair.action_close()
        rows = self._minutes_rows(session)
        self.assertEqual(rows[request_erased.name][1], ERASED_NAME, "the minutes name both applicants")
        self.assertEqual(rows[request_kept.name][1], KEPT_NAME)

        # Earlier, the person asked for a copy; files named after them hang on the shared session.
        copy = (
            self.env["atta.data.request"]
            .with_user(self.officer)
            .create(
                {
                    "kind": "copy",
                    "identity_type": "national_id",
                    "identity_number": "1000000016",
                    "requester_name": ERASED_NAME,
                    "channel_id": self.env.ref("atta_beneficiary.channel_interview").id,
                }
            )
        )
        copy.with_user(self.officer).action_export()
        exports = self.env["ir.attachment"].search([("res_model", "=", "atta.data.request"), ("res_id", "=", copy.id)])
        self.assertEqual(len(exports), 2)
        Attachment = self.env["ir.attachment"]
        named_erased = Attachment.create(
            {
                "name": f"{ERASED_NAME} - identity.pdf",
                "raw": PDF_BYTES,
                "res_model": "atta.committee.session",
                "res_id": session.id,
            }
        )
        named_kept = Attachment.create(
            {
                "name": f"{KEPT_NAME} - identity.pdf",
                "raw": PDF_BYTES,
                "res_model": "atta.committee.session",
                "res_id": session.id,
            }
        )

        destruction = (
            self.env["atta.data.request"]
            .with_user(self.officer)
            .create(
                {
                    "kind": "destruction",
                    "identity_type": "national_id",
                    "identity_number": "1000000016",
                    "requester_name": ERASED_NAME,
                    "channel_id": self.env.ref("atta_beneficiary.channel_interview").id,
                }
            )
        )
        self.assertEqual(destruction.beneficiary_id, self.erased)
        destruction.with_user(self.manager).action_destroy()
        self.env.invalidate_all()

        # The minutes: the erased person's row says so, every other row is as it was.
        rows = self._minutes_rows(session)
        self.assertEqual(rows[request_erased.name][1:], ["[erased]", "Rejected", "0 / 2 / 0", ""])
        self.assertEqual(
            rows[request_kept.name][1:],
            [KEPT_NAME, "Rejected", "0 / 2 / 0", f"Income of {KEPT_NAME} above the threshold"],
        )
        minutes = str(session.minutes)
        self.assertEqual(
            minutes.count(ERASED_NAME),
            minutes.count(KEPT_NAME),
            "the erased name remains only inside the other applicant's name",
        )
        self.assertEqual(minutes.count("محمد"), 2, "the other's name and his grounds, whole")
        # The notes: the person's own name and phone replaced, the other applicant untouched.
        notes = str(session.notes)
        self.assertEqual(notes.count(KEPT_NAME), 2)
        self.assertEqual(notes.count(ERASED_NAME), 2, "only inside the other applicant's name")
        self.assertEqual(notes.count("[erased]"), 3)
        self.assertNotIn("0551112223", notes)
        # Everywhere else, the other applicant is as he was.
        self.assertEqual(self.kept.name, KEPT_NAME)
        kept_decision = session.decision_ids.filtered(lambda d: d.request_id == request_kept)
        self.assertEqual(kept_decision.reasons, f"Income of {KEPT_NAME} above the threshold")
        self.assertTrue(named_kept.exists(), "a file named after the other applicant stays")
        # Nothing made about the erased person survives.
        self.assertNotIn("محمد", self.erased.name)
        self.assertFalse(exports.exists())
        self.assertFalse(
            Attachment.search([("res_model", "=", "atta.data.request"), ("res_id", "in", (copy | destruction).ids)])
        )
        self.assertFalse(Attachment.search([("name", "ilike", copy.name)]))
        self.assertFalse(named_erased.exists())
        self.assertFalse(photo.exists(), "the visit's photos go with the visit's texts")
        self.assertFalse(Attachment.search([("name", "=like", f"{ERASED_NAME} -%")]))
        # What the association keeps: the numbers and the decision, without the person.
        erased_decision = session.decision_ids.filtered(lambda d: d.request_id == request_erased)
        self.assertEqual((request_erased.state, erased_decision.result), ("rejected", "rejected"))
        self.assertFalse(erased_decision.reasons)
        # The letters: the erased person's keeps its number, not its text; the other's is as it was sent.
        self.assertTrue(request_erased.letter_id.name)
        self.assertFalse(request_erased.letter_id.body)
        self.assertIn(f"Income of {KEPT_NAME} above the threshold", request_kept.letter_id.body)
        self.assertIn(KEPT_NAME, request_kept.letter_id.correspondent)
