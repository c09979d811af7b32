from odoo.tests import tagged

from .common import AttaResearchCase


@tagged("post_install", "-at_install")
class TestFileRetention(AttaResearchCase):
    """Files inactive past the retention period are anonymised [PDPL], unless a request keeps them."""

    def test_inactive_files_are_erased_after_the_period_unless_a_request_is_open(self):
        rule = self.env.ref("atta_beneficiary.retention_inactive_beneficiary")
        archived = self._complete_beneficiary("1000000016", "Salem Old File", phone="0559876543")
        blocked = self._complete_beneficiary("1000000024", "Huda Open Request", phone="0551112223")
        self._request(beneficiary=blocked).action_submit()
        (archived | blocked).write({"state": "archived", "active": False})
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE atta_beneficiary SET write_date = now() - interval '11 years' WHERE id IN %s",
            ((archived | blocked)._ids,),
        )
        self.env.invalidate_all()
        self.assertEqual(rule._candidates(), archived | blocked, "the dry run lists both")
        self.assertEqual(archived.name, "Salem Old File", "and changes nothing")
        with self.assertLogs("odoo.addons.atta_beneficiary.tools.cron", "WARNING"):
            self.assertEqual(rule._run(), (1, 1))
        self.assertTrue(archived.erased_on)
        self.assertNotIn("Salem", archived.name)
        self.assertEqual(blocked.name, "Huda Open Request", "an open request keeps the file")
        self.assertEqual(self.env["atta.audit.log"].search([("action", "=", "retention")]).res_id, archived.id)

    def test_a_refused_request_past_its_period_keeps_its_letter_number_not_its_text(self):
        rule = self.env.ref("atta_research.retention_closed_request")
        request = self._to_committee(self._request())
        self._refuse(request, "Income above the sufficiency line.")
        letter = request.letter_id
        number = letter.name
        self.assertIn("Income above the sufficiency line.", letter.body)
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE atta_support_request SET write_date = now() - interval '4 years' WHERE id = %s", (request.id,)
        )
        self.env.invalidate_all()
        self.assertIn(request, rule._candidates())
        rule._run()
        self.assertTrue(request.anonymized_on)
        self.assertEqual((letter.name, letter.res_id, request.letter_id), (number, request.id, letter))
        self.assertFalse(letter.body, "the grounds go with the request's other texts")
        html, _kind = (
            self.env["ir.actions.report"]
            .with_user(self.officer)
            ._render_qweb_html("atta_research.action_report_decision_letter", request.ids)
        )
        self.assertIn("no longer kept", html.decode())
        self.assertNotIn("Income above", html.decode())
