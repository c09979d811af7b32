from odoo.tests import tagged

from odoo.addons.atta_research.tests.common import AttaResearchCase

NUMBER = "1000000016"
NAME = "هدى ناصر الحربي"


@tagged("post_install", "-at_install")
class TestApplicationsInTheBackOffice(AttaResearchCase):
    """What atta_website adds to the back office: the desk's queue, and a person's applications go with their file."""

    def _application(self, **values):
        return self.env["atta.online.application"].create(
            dict(
                {
                    "identity_number": NUMBER,
                    "name": NAME,
                    "phone": "0559876543",
                    "city": "بريدة",
                    "description": "نحتاج مساعدة في إيجار المنزل",
                    "ip_address": "203.0.113.9",
                    "support_type_id": self.cash.id,
                },
                **values,
            )
        )

    def test_the_officer_s_day_counts_the_applications_waiting_for_a_check_and_opens_them(self):
        def card():
            data = self.env["atta.home"].with_user(self.officer).get_home_data()
            return {c["key"]: c for section in data["sections"] for c in section["cards"]}.get("online_to_review")

        before = card()["count"]
        waiting = self._application(state="verified")
        self._application(identity_number="1000000024", state="attached")
        shown = card()
        self.assertEqual(shown["count"], before + 1, "only the applications waiting for an officer")
        action = shown["action"]
        listed = self.env[action["res_model"]].with_user(self.officer).web_search_read(action["domain"], {})
        self.assertIn(waiting.id, [record["id"] for record in listed["records"]])
        researcher_day = self.env["atta.home"].with_user(self.researcher).get_home_data()
        self.assertNotIn(
            "online_to_review", {c["key"] for s in researcher_day["sections"] for c in s["cards"]}, "not a researcher's"
        )

    def test_a_copy_of_the_person_s_data_lists_their_applications(self):
        person = self._complete_beneficiary(NUMBER, NAME)
        self._application(beneficiary_id=person.id)
        section = next(s for s in person._atta_personal_data() if s["title"] == "Online Applications")
        self.assertEqual([row[1:3] for row in section["rows"]], [(NAME, NUMBER)])

    def test_destroying_the_person_s_data_erases_their_applications_too(self):
        person = self._complete_beneficiary(NUMBER, NAME)
        application = self._application()
        attachment = self.env["ir.attachment"].create(
            {"name": "هوية.pdf", "raw": b"%PDF-1.4", "res_model": application._name, "res_id": application.id}
        )
        application.attachment_ids = attachment
        destruction = (
            self.env["atta.data.request"]
            .with_user(self.officer)
            .create(
                {
                    "kind": "destruction",
                    "identity_type": "national_id",
                    "identity_number": NUMBER,
                    "requester_name": NAME,
                    "channel_id": self.env.ref("atta_beneficiary.channel_interview").id,
                }
            )
        )
        self.assertEqual(destruction.beneficiary_id, person)
        destruction.with_user(self.manager).action_destroy()
        self.env.invalidate_all()
        self.assertEqual((application.name, application.identity_number), ("Erased", f"ERASED-{person.id}"))
        self.assertFalse(application.description or application.ip_address or application.city)
        self.assertFalse(attachment.exists(), "the documents sent online are gone")
