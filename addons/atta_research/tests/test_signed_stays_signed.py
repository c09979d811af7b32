import base64
import importlib.util

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.modules.module import get_module_path
from odoo.tests import new_test_user, tagged

from odoo.addons.atta_beneficiary.tests.upload_corpus import plain_pdf

from ..models.support_request import PORTAL_FIELDS
from .common import PDF_BYTES, AttaResearchCase


@tagged("post_install", "-at_install")
class TestDecidedRequestStaysDecided(AttaResearchCase):
    """A decided request keeps the intake it was decided on; a portal account reads only its page."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal = cls._portal_beneficiary("r_portal_sealed")

    def test_the_intake_of_a_decided_request_is_locked_and_tracked_before(self):
        request = self._request()
        as_officer = request.with_user(self.officer)
        as_officer.write({"description": "Rent arrears for four months"})
        for name in ("description", "declared_household_size", "declared_monthly_income", "channel_id"):
            self.assertTrue(request._fields[name].tracking, f"{name} is tracked on the chatter")
        self._to_committee(request)
        self._decide(request)
        self.assertEqual(request.state, "approved")
        for vals in (
            {"description": "Something else entirely"},
            {"declared_monthly_income": 99999},
            {"declared_household_size": 12},
            {"channel_id": self.env.ref("atta_beneficiary.channel_phone").id},
        ):
            with self.subTest(vals=list(vals)), self.assertRaisesText(UserError, "has been decided"):
                as_officer.write(vals)
        with self.assertRaisesText(UserError, "has been decided"):
            as_officer.web_save({"description": "Something else"}, {"description": {}})
        self.env.invalidate_all()
        self.assertEqual(request.description, "Rent arrears for four months")
        self.assertEqual(request.channel_id, self.env.ref("atta_beneficiary.channel_interview"))
        # The follow-up after the service is still the officer's to write.
        as_officer.write({"follow_up_note": "Called the family"})
        self.assertEqual(request.follow_up_note, "Called the family")

    def test_a_portal_account_reads_only_what_its_request_page_shows(self):
        request = self._to_committee(self._request())
        self._decide(request)
        as_portal = request.with_user(self.portal)
        read = as_portal.read()[0]
        self.assertLessEqual(set(read), PORTAL_FIELDS)
        self.assertEqual((read["name"], read["state"], read["approved_amount"]), (request.name, "approved", 2500))
        for name in ("eligibility_score", "recommendation", "researcher_id", "description", "visit_ids", "user_id"):
            with self.subTest(field=name):
                with self.assertRaises(AccessError):
                    as_portal.read([name])
                with self.assertRaises(AccessError):
                    as_portal.web_read({name: {}})
                with self.assertRaises(AccessError):
                    self.env["atta.support.request"].with_user(self.portal).search_count([(name, "!=", False)])
        self.assertNotIn("eligibility_score", self.env["atta.support.request"].with_user(self.portal).fields_get())
        listed = self.env["atta.support.request"].with_user(self.portal).search_read([], [])
        self.assertEqual([row["id"] for row in listed], request.ids)
        self.assertLessEqual(set(listed[0]), PORTAL_FIELDS)
        # Staff read the request in full.
        self.assertTrue(request.with_user(self.officer).read(["eligibility_score", "researcher_id"]))

    def test_a_signed_receipt_and_a_closed_session_keep_their_files(self):
        request = self._deliver()
        delivery = request.delivery_ids
        delivery.with_user(self.officer).write({"receipt": base64.b64encode(PDF_BYTES), "receipt_name": "r.pdf"})
        session = request.decision_session_id
        scan = self.env["ir.attachment"].create(
            {"name": "minutes-signed.pdf", "raw": PDF_BYTES, "res_model": session._name, "res_id": session.id}
        )
        receipt = (
            self.env["ir.attachment"]
            .sudo()
            .search([("res_model", "=", delivery._name), ("res_id", "=", delivery.id), ("res_field", "=", "receipt")])
        )
        self.assertEqual(len(receipt), 1)
        for attachment, user in ((receipt, self.officer), (scan, self.chair), (scan, self.manager)):
            with self.subTest(attachment=attachment.name, user=user.login):
                with self.assertRaisesText(UserError, "stays as it is"):
                    attachment.with_user(user).write({"raw": b"%PDF-1.4 forged"})
                with self.assertRaises(UserError):  # sealed, or not even the user's to delete
                    attachment.with_user(user).unlink()
        self.env.invalidate_all()
        self.assertEqual((receipt.raw, scan.raw), (PDF_BYTES, PDF_BYTES))

    def _scan_paper(self, request, paper):
        wizard = (
            self.env["atta.signed.scan.wizard"]
            .with_user(self.officer)
            .create(
                {"request_id": request.id, "paper": paper, "scan": base64.b64encode(plain_pdf()), "scan_name": "s.pdf"}
            )
        )
        wizard.action_attach()
        return (
            self.env["ir.attachment"]
            .sudo()
            .search([("res_model", "=", request._name), ("res_id", "=", request.id)], order="id desc", limit=1)
        )

    def test_the_signed_papers_of_a_decided_request_stay_as_attached(self):
        request = self._to_committee(self._request())
        summary = self._scan_paper(request, "request_summary")
        # Before the decision the desk may still replace a wrong scan.
        summary.with_user(self.officer).write({"name": f"{request.name} - summary.pdf"})
        self._decide(request)
        other = self._request()
        for user in (self.officer, self.manager):
            as_user = summary.with_user(user)
            for vals in ({"raw": b"%PDF-1.4 forged"}, {"res_id": other.id}, {"res_model": "atta.beneficiary"}):
                with self.subTest(user=user.login, vals=list(vals)), self.assertRaisesText(UserError, "stays as it is"):
                    as_user.write(vals)
            with self.subTest(user=user.login), self.assertRaises(UserError):
                as_user.unlink()
        # A loose file cannot be slipped in among them either.
        loose = self._scan_paper(other, "other")
        with self.assertRaisesText(UserError, "stays as it is"):
            loose.with_user(self.officer).write({"res_id": request.id})
        self.env.invalidate_all()
        self.assertEqual((summary.raw, summary.res_model, summary.res_id), (plain_pdf(), request._name, request.id))
        self.assertEqual(loose.res_id, other.id)
        # A paper signed after the decision (the delivery receipt) is attached beside them.
        receipt = self._scan_paper(request, "delivery_receipt")
        self.assertNotEqual(receipt, summary)
        self.assertIn("Delivery receipt", receipt.name)


@tagged("post_install", "-at_install")
class TestNobodyJudgesTheirOwnCase(AttaResearchCase):
    """Who researched or visited a request, under any of their logins, does not vote on it [S7.5]."""

    def _committee_with(self, member):
        self.committee.member_ids |= member
        return member

    def test_a_member_who_visited_or_is_the_researcher_under_another_login_cannot_vote(self):
        self.member_b.write({"group_ids": [(4, self.env.ref("atta_research.group_social_researcher").id)]})
        request = self._to_research(self._request())
        # Member Khalid also visited the family, though the request is Amal's.
        self.env["atta.research.visit"].create({"request_id": request.id, "researcher_id": self.member_b.id})
        self._research(request)
        request.with_user(self.researcher).action_send_to_committee()
        # Amal has a committee login too, on the same contact.
        same_contact = new_test_user(
            self.env,
            "r_amal_committee",
            groups="atta_research.group_committee_member",
            name="Amal (committee)",
            partner_id=self.researcher.partner_id.id,
        )
        self._committee_with(same_contact)
        session = self._session(self.chair + self.member_a + self.member_b + same_contact)
        session.with_user(self.chair).action_open()
        decision = session.decision_ids
        for member, reason in (
            (self.member_b, "visited the family"),
            (same_contact, "under another login"),
        ):
            with self.subTest(member=member.login):
                with self.assertRaisesText(ValidationError, "conflict of interest"):
                    self._vote(session, request, member, "approve")
                with self.assertRaisesText(ValidationError, reason):
                    self.env["atta.committee.vote"].with_user(member).web_save(
                        {"decision_id": decision.id, "member_id": member.id, "vote": "approve"}, {}
                    )
        self.assertFalse(decision.sudo().vote_ids)
        self._vote(session, request, self.chair, "approve")
        self._vote(session, request, self.member_a, "approve")
        session.with_user(self.chair).action_close()
        minutes = str(session.minutes)
        self.assertIn("<td>2 / 0 / 0</td>", minutes)
        self.assertIn(
            f"{request.name}: Member Khalid did not vote (conflict of interest: they visited the family", minutes
        )
        self.assertIn(f"{request.name}: Amal (committee) did not vote (conflict of interest:", minutes)
        self.assertNotIn("Member Salma did not vote", minutes)


@tagged("post_install", "-at_install")
class TestIssuedLettersAndClosedVotesStay(AttaResearchCase):
    """A decision letter stays as issued and a closed session keeps its votes and minutes, for every role."""

    def test_an_issued_decision_letter_is_never_changed_or_deleted(self):
        request = self._to_committee(self._request())
        self._decide(request)
        letter = request.letter_id
        other = self._request()
        self.assertTrue(letter and letter.res_id == request.id)
        before = (
            letter.name,
            letter.subject,
            letter.body,
            letter.attachment,
            letter.correspondent,
            letter.beneficiary_id,
        )
        pdf = base64.b64encode(plain_pdf())
        for user in (self.officer, self.manager):
            as_user = letter.with_user(user)
            for vals in (
                {"attachment": pdf, "attachment_name": "decision.pdf"},
                {"name": "OUT/2026/9999"},
                {"body": "<p>Your request was approved for 9,999.</p>"},
                {"subject": "Another decision"},
                {"correspondent": "Someone else"},
                {"beneficiary_id": self._household("Another Family").id},
                {"date": "2020-01-01"},
            ):
                with (
                    self.subTest(user=user.login, vals=list(vals)),
                    self.assertRaisesText(UserError, "stays as it was"),
                ):
                    as_user.write(vals)
            with self.subTest(user=user.login), self.assertRaisesText(UserError, "stays as it was"):
                as_user.web_save({"attachment": pdf}, {})
            with self.subTest(user=user.login), self.assertRaisesText(UserError, "only by the step"):
                as_user.write({"res_id": other.id})
        # The officer may not delete letters at all; the manager may, but not an issued one.
        with self.assertRaises(AccessError):
            letter.with_user(self.officer).unlink()
        with self.assertRaisesText(UserError, "cannot be deleted"):
            letter.with_user(self.manager).unlink()
        # The binary field writes its file in superuser mode: the letter refuses it there too.
        with self.assertRaisesText(UserError, "stays as it was"):
            letter.sudo().write({"attachment": pdf})
        with self.assertRaisesText(UserError, "cannot be deleted"):
            letter.sudo().unlink()
        self.env.invalidate_all()
        self.assertEqual(
            (letter.name, letter.subject, letter.body, letter.attachment, letter.correspondent, letter.beneficiary_id),
            before,
        )
        self.assertEqual((letter.res_model, letter.res_id, request.letter_id), (request._name, request.id, letter))
        self.assertFalse(
            self.env["ir.attachment"]
            .sudo()
            .search_count([("res_model", "=", letter._name), ("res_id", "=", letter.id)])
        )

    def test_a_letter_is_issued_only_by_a_step_and_the_register_stays_editable(self):
        request = self._to_committee(self._request())
        Letter = self.env["atta.letter"].with_user(self.officer)
        with self.assertRaisesText(UserError, "only by the step"):
            Letter.create({"subject": "Forged decision", "res_model": request._name, "res_id": request.id})
        self.assertFalse(
            self.env["atta.letter"].search_count([("res_model", "=", request._name), ("res_id", "=", request.id)])
        )
        # Correspondence recorded at the desk stays the desk's to complete.
        letter = Letter.create({"subject": "Reply to the school", "direction": "outgoing"})
        letter.write(
            {"body": "<p>Thank you</p>", "attachment": base64.b64encode(plain_pdf()), "attachment_name": "r.pdf"}
        )
        self.assertEqual(base64.b64decode(letter.attachment), plain_pdf())
        self._decide(request)
        copy = request.letter_id.with_user(self.officer).copy()
        self.assertEqual((copy.res_model, copy.res_id), (False, 0))

    def test_the_votes_and_minutes_of_a_closed_session_stay_for_every_role(self):
        request = self._to_committee(self._request())
        session = self._decide(request)
        votes = session.decision_ids.vote_ids
        minutes = session.minutes
        self.assertEqual(len(votes), 2)
        for user in (self.chair, self.member_a):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                votes.with_user(user).unlink()
        with self.assertRaisesText(UserError, "cannot be deleted"):
            votes.with_user(self.manager).unlink()
        with self.assertRaisesText(UserError, "cannot be deleted"):
            votes.sudo().unlink()
        with self.assertRaisesText(UserError, "never changed after"):
            votes.with_user(self.manager).write({"vote": "reject"})
        for user in (self.manager, self.chair):
            with self.subTest(user=user.login), self.assertRaises(UserError):
                session.with_user(user).write({"minutes": "<p>Other minutes</p>"})
        self.env.invalidate_all()
        self.assertEqual((session.decision_ids.vote_ids, session.minutes), (votes, minutes))
        self.assertEqual(set(votes.mapped("vote")), {"approve"})

    def test_during_the_session_only_the_member_withdraws_their_own_vote_in_the_trail(self):
        self.committee.member_ids |= self.manager
        request = self._to_committee(self._request())
        session = self._session(self.chair + self.member_a + self.manager)
        session.with_user(self.chair).action_open()
        theirs = self._vote(session, request, self.member_a, "approve")
        with self.assertRaisesText(AccessError, "own vote"):
            theirs.with_user(self.manager).unlink()
        self.assertTrue(theirs.exists())
        own = self._vote(session, request, self.manager, "reject")
        last = self.env["atta.audit.log"].search([], limit=1).id
        own.with_user(self.manager).unlink()
        entries = self.env["atta.audit.log"].search([("id", ">", last)])
        self.assertFalse(own.exists())
        self.assertEqual(
            [(e.action, e.res_model, e.user_id, e.reference) for e in entries],
            [("delete", "atta.committee.vote", self.manager, request.name)],
        )


@tagged("post_install", "-at_install")
class TestDecisionLetterAsIssued(AttaResearchCase):
    """A decision letter prints the text it was issued with, whatever happens to the request afterwards."""

    LETTER = "atta_research.action_report_decision_letter"
    GROUNDS = "The household income is above the sufficiency line."

    def _print(self, request, user):
        html, _kind = self.env["ir.actions.report"].with_user(user)._render_qweb_html(self.LETTER, request.ids)
        return html.decode()

    def _appeal(self, request, user):
        wizard = (
            self.env["atta.request.action.wizard"]
            .with_user(user)
            .create({"request_id": request.id, "action": "appeal", "note": "A new salary certificate: no income."})
        )
        wizard.action_confirm()

    def test_an_appeal_and_a_corrected_name_leave_the_issued_letter_as_it_was_sent(self):
        request = self._to_committee(self._request())
        self._refuse(request)
        refusal = request.letter_id
        issued_name = self.beneficiary.name
        self.assertIn(self.GROUNDS, refusal.body)
        self.assertIn(refusal.name, refusal.body)
        self.assertIn(issued_name, refusal.body)
        printed = self._print(request, self.officer)
        self.assertIn(self.GROUNDS, printed)
        self.assertIn(refusal.name, printed)

        # The applicant appeals and the officer corrects the name on the file: the request no longer holds
        # the refusal, yet its letter, printed by the desk, is still the refusal as it was sent.
        self._appeal(request, self.officer)
        self.assertEqual((request.state, request.decision_reason, request.letter_id), ("committee", False, refusal))
        self.beneficiary.with_user(self.officer).write({"name": "Corrected Family Name"})
        for user in (self.officer, self.manager, self.member_a, self.researcher):
            with self.subTest(user=user.login):
                printed = self._print(request, user)
                self.assertIn(self.GROUNDS, printed)
                self.assertIn(issued_name, printed)
                self.assertIn(refusal.name, printed)
                self.assertNotIn("Corrected Family Name", printed)
                self.assertNotIn("has not decided", printed)
        # The researcher prints the letter of a request they may read; the register itself stays closed to them.
        with self.assertRaises(AccessError):
            refusal.with_user(self.researcher).read(["body"])

        # Approved on appeal: a new letter with its own number and text; the refusal keeps its own.
        review = self._session()
        review.with_user(self.chair).action_open()
        for member in (self.chair, self.member_a):
            self._vote(review, request, member, "approve")
        review.with_user(self.chair).action_close()
        approval = request.letter_id
        self.assertEqual(request.state, "approved")
        self.assertNotEqual(approval, refusal)
        self.assertIn("Corrected Family Name", approval.body)
        self.assertIn(review.name, approval.body)
        printed = self._print(request, self.officer)
        self.assertIn(approval.name, printed)
        self.assertNotIn(self.GROUNDS, printed)
        self.env.invalidate_all()
        self.assertIn(self.GROUNDS, refusal.body)
        self.assertIn(issued_name, refusal.body)
        self.assertNotIn("Corrected Family Name", refusal.body)

    def test_the_letter_is_written_in_the_applicants_language(self):
        self.env["res.lang"]._activate_lang("ar_001")
        self.beneficiary.partner_id.lang = "ar_001"
        request = self._to_committee(self._request())
        self._refuse(request)
        self.assertIn("رقم الخطاب", request.letter_id.body)
        self.assertIn("لجنة البحث", request.letter_id.body)
        # A user working in English prints the Arabic letter the applicant was sent.
        printed = self._print(request, self.officer)
        self.assertIn("لجنة البحث", printed)
        self.assertIn("خطاب القرار", printed)

    def test_letters_issued_before_their_text_was_kept_get_it_from_their_decision(self):
        request = self._to_committee(self._request())
        self._refuse(request)
        self._appeal(request, self.officer)
        review = self._session()
        review.with_user(self.chair).action_open()
        for member in (self.chair, self.member_a):
            self._vote(review, request, member, "approve")
        review.with_user(self.chair).action_close()
        letters = self.env["atta.letter"].search(
            [("res_model", "=", request._name), ("res_id", "=", request.id)], order="id"
        )
        self.assertEqual(len(letters), 2)
        issued = letters.mapped("body")
        # The file's name corrected since: each letter is written again to the name it was sent to.
        self.beneficiary.with_user(self.officer).write({"name": "Corrected Family Name"})
        erased = self._to_committee(self._request(beneficiary=self._household("Erased Household")))
        self._refuse(erased)
        erased.letter_id.sudo().with_context(atta_erasing=True).write({"correspondent": False, "body": False})
        # As a database from before: no text on the issued letters.
        self.env.flush_all()
        self.env.cr.execute("UPDATE atta_letter SET body = NULL WHERE id IN %s", (letters._ids,))
        self.env.invalidate_all()
        self.assertEqual(letters.mapped("body"), [False, False])

        captured = self._post_migrate().capture_decision_letters(self.env(su=True))
        self.assertEqual(captured, 2)
        self.assertEqual(letters.mapped("body"), issued, "each letter gets the text of the decision it announced")
        self.assertFalse(erased.letter_id.body, "an erased letter stays erased")

    def _post_migrate(self):
        # The migration's folder is no package: the script is loaded from its path, as the upgrade does.
        path = f"{get_module_path('atta_research')}/migrations/19.0.1.2.0/post-migrate.py"
        spec = importlib.util.spec_from_file_location("atta_research_post_migrate_19_0_1_2_0", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module

    def test_nobody_numbers_a_letter_by_hand_and_a_copy_does_not_carry_the_issued_text(self):
        request = self._to_committee(self._request())
        self._refuse(request)
        issued = request.letter_id
        Letter = self.env["atta.letter"].with_user(self.officer)
        count = Letter.search_count([])
        with self.assertRaisesText(UserError, "gives each letter its number"):
            Letter.create({"name": issued.name, "subject": "Decision", "body": "<p>Forged grounds</p>"})
        imported = Letter.load(["name", "subject"], [[issued.name, "Decision"]])
        self.assertFalse(imported["ids"])
        self.assertIn("gives each letter its number", str(imported["messages"]))
        desk = Letter.create({"subject": "Reply to the school"})
        self.assertNotEqual(desk.name, "/")
        # The register a letter is numbered in is the one it is recorded in, however its direction was given.
        incoming = Letter.with_context(default_direction="incoming").create({"subject": "From the school"})
        self.assertEqual((incoming.direction, incoming.name[:2]), ("incoming", "IN"))
        with self.assertRaisesText(UserError, "gives each letter its number"):
            desk.write({"name": issued.name})
        with self.assertRaisesText(UserError, "gives each letter its number"):
            desk.web_save({"name": "OUT/9999/0001"}, {})
        self.assertEqual(Letter.search_count([]), count + 2)
        copy = issued.with_user(self.officer).copy()
        self.assertNotEqual(copy.name, issued.name)
        self.assertFalse(copy.body, "the copy does not repeat the issued letter's number and grounds")
        self.assertFalse(copy.request_id)

    def test_reading_a_letter_leaves_an_entry_in_the_trail(self):
        request = self._to_committee(self._request())
        self._refuse(request)
        letter = request.letter_id
        letter.with_user(self.officer).web_read({"body": {}, "correspondent": {}})
        entry = self.env["atta.audit.log"].search(
            [("res_model", "=", letter._name), ("user_id", "=", self.officer.id), ("action", "=", "view")]
        )
        self.assertEqual(entry.res_ids, str(letter.id))

    def test_a_member_reads_only_the_letters_of_the_requests_before_their_committee(self):
        first = self._to_committee(self._request())
        self._refuse(first)
        other = self.env["atta.committee"].create(
            {
                "name": "Appeals Committee",
                "chair_id": self.chair.id,
                "quorum": 2,
                "member_ids": [(6, 0, (self.chair + self.outsider_member).ids)],
            }
        )
        second = self._to_committee(self._request(support_type=self.food))
        session = self.env["atta.committee.session"].with_user(self.chair).create({"committee_id": other.id})
        session.attendee_ids = self.chair + self.outsider_member
        session.action_load_agenda()
        self.assertIn(second, session.decision_ids.request_id)
        self.assertNotIn(first, session.decision_ids.request_id)
        # The household is before the other committee, for another request: its members read neither the
        # first request nor the grounds the first committee wrote to the household.
        Letter = self.env["atta.letter"].with_user(self.outsider_member)
        self.assertFalse(Letter.search([("beneficiary_id", "=", self.beneficiary.id)]))
        with self.assertRaises(AccessError):
            first.letter_id.with_user(self.outsider_member).read(["body"])
        self.assertEqual(
            self.env["atta.letter"].with_user(self.member_a).search([("beneficiary_id", "=", self.beneficiary.id)]),
            first.letter_id,
            "the committee that decided reads its letter",
        )
        self.assertEqual(first.letter_id.request_id, first)
        with self.assertRaisesText(UserError, "only by the step"):
            self.env["atta.letter"].with_user(self.officer).create({"subject": "x", "request_id": second.id})

    def test_context_defaults_forge_no_issued_letter_and_no_decided_request(self):
        request = self._to_committee(self._request())
        Letter = self.env["atta.letter"].with_user(self.officer)
        count = Letter.search_count([])
        for context in (
            {"default_res_model": request._name, "default_res_id": request.id},
            {"default_request_id": request.id},
            {"default_name": "OUT-1448-00077"},
        ):
            forging = Letter.with_context(**context)
            with self.subTest(context=list(context)), self.assertRaises(UserError):
                forging.create({"subject": "Decision on support request", "body": "<p>Forged grounds</p>"})
            with self.subTest(context=list(context)), self.assertRaises(UserError):
                forging.web_save({"subject": "Decision on support request"}, {})
        self.assertEqual(Letter.search_count([]), count)
        # The same for a step's own fields: a request is not created already approved.
        Request = self.env["atta.support.request"].with_user(self.officer)
        with self.assertRaisesText(UserError, "only change through the steps"):
            Request.with_context(default_state="approved", default_approved_amount=5000).create(
                {"beneficiary_id": self.beneficiary.id, "support_type_id": self.food.id}
            )
        # The chair closing the session carries no default into the letter it issues.
        session = self._session()
        session.with_user(self.chair).action_open()
        for member in (self.chair, self.member_a):
            self._vote(session, request, member, "approve")
        session.with_user(self.chair).with_context(
            default_attachment=base64.b64encode(plain_pdf()), default_attachment_name="forged.pdf"
        ).action_close()
        self.assertEqual(request.state, "approved")
        self.assertFalse(request.letter_id.attachment)
        self.assertFalse(
            self.env["ir.attachment"].search_count(
                [("res_model", "=", "atta.letter"), ("res_id", "=", request.letter_id.id)]
            )
        )

    def test_a_letter_keeps_its_request_its_number_and_its_register(self):
        request = self._to_committee(self._request())
        self._refuse(request)
        letter = request.letter_id
        for vals in ({"request_id": False}, {"request_id": request.id}):
            with self.subTest(vals=vals), self.assertRaisesText(UserError, "only by the step"):
                letter.with_user(self.manager).write(vals)
        desk = self.env["atta.letter"].with_user(self.officer).create({"subject": "Reply to the school"})
        number = desk.name
        for vals in ({"name": "/"}, {"name": False}):
            with self.subTest(vals=vals), self.assertRaisesText(UserError, "gives each letter its number"):
                desk.write(vals)
        with self.assertRaisesText(UserError, "register of its direction"):
            desk.write({"direction": "incoming"})
        self.env.invalidate_all()
        self.assertEqual((letter.request_id, desk.name, desk.direction), (request, number, "outgoing"))

    def test_a_search_on_whom_a_letter_went_to_is_in_the_trail(self):
        request = self._to_committee(self._request())
        self._refuse(request)
        Letter = self.env["atta.letter"].with_user(self.officer)
        self.assertEqual(Letter.search_count([("correspondent", "ilike", "Fatimah")]), 1)
        probes = self.env["atta.audit.log"].search(
            [("res_model", "=", "atta.letter"), ("user_id", "=", self.officer.id)]
        )
        self.assertTrue(probes, "the look-up by name is in the trail")


@tagged("post_install", "-at_install")
class TestContextDefaultsInResearch(AttaResearchCase):
    """The forms opened from a request keep their defaults; a default of the context sets no step's field."""

    def test_the_researcher_writes_the_report_opened_from_the_requests_visits(self):
        request = self._to_research(self._request())
        action = request.with_user(self.researcher).action_view_visits()
        Visit = self.env["atta.research.visit"].with_user(self.researcher).with_context(**action["context"])
        # The web client sends the request the form was opened with; a bare create takes it from the context.
        for vals in ({"request_id": request.id}, {}):
            with self.subTest(vals=list(vals)):
                visit = Visit.create(vals)
                self.assertEqual((visit.request_id, visit.researcher_id), (request, self.researcher))
                self.assertEqual(visit.household_size, request.beneficiary_id.household_size)
        # Another researcher's request, given only in the context, is refused like a value.
        other = self._to_research(self._request(beneficiary=self._household("Other Household")), self.other_researcher)
        with self.assertRaises(AccessError):
            Visit.with_context(default_request_id=other.id).create({})
        self.assertFalse(self.env["atta.research.visit"].search([("request_id", "=", other.id)]))

    def test_a_delivery_takes_no_state_or_receipt_from_the_context(self):
        request = self._to_committee(self._request())
        self._decide(request)
        self._register(request.beneficiary_id)
        Delivery = self.env["atta.support.delivery"].with_user(self.officer)
        with self.assertRaisesText(UserError, "only change through the steps"):
            Delivery.with_context(default_state="done").create({"request_id": request.id, "amount": 2500})
        delivery = Delivery.with_context(default_receipt=base64.b64encode(plain_pdf())).create(
            {"request_id": request.id, "amount": 2500}
        )
        self.assertEqual((delivery.state, delivery.receipt), ("draft", False))
        self.assertEqual(request.state, "approved")
