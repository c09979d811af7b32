import zlib
from datetime import date, datetime

from freezegun import freeze_time
from stdnum import luhn

from odoo.tests import tagged
from odoo.tools import format_date

from odoo.addons.atta_beneficiary.tools import hijri_date_string

from .common import AttaResearchCase

# The Arabic of each SMS, as ar.po gives it; set on the templates so that the test proves the message is
# rendered in the person's language (the `lang` of each template), whatever the state of the translations.
ARABIC_BODIES = {
    "sms_template_request_acknowledgement": "{{ object.company_id.name }}: استلمنا طلب الدعم رقم {{ object.name }}، "
    "ويصدر القرار بحلول {{ object.deadline_hijri }} ({{ format_date(object.deadline) }}). تابع طلبك: "
    "{{ object._atta_tracking_url() }}",
    "sms_template_request_needs_info": "{{ object.company_id.name }}: لمتابعة طلبك {{ object.name }} نحتاج: "
    "{{ object.needs_info_note }} أرسله من هنا: {{ object._atta_tracking_url() }}",
    "sms_template_visit_appointment": "{{ object.company_id.name }}: موعد الباحث الاجتماعي لطلبك "
    "{{ object.request_id.name }}: {{ object._atta_appointment_text() }}. للتغيير اتصل بنا.",
    "sms_template_request_approved": "{{ object.company_id.name }}: وافقت لجنة البحث على طلبك {{ object.name }} "
    "({{ object.support_type_id.name }}). سنتواصل معك لترتيب التسليم.",
    "sms_template_request_rejected": "{{ object.company_id.name }}: لم توافق لجنة البحث على طلبك {{ object.name }}. "
    "الأسباب وطريقة التظلم: {{ object._atta_tracking_url() }}",
    "sms_template_delivery_done": "{{ object.company_id.name }}: سُلّم دعم طلبك {{ object.request_id.name }} في "
    "{{ object.date_hijri }} ({{ format_date(object.date) }}): {{ object._atta_handed_over_text() }}.",
}


