import base64

from stdnum import luhn

from odoo import fields
from odoo.fields import Command
from odoo.tests import new_test_user

from odoo.addons.atta_beneficiary.tools.roles import FINANCE
from odoo.addons.atta_research.tests.common import PDF_BYTES, AttaResearchCase


def saudi_iban(serial):
    """A valid Saudi IBAN (bank code 80) for a synthetic account number."""
    bban = f"80{serial:018d}"
    check = 98 - int(bban + "281000") % 97  # "SA00" moved to the end, letters as digits (S=28, A=10)
    return f"SA{check:02d}{bban}"


def national_id(serial):
    """A valid synthetic Saudi national ID: 1, eight digits, the Luhn check digit."""
    body = f"1{serial:08d}"
    return body + luhn.calc_check_digit(body)


class AttaDistributionCase(AttaResearchCase):
    """The research roles, two finance approvers, a chart of accounts, two funds, a warehouse and products."""

    # A chart template code (e.g. "sa"): the tests then run in a new company on that chart, every user in it.
    chart_template = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        user = lambda login, groups, name: new_test_user(cls.env, login, groups=groups, name=name, lang="en_US")  # noqa: E731
        cls.finance_a = user("d_finance_a", FINANCE, "Treasurer Sami")
        cls.finance_b = user("d_finance_b", FINANCE, "Board Member Noura")
        if cls.chart_template:
            cls._move_to_new_company(cls.chart_template)
        cls.company = cls.env.company
        if not cls.company.chart_template:
            cls.env["account.chart.template"].try_loading("generic_coa", cls.company, install_demo=False)
        cls.zakat_journal = cls.env["account.journal"].create({"name": "Zakat Bank", "type": "bank", "code": "ZKT"})
        cls.general_journal = cls.env["account.journal"].create({"name": "General Bank", "type": "bank", "code": "GEN"})
        plan = cls.env["account.analytic.plan"].create({"name": "Funds"})
        cls.zakat_analytic = cls.env["account.analytic.account"].create({"name": "Zakat", "plan_id": plan.id})
        cls.general_analytic = cls.env["account.analytic.account"].create({"name": "General", "plan_id": plan.id})
        # The Sharia board admits orphans' families and widows to Zakat; a manager records it.
        cls.orphans = cls.env.ref("atta_beneficiary.category_orphans")
        cls.widows = cls.env.ref("atta_beneficiary.category_widows")
        cls.students = cls.env.ref("atta_beneficiary.category_students")
        (cls.orphans | cls.widows).with_user(cls.manager).write({"zakat_eligible": True})
        Fund = cls.env["atta.fund"].with_user(cls.manager)
        cls.zakat_fund = Fund.create(
            {
                "name": "Zakat",
                "kind": "zakat",
                "journal_id": cls.zakat_journal.id,
                "analytic_account_id": cls.zakat_analytic.id,
            }
        ).with_user(cls.env.user)
        cls.general_fund = Fund.create(
            {
                "name": "General donations",
                "kind": "general",
                "journal_id": cls.general_journal.id,
                "analytic_account_id": cls.general_analytic.id,
            }
        ).with_user(cls.env.user)
        cls.donor = cls.env["res.partner"].create({"name": "Generous Donor"})
        cls._donate(cls.zakat_journal, 1_000_000)
        cls._donate(cls.general_journal, 50_000)
        cls.warehouse = cls.env["stock.warehouse"].search([("company_id", "=", cls.company.id)], limit=1)
        Product = cls.env["product.product"]
        cls.rice = Product.create({"name": "Rice 10 kg", "is_storable": True, "standard_price": 60.0})
        cls.oil = Product.create({"name": "Cooking oil 1.5 l", "is_storable": True, "standard_price": 15.0})
        cls.iban_type = cls.env.ref("atta_beneficiary.document_type_iban_certificate")
        cls.serial = 0

    @classmethod
    def _move_to_new_company(cls, chart_template):
        """A Saudi association's books: a new company in SAR on the chart, every user working in it."""
        sar = cls.env.ref("base.SAR")
        sar.active = True
        company = cls.env["res.company"].create(
            {"name": "Atta Association", "country_id": cls.env.ref("base.sa").id, "currency_id": sar.id}
        )
        cls.env["account.chart.template"].try_loading(chart_template, company, install_demo=False)
        users = cls.env["res.users"].with_context(active_test=False).search([])
        users.write({"company_ids": [Command.link(company.id)]})
        users.write({"company_id": company.id})
        cls.env = cls.env(context=dict(cls.env.context, allowed_company_ids=[company.id]))

    @classmethod
    def _donate(cls, journal, amount, date=None):
        """Donations reach a fund's bank journal (the accountant's work, outside Atta)."""
        payment = cls.env["account.payment"].create(
            {
                "payment_type": "inbound",
                "partner_type": "customer",
                "partner_id": cls.donor.id,
                "amount": amount,
                "journal_id": journal.id,
                "date": date or fields.Date.today(),
            }
        )
        payment.action_post()
        return payment

    @classmethod
    def _stock(cls, product, quantity):
        cls.env["stock.quant"]._update_available_quantity(product, cls.warehouse.lot_stock_id, quantity)

    # ------------------------------------------------------------------ families
    @classmethod
    def _families(cls, count, categories=None, payment_method="transfer"):
        """`count` registered families with verified documents, a signed declaration and a verified IBAN
        certificate, recorded by the relations officer in batches."""
        officer_env = cls.env(user=cls.officer)
        serials = range(cls.serial + 1, cls.serial + count + 1)
        cls.serial += count
        families = officer_env["atta.beneficiary"].create(
            [
                {
                    "name": f"Family {serial}",
                    "identity_number": national_id(5_000_000 + serial),
                    "lang": "en_US",
                    "category_ids": [(6, 0, (categories or cls.orphans).ids)],
                    "aid_payment_method": payment_method,
                }
                for serial in serials
            ]
        )
        banks = officer_env["res.partner.bank"].create(
            [
                {"partner_id": family.partner_id.id, "acc_number": saudi_iban(serial)}
                for family, serial in zip(families, serials, strict=True)
            ]
        )
        for family, bank in zip(families, banks, strict=True):
            family.aid_bank_account_id = bank
        doc_types = officer_env["atta.document.type"].search([("required_for_registration", "=", True)]) | cls.iban_type
        documents = officer_env["atta.beneficiary.document"].create(
            [
                {
                    "beneficiary_id": family.id,
                    "document_type_id": doc_type.id,
                    "attachment": base64.b64encode(PDF_BYTES),
                    "attachment_name": "scan.pdf",
                    # The officer types the IBAN read on the certificate: the account is trusted against it.
                    "iban": bank.acc_number if doc_type == cls.iban_type else False,
                }
                for family, bank in zip(families, banks, strict=True)
                for doc_type in doc_types
            ]
        )
        documents.action_verify()
        # A finance approver trusts each IBAN for payments against the verified certificate.
        banks.with_user(cls.finance_a).action_trust_for_aid()
        officer_env["atta.beneficiary.consent"].create(
            [
                {
                    "beneficiary_id": family.id,
                    "text_id": cls.env.ref("atta_beneficiary.consent_text_declaration_v1").id,
                    "accepted_by_name": family.name,
                    "channel_id": cls.env.ref("atta_beneficiary.channel_interview").id,
                }
                for family in families
            ]
        )
        families.action_register()
        return families.with_env(cls.env)

    @classmethod
    def _enrol_in_bulk(cls, programme, families, date_start, date_end=False):
        """Setup only: enrolments as the committee's decisions would have made them."""
        return cls.env["atta.enrolment"].create(
            [
                {
                    "programme_id": programme.id,
                    "beneficiary_id": family.id,
                    "date_start": date_start,
                    "date_end": date_end,
                }
                for family in families
            ]
        )

    # ------------------------------------------------------------------ programmes
    @classmethod
    def _allowance(cls, fund=None, amount=1000, **values):
        return (
            cls.env["atta.programme"]
            .with_user(cls.manager)
            .create(
                dict(
                    {
                        "name": "Monthly allowance",
                        "kind": "cash",
                        "frequency": "monthly",
                        "fund_id": (fund or cls.zakat_fund).id,
                        "amount": amount,
                        "date_start": fields.Date.today(),
                    },
                    **values,
                )
            )
            .with_user(cls.env.user)
        )

    @classmethod
    def _basket(cls, **values):
        return (
            cls.env["atta.programme"]
            .with_user(cls.manager)
            .create(
                dict(
                    {
                        "name": "Ramadan basket",
                        "kind": "in_kind",
                        "frequency": "once",
                        "fund_id": cls.general_fund.id,
                        "warehouse_id": cls.warehouse.id,
                        "date_start": fields.Date.today(),
                        "kit_line_ids": [
                            (0, 0, {"product_id": cls.rice.id, "quantity": 1}),
                            (0, 0, {"product_id": cls.oil.id, "quantity": 1, "per_member": True}),
                        ],
                    },
                    **values,
                )
            )
            .with_user(cls.env.user)
        )

    # ------------------------------------------------------------------ steps, each by its role
    def _round(self, programme, date=None, **values):
        """The relations officer prepares the round and computes who is entitled."""
        round_ = (
            self.env["atta.distribution.round"]
            .with_user(self.officer)
            .create(dict({"programme_id": programme.id, "date": date or fields.Date.today()}, **values))
        )
        round_.action_compute()
        return round_.with_user(self.env.user)

    def _approve(self, round_):
        round_.with_user(self.manager).action_approve()
        return round_

    def _decide_enrolment(self, request, programme, months=12):
        """Through research to the committee, where the chair proposes the programme and the members approve."""
        self._to_committee(request)
        session = self._session()
        decision = session.decision_ids.filtered(lambda d: d.request_id == request)
        decision.with_user(self.chair).write(
            {"proposed_amount": 0, "programme_id": programme.id, "enrol_months": months}
        )
        session.with_user(self.chair).action_open()
        for member in (self.chair, self.member_a):
            self._vote(session, request, member, "approve")
        session.with_user(self.chair).action_close()
        return decision
