import re

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from odoo.addons.atta_research.tests.common import AttaResearchCase


class AttaPolicyCase(AttaResearchCase):
    """The support policy guide with a clause for cash aid, approved by the board."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.guide = cls.env.ref("atta_beneficiary.policy_support_guide")
        cls.research_guide = cls.env.ref("atta_beneficiary.policy_research_guide")
        cls.guide_v1 = cls._approved_version(
            cls.guide,
            "1",
            [("cash", "Cash aid", "<p>Cash aid is paid to the account of the head of the household.</p>")],
        )

    @classmethod
    def _approved_version(cls, policy, name, clauses, body=False, approval_date="2024-01-15"):
        """A version written and approved by a manager in the policy library."""
        version = (
            cls.env["atta.policy.version"]
            .with_user(cls.manager)
            .create(
                {
                    "policy_id": policy.id,
                    "name": name,
                    "body": body,
                    "board_session_number": "7",
                    "approval_date": approval_date,
                    "approval_date_hijri": "4/7/1445",
                    "clause_ids": [
                        Command.create({"code": code, "name": title, "body": text}) for code, title, text in clauses
                    ],
                }
            )
        )
        version.action_approve()
        return version.with_user(cls.env.user)


class TestPolicyClauses(AttaPolicyCase):
    def test_the_officer_opens_the_support_policy_clause_from_the_request(self):
        request = self._request(self.cash).with_user(self.officer)
        action = request.action_open_policy_clause()
        clause = self.guide_v1.clause_ids
        self.assertEqual((action["res_model"], action["res_id"]), ("atta.policy.clause", clause.id))
        self.assertEqual(action["target"], "new")
        self.assertIn(
            "head of the household",
            self.env["atta.policy.clause"].with_user(self.officer).browse(action["res_id"]).body,
        )
        from_type = self.cash.with_user(self.officer).action_open_policy_clause()
        self.assertEqual(from_type["res_id"], clause.id, "the same clause from the support type")

    def test_a_new_version_brings_its_clauses_and_the_old_one_is_no_longer_opened(self):
        draft_action = self.guide_v1.with_user(self.manager).action_new_version()
        draft = self.env["atta.policy.version"].browse(draft_action["res_id"])
        self.assertEqual(draft.state, "draft")
        self.assertFalse(draft.approval_date, "the new version waits for its own board approval")
        self.assertEqual(draft.clause_ids.mapped("code"), ["cash"], "the clauses are carried into the draft")
        old_clause = self.guide_v1.clause_ids
        draft.clause_ids.with_user(self.manager).write({"body": "<p>Cash aid is paid by bank transfer only.</p>"})
        request = self._request(self.cash).with_user(self.officer)
        self.assertEqual(request.action_open_policy_clause()["res_id"], old_clause.id, "a draft is not in force")
        draft.with_user(self.manager).write(
            {"name": "2", "board_session_number": "9", "approval_date": "2025-02-01", "approval_date_hijri": "2/8/1446"}
        )
        draft.with_user(self.manager).action_approve()
        self.assertEqual(self.guide_v1.state, "superseded")
        self.assertEqual(request.action_open_policy_clause()["res_id"], draft.clause_ids.id)
        self.assertIn("bank transfer", draft.clause_ids.body)
        self.assertIn("head of the household", old_clause.body, "the superseded text is kept as it was")

    def test_an_approved_clause_is_kept_as_the_board_approved_it(self):
        clause = self.guide_v1.clause_ids.with_user(self.manager)
        with self.assertRaisesText(UserError, "Start a new version"):
            clause.write({"body": "<p>Changed after the approval.</p>"})
        with self.assertRaisesText(UserError, "no longer a draft"):
            clause.unlink()
        with self.assertRaisesText(UserError, "no longer a draft"):
            self.env["atta.policy.clause"].with_user(self.manager).create(
                {"version_id": self.guide_v1.id, "code": "rent", "name": "Rent"}
            )
        self.assertIn("head of the household", self.guide_v1.clause_ids.body)
        self.assertEqual(len(self.guide_v1.clause_ids), 1)

    def test_only_a_manager_writes_clauses(self):
        draft = self.env["atta.policy.version"].create({"policy_id": self.guide.id, "name": "3"})
        for user in (self.officer, self.researcher, self.employee):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.env["atta.policy.clause"].with_user(user).create(
                    {"version_id": draft.id, "code": "rent", "name": "Rent"}
                )
        self.assertFalse(draft.clause_ids)

    def test_a_support_without_a_clause_says_what_to_do(self):
        request = self._request(self.food).with_user(self.officer)
        with self.assertRaisesText(UserError, "has no clause for “Food basket”"):
            request.action_open_policy_clause()
        self.food.policy_clause_code = "cash"
        self.assertEqual(request.action_open_policy_clause()["res_id"], self.guide_v1.clause_ids.id)

    def test_the_researcher_opens_the_research_guide_in_force_from_the_visit(self):
        request = self._to_research(self._request())
        visit = self.env["atta.research.visit"].with_user(self.researcher).create({"request_id": request.id})
        with self.assertRaisesText(UserError, "has no version in force"):
            visit.action_open_research_guide()
        version = self._approved_version(
            self.research_guide,
            "1",
            [("checklist", "Home visit checklist", "<ul><li>Meet the head of the household.</li></ul>")],
        )
        action = visit.action_open_research_guide()
        self.assertEqual((action["res_model"], action["res_id"]), ("atta.policy.version", version.id))
        shown = self.env["atta.policy.version"].with_user(self.researcher).browse(action["res_id"])
        self.assertIn("Meet the head of the household", shown.clause_ids.body)

    def test_the_relations_policy_is_in_force_clause_by_clause_in_both_languages(self):
        policy = self.env.ref("atta_beneficiary.policy_beneficiary_relations")
        clauses = policy.current_version_id.clause_ids
        self.assertEqual(clauses.mapped("code"), ["S1", "S2", "S3", "S4", "S5", "S6", "S7", "S8"])
        s7 = policy._clause_in_force("S7")
        self.assertIn("<strong>within a period of not less than two weeks</strong>", s7.body)
        for clause in clauses:
            with self.subTest(clause=clause.code):
                self.assertIn(clause.body, policy.current_version_id.body, "the approved wording, word for word")
        self.env["res.lang"]._activate_lang("ar_001")
        self.env["ir.module.module"]._load_module_terms(["atta_beneficiary"], ["ar_001"], overwrite=True)
        self.assertEqual(s7.with_context(lang="ar_001").name, "التعامل مع المستفيد على مختلف المستويات لإنهاء معاملاته")


@tagged("post_install", "-at_install")
class TestPublicPages(HttpCase, AttaPolicyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.arabic = cls.env["res.lang"]._activate_lang("ar_001")
        cls.env["ir.module.module"]._load_module_terms(
            ["atta_beneficiary", "atta_research"], ["ar_001"], overwrite=True
        )
        cls.website = cls.env["website"].get_current_website()
        # The website speaks Arabic first; English is its second language (/en/...).
        english = cls.env["res.lang"]._activate_lang("en_US")
        cls.website.language_ids = [Command.link(cls.arabic.id), Command.link(english.id)]
        cls.guide.website_published = True
        # The guide is amended: version 2 is in force, version 3 is still a draft.
        cls.guide_v2 = cls._approved_version(
            cls.guide,
            "2",
            [("cash", "Cash aid", "<p>Cash aid is paid by bank transfer to a Saudi IBAN.</p>")],
            approval_date="2025-02-01",
        )
        cls.env["atta.policy.version"].create(
            {
                "policy_id": cls.guide.id,
                "name": "3",
                "clause_ids": [Command.create({"code": "cash", "name": "Cash aid", "body": "<p>Draft wording.</p>"})],
            }
        )
        cls.internal = cls.env["atta.policy"].create({"name": "Staff disciplinary rules", "kind": "other"})
        cls._approved_version(cls.internal, "1", [], body="<p>Internal staff matters.</p>")

    def _page(self, url):
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200, url)
        return response.text

    def _body(self, html):
        """The page's content without scripts (the session data of the page lists other records)."""
        return re.sub(r"<script.*?</script>", "", html[html.index("<body") :], flags=re.S)

    def test_policies_show_only_the_texts_in_force_in_english(self):
        html = self._page("/en/policies")
        self.assertIn('lang="en-US"', html)
        body = self._body(html)
        self.assertIn("Beneficiary support policy guide", body)
        self.assertIn("paid by bank transfer to a Saudi IBAN", body, "the version in force")
        self.assertNotIn("head of the household", body, "the superseded version")
        self.assertNotIn("Draft wording", body, "a draft")
        self.assertNotIn("Staff disciplinary rules", body, "a policy not published")
        self.assertNotIn("Internal staff matters", body)
        self.assertIn("4/7/1445 AH", body, "the approval date in the Hijri calendar")
        self.assertIn("02/01/2025", body, "and in the Gregorian one")
        self.assertIn("not less than two weeks", body, "the relations policy, clause by clause")
        self.assertIn("24/3/1445 AH", body)

    def test_policies_are_in_arabic_right_to_left(self):
        html = self._page("/ar/policies")
        self.assertRegex(html, r'<html[^>]*dir="rtl"')
        body = self._body(html)
        self.assertIn("خلال مدة لا تقل عن أسبوعين", body)
        self.assertIn("24/3/1445 هـ", body)
        self.assertIn("تمهيد", body)
        self.assertNotIn("head of the household", body)

    def test_services_list_each_published_support_with_its_documents_and_period(self):
        self.food.website_published = False
        self.cash.description = "Families whose income is below the poverty line."
        archived = self.env.ref("atta_research.support_type_bills")
        archived.active = False
        body = self._body(self._page("/en/services"))
        self.assertIn("Cash aid", body)
        self.assertIn("Families whose income is below the poverty line.", body)
        for document_type in self.cash.required_document_type_ids:
            self.assertIn(document_type.name, body)
        self.assertRegex(body, r"within\s+<span>10</span>\s+working days")
        self.assertRegex(body, r'href="(/en)?/apply"', "a link to the application form")
        self.assertNotIn("Food basket", body, "not offered online")
        self.assertNotIn(archived.name, body, "archived")

    def test_services_are_in_arabic_right_to_left(self):
        html = self._page("/ar/services")
        self.assertRegex(html, r'<html[^>]*dir="rtl"')
        self.assertIn(self.cash.with_context(lang="ar_001").name, self._body(html))

    def test_the_website_menu_links_both_pages(self):
        urls = self.website.menu_id.child_id.mapped("url")
        self.assertIn("/services", urls)
        self.assertIn("/policies", urls)
        home = self._body(self._page("/"))
        # Links carry the language of the page (/en/services on an English page).
        self.assertRegex(home, r'href="(/[a-z]{2})?/services"')
        self.assertRegex(home, r'href="(/[a-z]{2})?/policies"')


@tagged("post_install", "-at_install")
class TestPolicyClauseTour(HttpCase, AttaPolicyCase):
    def test_an_officer_opens_the_support_policy_clause_from_a_request(self):
        request = self._request(self.cash)
        self.start_tour(
            f"/odoo/action-atta_research.support_request_action/{request.id}",
            "atta_research_policy_clause_tour",
            login=self.officer.login,
        )
