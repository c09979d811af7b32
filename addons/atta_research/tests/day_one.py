"""The base of the day-one tours: a database made by the first start, staff given their roles, nothing else.

The tests built on it are tagged `atta_day_one` and `-standard`: they run only in the step `first start` of
tests/run.py, on a database made as config/start-atta.sh makes it (config/first_start.py), never on a test
base. Only the admin's own work is done here, and only what Settings → Users does: a user with a name, a
login, the Atta role ticked, Arabic and Riyadh's time zone. Everything else a tour needs from another role
is done before the tour AS that role, through the methods the web client calls.
"""

import base64
from datetime import datetime, time
from zoneinfo import ZoneInfo

from stdnum import luhn

from odoo import Command
from odoo.tests import HttpCase

from odoo.addons.atta_beneficiary.tools.roles import COMMITTEE_MEMBER, MANAGER, OFFICER, RESEARCHER, VOLUNTEER

from .common import PDF_BYTES

RIYADH = ZoneInfo("Asia/Riyadh")


class DayOneCase(HttpCase):
    """The first start's database with the association's staff: officer, researcher, volunteer, manager, chair."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = cls.env.ref("base.user_admin")
        # The first start made exactly one committee, the admin chairing it until the manager names the chair.
        cls.committee = cls.env["atta.committee"].search([])
        cls.officer = cls._staff("huda", "هدى الموظفة", OFFICER)
        cls.researcher = cls._staff("amal", "أمل الباحثة", RESEARCHER)
        cls.volunteer_user = cls._staff("saad", "سعد المتطوع", VOLUNTEER)
        cls.manager = cls._staff("nasser", "ناصر مدير الجمعية", MANAGER)
        cls.chair = cls._staff("mona", "منى رئيسة اللجنة", COMMITTEE_MEMBER)

    @classmethod
    def _staff(cls, login, name, *groups):
        """Settings → Users, as the admin: name, login, the Atta role ticked, Arabic, Riyadh."""
        Users = cls.env["res.users"].with_user(cls.admin)
        saved = Users.web_save(
            {
                "name": name,
                "login": login,
                "lang": "ar_001",
                "tz": "Asia/Riyadh",
                "group_ids": [Command.link(cls.env.ref(group).id) for group in groups],
            },
            specification={},
        )
        return Users.browse(saved[0]["id"]).with_user(cls.env.user)

    # ------------------------------------------------------------------ what other roles did before
    def _name_the_chair(self):
        """The manager follows the start screen's checklist to the committee form and names the chair there: the
        chair chairs it alone, with a quorum of one, until the members are named."""
        home = self.env["atta.home"].with_user(self.manager)
        item = next(i for i in home.get_home_data()["checklist"] if i["key"] == "committee_chair")
        self.assertFalse(item["done"], "the checklist asks the manager to name the chair the first start could not")
        committee = self.env[item["action"]["res_model"]].with_user(self.manager).browse(item["action"]["res_id"])
        self.assertEqual(committee, self.committee)
        committee.web_save({"chair_id": self.chair.id, "member_ids": [Command.set(self.chair.ids)]}, specification={})
        self.assertEqual(self.committee.chair_id, self.chair)
        item = next(i for i in home.get_home_data()["checklist"] if i["key"] == "committee_chair")
        self.assertTrue(item["done"], "a member of staff chairs the committee now")

    def _family_file(self, name, number, support_type=None, extra_types=None, iban=None, **values):
        """The officer's walk-in file with the papers the family brought, scanned, and the signed declaration."""
        officer_env = self.env(user=self.officer)
        family = officer_env["atta.beneficiary"].create(
            dict(
                {"name": name, "identity_number": number + luhn.calc_check_digit(number), "phone": "0551234568"},
                **values,
            )
        )
        self._papers(family, support_type, extra_types, iban)
        return family.with_env(self.env)

    def _papers(self, family, support_type=None, extra_types=None, iban=None):
        """The documents the support type asks for (and `extra_types`), verified, and the declaration signed.

        `iban`: the IBAN the officer reads on the IBAN certificate, when the family is paid by transfer.
        """
        officer_env = self.env(user=self.officer)
        support_type = support_type or self.env.ref("atta_research.support_type_food_basket")
        iban_type = self.env.ref("atta_beneficiary.document_type_iban_certificate")
        documents = officer_env["atta.beneficiary.document"].create(
            [
                dict(
                    {
                        "beneficiary_id": family.id,
                        "document_type_id": doc_type.id,
                        "attachment": base64.b64encode(PDF_BYTES),
                        "attachment_name": "scan.pdf",
                    },
                    **({"iban": iban} if iban and doc_type == iban_type else {}),
                )
                for doc_type in support_type.required_document_type_ids | (extra_types or iban_type.browse())
            ]
        )
        documents.action_verify()
        officer_env["atta.beneficiary.consent"].create(
            {
                "beneficiary_id": family.id,
                "text_id": self.env.ref("atta_beneficiary.consent_text_declaration_v1").id,
                "accepted_by_name": family.name,
                "channel_id": self.env.ref("atta_beneficiary.channel_interview").id,
            }
        )

    def _referred(self, family, visit_date, support_type=None):
        """The officer's request, referred to the researcher with the visit planned."""
        support_type = support_type or self.env.ref("atta_research.support_type_food_basket")
        request = (
            self.env["atta.support.request"]
            .with_user(self.officer)
            .create({"beneficiary_id": family.id, "support_type_id": support_type.id})
        )
        request.action_submit()
        request.action_start_verification()
        action = request.action_open_referral()
        Wizard = self.env[action["res_model"]].with_user(self.officer).with_context(**action["context"])
        Wizard.create({"researcher_id": self.researcher.id, "visit_date": visit_date}).action_confirm()
        return request.with_user(self.env.user)

    def _researched(self, request, **visit_values):
        """The researcher completes the visit recommending approval and sends the request to the committee."""
        visit = request.visit_ids.with_user(self.researcher)
        visit.web_save(dict({"recommendation": "approve"}, **visit_values), specification={})
        visit.action_done()
        request.with_user(self.researcher).action_send_to_committee()
        self.assertEqual(request.committee_id, self.committee)
        return request

    def _today_at(self, hour):
        """Today at `hour` in Riyadh, as the stored UTC datetime."""
        local = datetime.combine(datetime.now(RIYADH).date(), time(hour), tzinfo=RIYADH)
        return local.astimezone(ZoneInfo("UTC")).replace(tzinfo=None)
