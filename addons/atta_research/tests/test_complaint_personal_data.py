"""The person behind a complaint is personal data: read in the trail, their identity number kept as on a file."""

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import AttaResearchCase
from .test_complaints import ComplaintCaseMixin


@tagged("post_install", "-at_install")
class TestComplaintPersonalData(ComplaintCaseMixin, AttaResearchCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._complaint_setup()
        cls.Log = cls.env["atta.audit.log"]

    def _entries(self, call):
        last = self.Log.search([], limit=1).id
        call()
        return self.Log.search([("id", ">", last)], order="id")

    def test_reading_or_probing_complaints_leaves_a_row_for_each_role(self):
        desk = self._desk_complaint(identity_number="1000000008", email="saad@example.com")
        staff = self._desk_complaint(self.staff_category, identity_number="2000000006")
        for user, seen in ((self.officer, desk | staff), (self.researcher, staff)):
            Complaint = self.env["atta.complaint"].with_user(user)
            with self.subTest(user=user.login):
                rows = []
                entries = self._entries(
                    lambda C=Complaint, rows=rows: rows.extend(
                        C.search_read([], ["contact_name", "identity_number", "mobile", "email"])
                    )
                )
                self.assertEqual({row["id"] for row in rows}, set(seen.ids))
                self.assertEqual(len(entries), 1)
                self.assertEqual((entries.res_model, entries.user_id), ("atta.complaint", user))
                self.assertEqual(sorted(map(int, entries.res_ids.split(","))), sorted(seen.ids))
                self.assertEqual(set(entries.reference.split(", ")), set(seen.mapped("name")))
                # A look-up by identity number, even a count, names what it found.
                entries = self._entries(lambda C=Complaint: C.search_count([("identity_number", "=", "2000000006")]))
                self.assertEqual(len(entries), 1)
                self.assertEqual((entries.res_model, entries.res_ids), ("atta.complaint", str(staff.id)))
                self.assertTrue(entries.detail.startswith("Searched by"))
        # A committee member reads no complaint they do not own: the probe is still in the trail.
        Complaint = self.env["atta.complaint"].with_user(self.chair)
        entries = self._entries(lambda: Complaint.search_count([("mobile", "=", "+966551112233")]))
        self.assertEqual((len(entries), entries.user_id, entries.res_count), (1, self.chair, 0))

    def test_an_identity_number_is_kept_in_ascii_digits_or_refused_with_the_reason(self):
        for number in ("¹٢3４５６７８９７", "¹²³⁴⁵⁶⁷⁸⁹⁷", "১০০০০০০০০৮"):
            with self.subTest(number=number), self.assertRaisesText(ValidationError, "not Latin letters or digits"):
                self._desk_complaint(subject="Script test", identity_number=number)
        with self.assertRaisesText(ValidationError, "check digit"):
            self._desk_complaint(subject="Script test", identity_number="1000000009")
        self.assertFalse(self.env["atta.complaint"].search_count([("subject", "=", "Script test")]), "nothing stored")
        complaint = self._desk_complaint(identity_number="١٠٠٠٠٠٠٠٠٨")
        self.assertEqual(complaint.identity_number, "1000000008")
        with self.assertRaisesText(ValidationError, "not Latin letters or digits"):
            complaint.with_user(self.officer).web_save({"identity_number": "¹⁰⁰⁰⁰⁰⁰⁰⁰⁸"}, {})
        self.assertEqual(complaint.identity_number, "1000000008")