@tagged("post_install", "-at_install")
class TestSmsChannel(AttaResearchCase):
    """Every step of a request reaches the applicant by SMS or e-mail, by their choice and their consent."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("ar_001")
        for xmlid, body in ARABIC_BODIES.items():
            cls.env.ref(f"atta_research.{xmlid}").with_context(lang="ar_001").body = body
        cls.mobile_only = cls._file("Maryam Saad Alharbi", phone="0551234567", email=False, lang="ar_001")

    @classmethod
    def _file(cls, name, **values):
        body = f"1{zlib.crc32(name.encode()) % 10**8:08d}"
        return cls._complete_beneficiary(body + luhn.calc_check_digit(body), name, **values)

    def _sms(self, beneficiary):
        return self.env["sms.sms"].search([("partner_id", "=", beneficiary.partner_id.id)], order="id")

    def _mails(self, beneficiary):
        return self.env["mail.mail"].search([("recipient_ids", "in", beneficiary.partner_id.ids)])

    def _withdraw_consent(self, beneficiary):
        consent = self.env["atta.beneficiary.consent"].create(
            {
                "beneficiary_id": beneficiary.id,
                "text_id": self.env.ref("atta_beneficiary.consent_text_consent_v1").id,
                "accepted_by_name": beneficiary.name,
                "channel_id": self.env.ref("atta_beneficiary.channel_phone").id,
            }
        )
        consent.with_user(self.officer).action_withdraw()
        self.assertTrue(beneficiary.consent_withdrawn)

    def _ask_for(self, request, note):
        """The researcher asks for what is missing through the step's wizard, as the button does."""
        self.env["atta.request.action.wizard"].with_user(self.researcher).create(
            {"request_id": request.id, "action": "needs_info", "note": note}
        ).action_confirm()

    def _appointment(self, request, when):
        """The researcher plans a home visit on the request's research report."""
        return (
            self.env["atta.research.visit"]
            .with_user(self.researcher)
            .create({"request_id": request.id, "visit_type": "home", "visit_date": when})
        )

    def _through_every_step(self, person):
        """Application, what is missing, appointment, decision and hand-over, each step taken by its role."""
        with freeze_time("2026-12-06 09:00:00"):
            request = self._request(beneficiary=person)
            request.with_user(self.officer).action_submit()
            self._to_research(request)
            self._ask_for(request, "صورة عقد الإيجار")
            request.with_user(self.officer).action_resume()
            visit = self._appointment(request, datetime(2026, 12, 9, 7, 30))
            visit.with_user(self.researcher).write({"recommendation": "approve", "recommended_amount": 2500})
            visit.with_user(self.researcher).action_done()
            request.with_user(self.researcher).action_send_to_committee()
            self._decide(request)
            self._register(person)
            delivery = (
                self.env["atta.support.delivery"]
                .with_user(self.officer)
                .create({"request_id": request.id, "amount": 2500, "date": "2026-12-10"})
            )
            delivery.with_user(self.officer).action_confirm()
        self.assertEqual(request.state, "delivered")
        return request

    def test_a_file_with_a_mobile_and_no_email_is_told_by_sms(self):
        self.assertEqual(self.mobile_only.message_channel, "sms")
        both = self._file("Huda Nasser Alotaibi", phone="0561234567", email="h@example.com")
        self.assertEqual(both.message_channel, "email", "an e-mail address given is how the person is written to")
        landline = self._file("Saleh Omar Alzahrani", phone="0112345678", email=False)
        self.assertFalse(landline._atta_mobile(), "a Riyadh landline receives no SMS")
        self.assertFalse(landline.message_channel)

    def test_the_persons_choice_stays_while_it_reaches_them(self):
        person = self._file("Noura Ali Alshehri", phone="0571234567", email="n@example.com")
        person.with_user(self.officer).message_channel = "both"
        person.with_user(self.officer).phone = "0581234567"
        self.assertEqual(person.message_channel, "both")
        person.with_user(self.officer).email = False
        self.assertEqual(person.message_channel, "sms", "without an e-mail address, SMS is what still reaches them")

    def test_from_application_to_delivery_each_step_reaches_a_mobile_only_file_by_sms_in_arabic(self):
        person = self.mobile_only
        request = self._through_every_step(person)

        sms = self._sms(person)
        self.assertEqual(len(sms), 5, "acknowledgement, what is missing, appointment, decision, hand-over")
        self.assertEqual(set(sms.mapped("state")), {"outgoing"}, "in Odoo's SMS queue, for its cron to send")
        self.assertEqual(set(sms.mapped("number")), {"+966551234567"})
        ack, missing, appointment, decision, handed_over = sms.mapped("body")
        arabic = self.env(context=dict(self.env.context, lang="ar_001"))

        tracking = request._atta_tracking_url()
        self.assertIn(f"/my/requests/{request.id}?access_token={request.access_token}", tracking)
        self.assertIn("استلمنا طلب الدعم رقم", ack)
        self.assertIn(request.name, ack)
        self.assertIn(tracking, ack)
        self.assertIn(hijri_date_string(request.deadline, "ar_001"), ack)
        self.assertIn(format_date(arabic, request.deadline), ack)

        self.assertIn("نحتاج", missing)
        self.assertIn("صورة عقد الإيجار", missing, "what is missing, as the researcher wrote it")

        self.assertIn("موعد الباحث الاجتماعي", appointment)
        self.assertIn(hijri_date_string(date(2026, 12, 9), "ar_001"), appointment)
        self.assertIn(format_date(arabic, date(2026, 12, 9)), appointment)
        self.assertIn("10:30", appointment, "the hour of the appointment, Riyadh time")

        self.assertIn("وافقت لجنة البحث", decision)
        self.assertIn(request.name, decision)

        self.assertIn("سُلّم دعم طلبك", handed_over)
        self.assertIn(hijri_date_string(date(2026, 12, 10), "ar_001"), handed_over)
        self.assertIn(format_date(arabic, date(2026, 12, 10)), handed_over)

        self.assertFalse(self._mails(person), "no e-mail address: nothing by mail")
        logged = request.message_ids.filtered(lambda m: m.message_type == "sms")
        self.assertEqual(len(logged), 5, "each SMS is logged on the request's chatter")

    def test_a_moved_appointment_is_told_again_and_a_past_or_phone_one_is_not(self):
        with freeze_time("2026-12-06 09:00:00"):
            request = self._to_research(self._request(beneficiary=self.mobile_only))
            visit = self._appointment(request, datetime(2026, 12, 9, 7, 30))
            visit.with_user(self.researcher).visit_date = datetime(2026, 12, 13, 6, 0)
            visit.with_user(self.researcher).visit_type = "phone"
            visit.with_user(self.researcher).visit_date = datetime(2026, 12, 14, 6, 0)
            # A report written at the visit itself (now) is no appointment to announce.
            self.env["atta.research.visit"].with_user(self.researcher).create({"request_id": request.id})
        appointments = self._sms(self.mobile_only).filtered(lambda sms: "موعد الباحث الاجتماعي" in sms.body)
        self.assertEqual(len(appointments), 2, "set, then moved; a phone research has no appointment to attend")
        self.assertIn(hijri_date_string(date(2026, 12, 13), "ar_001"), appointments[-1].body)
        self.assertIn("09:00", appointments[-1].body)

    def test_a_refusal_is_told_by_sms_with_the_tracking_link(self):
        with freeze_time("2026-12-06 09:00:00"):
            request = self._to_committee(self._request(beneficiary=self.mobile_only))
            session = self._session()
            session.with_user(self.chair).action_open()
            for member in (self.chair, self.member_a):
                self._vote(session, request, member, "reject", "The household's income is above the threshold.")
            session.decision_ids.with_user(self.chair).reasons = "The household's income is above the threshold."
            session.with_user(self.chair).action_close()
        self.assertEqual(request.state, "rejected")
        refusal = self._sms(self.mobile_only)[-1]
        self.assertIn("لم توافق لجنة البحث", refusal.body)
        self.assertIn(request._atta_tracking_url(), refusal.body)

    def test_after_consent_is_withdrawn_no_step_sends_anything(self):
        person = self.mobile_only
        self._withdraw_consent(person)
        with freeze_time("2026-12-06 09:00:00"):
            request = self._request(beneficiary=person)
            request.with_user(self.officer).action_submit()
            self._to_research(request)
            self._ask_for(request, "صورة عقد الإيجار")
            request.with_user(self.officer).action_resume()
            self._appointment(request, datetime(2026, 12, 9, 7, 30))
        self.assertEqual(request.state, "research", "the steps go on")
        self.assertFalse(self._sms(person))
        self.assertFalse(self._mails(person))
        notes = request.message_ids.filtered(lambda m: "may not be contacted" in (m.body or ""))
        self.assertEqual(len(notes), 3, "the chatter says, at each step, why nothing was sent")

    def test_an_sms_queued_before_the_withdrawal_is_stopped_when_the_queue_sends_it(self):
        person = self.mobile_only
        with freeze_time("2026-12-06 09:00:00"):
            request = self._request(beneficiary=person)
            request.with_user(self.officer).action_submit()
        queued = self._sms(person)
        self.assertEqual(queued.state, "outgoing")
        self._withdraw_consent(person)
        queued._send()
        self.assertEqual((queued.state, queued.failure_type), ("canceled", "sms_optout"))
        notification = self.env["mail.notification"].search([("sms_id_int", "=", queued.id)])
        self.assertEqual(notification.notification_status, "canceled", "the chatter shows it was not sent")
        # A number typed by hand in the SMS composer is stopped too.
        typed = request.sudo()._message_sms("Test", partner_ids=[], sms_numbers=["+966551234567"], put_in_queue=True)
        self.assertEqual(self.env["sms.sms"].search([("mail_message_id", "=", typed.id)]).state, "canceled")

    def test_a_number_kept_in_local_form_on_the_file_stops_sms_to_its_international_form(self):
        person = self._file("Reem Fahad Aldosari", phone="0559998887", email=False, lang="ar_001")
        # The file keeps the number as it was typed in the contact, before numbers were normalised (old data: a
        # person's write on the contact now goes through the file and is normalised).
        person.partner_id.sudo().phone = "0559998887"
        self.assertEqual(person.phone, "0559998887")
        with freeze_time("2026-12-06 09:00:00"):
            request = self._request(beneficiary=person)
            request.with_user(self.officer).action_submit()
        by_step = self._sms(person)
        self.assertEqual((by_step.number, by_step.state), ("+966559998887", "outgoing"))
        # Typed by hand on the request (as the SMS composer does), queued before the withdrawal.
        typed = request.with_user(self.officer)._message_sms(
            "Call us about your request.", partner_ids=[], sms_numbers=["+966559998887"], put_in_queue=True
        )
        by_hand = self.env["sms.sms"].search([("mail_message_id", "=", typed.id)])
        self.assertEqual(
            (by_hand.number, by_hand.partner_id, by_hand.state), ("+966559998887", self.env["res.partner"], "outgoing")
        )

        self._withdraw_consent(person)
        # After the withdrawal, the SMS composer is stopped when the SMS is created ...
        composer = (
            self.env["sms.composer"]
            .with_user(self.officer)
            .create(
                {
                    "composition_mode": "comment",
                    "res_model": request._name,
                    "res_id": request.id,
                    "recipient_single_number_itf": "+966559998887",
                    "body": "Your request is waiting for you.",
                }
            )
        )
        composer.action_send_sms()
        after = self.env["sms.sms"].search([("number", "=", "+966559998887")]) - by_step - by_hand
        self.assertEqual(len(after), 1)
        self.assertEqual((after.state, after.failure_type), ("canceled", "sms_optout"))
        # ... and what was queued before is stopped when the queue sends it, by contact and by number.
        (by_step | by_hand)._send()
        for sms in by_step | by_hand:
            self.assertEqual((sms.state, sms.failure_type), ("canceled", "sms_optout"), sms.number)

    def test_the_chatter_keeps_each_sms_without_the_applicants_private_link(self):
        request = self._through_every_step(self.mobile_only)
        token = request.sudo().access_token
        self.assertTrue(token)
        tracking = request._atta_tracking_url()
        sent = self._sms(self.mobile_only)
        self.assertEqual(len(sent.filtered(lambda sms: tracking in sms.body)), 2, "acknowledgement, what is missing")

        # The chatter as the researcher reads it: the request's messages, and a search of the messages.
        logged = request.with_user(self.researcher).message_ids
        self.assertEqual(len(logged.filtered(lambda m: m.message_type == "sms")), 5, "each SMS is still logged")
        searched = (
            self.env["mail.message"]
            .with_user(self.researcher)
            .search_read(
                [("model", "=", request._name), ("res_id", "=", request.id)], ["body", "preview", "message_type"]
            )
        )
        self.assertEqual(len([m for m in searched if m["message_type"] == "sms"]), 5, "the researcher reads them")
        for text in [*logged.mapped("body"), str(searched)]:
            self.assertNotIn(token, text)
            self.assertNotIn(tracking, text)
        masked = logged.filtered(lambda m: "private link to the request" in (m.body or ""))
        self.assertEqual(len(masked), 2, "the chatter says a link was sent, without it")
        self.assertIn("استلمنا طلب الدعم رقم", masked[-1].body, "the rest of the message is kept as sent")

    def test_a_person_who_chose_email_gets_mails_and_no_sms(self):
        self.beneficiary.with_user(self.officer).message_channel = "email"
        with freeze_time("2026-12-06 09:00:00"):
            request = self._request()
            request.with_user(self.officer).action_submit()
            self._to_research(request)
            self._ask_for(request, "A copy of the lease")
            request.with_user(self.officer).action_resume()
            self._appointment(request, datetime(2026, 12, 9, 7, 30))
        self.assertFalse(self._sms(self.beneficiary))
        comment = self.env.ref("mail.mt_comment")
        subjects = request.message_ids.filtered(lambda m: m.subtype_id == comment).mapped("subject")
        self.assertIn(f"Your support request {request.name} was received", subjects)
        self.assertIn(f"Your request {request.name}: we need something from you", subjects)
        self.assertIn(f"Your request {request.name}: appointment with the social researcher", subjects)
        appointment = request.message_ids.filtered(lambda m: "appointment" in (m.subject or ""))
        self.assertIn(hijri_date_string(date(2026, 12, 9), "en_US"), appointment.body)
        self.assertIn("visit you at home", appointment.body)
        self.assertEqual(len(self._mails(self.beneficiary)), 3, "each queued for the mail server")

    def test_both_channels_when_the_person_asks_for_both(self):
        self.beneficiary.with_user(self.officer).message_channel = "both"
        with freeze_time("2026-12-06 09:00:00"):
            request = self._request()
            request.with_user(self.officer).action_submit()
        self.assertEqual(len(self._sms(self.beneficiary)), 1)
        self.assertEqual(len(self._mails(self.beneficiary)), 1)

    def test_a_broken_sms_or_mail_never_blocks_the_step(self):
        self.beneficiary.with_user(self.officer).message_channel = "both"
        self.env.ref("atta_research.sms_template_request_acknowledgement").body = "{{ object.no_such_field }}"
        # A template left broken (e.g. by a field a removed addon took away): Odoo's check on save would refuse
        # to write one, so it is broken in the table, as an upgrade would leave it.
        mail_template = self.env.ref("atta_research.mail_template_request_acknowledgement")
        self.env.cr.execute(
            "UPDATE mail_template SET subject = jsonb_build_object('en_US', %s) WHERE id = %s",
            ["{{ object.no_such_field }}", mail_template.id],
        )
        mail_template.invalidate_recordset(["subject"])
        with (
            freeze_time("2026-12-06 09:00:00"),
            self.assertLogs("odoo.addons.atta_research.models.notify_mixin", level="ERROR") as logged,
        ):
            request = self._request()
            request.with_user(self.officer).action_submit()
        self.assertEqual(len(logged.records), 2, "each failure is logged for the administrator")
        self.assertEqual(request.state, "submitted", "the request is received all the same")
        self.assertFalse(self._sms(self.beneficiary))
        failures = request.message_ids.filtered(lambda m: "could not be sent" in (m.body or ""))
        self.assertEqual(len(failures), 2, "the chatter tells the officer to reach the person another way")

    def test_a_file_without_mobile_or_email_is_noted_on_the_request(self):
        person = self._file("Saleh Omar Alzahrani", phone="0112345678", email=False)
        with freeze_time("2026-12-06 09:00:00"):
            request = self._request(beneficiary=person)
            request.with_user(self.officer).action_submit()
        self.assertEqual(request.state, "submitted")
        self.assertFalse(self._sms(person))
        self.assertTrue(request.message_ids.filtered(lambda m: "no mobile number or e-mail" in (m.body or "")))
