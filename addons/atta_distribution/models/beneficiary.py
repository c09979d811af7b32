from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools import saudi_iban_problem
from .distribution_line import PAYMENT_METHODS


class AttaBeneficiary(models.Model):
    _inherit = "atta.beneficiary"

    aid_payment_method = fields.Selection(
        PAYMENT_METHODS,
        string="Cash Aid Paid By",
        default="transfer",
        required=True,
        tracking=True,
        help="SAMA's rules for associations: by transfer to the beneficiary's own account in Saudi Arabia, or by a "
        "cheque payable to the beneficiary only.",
    )
    aid_bank_account_id = fields.Many2one(
        "res.partner.bank",
        string="IBAN for Cash Aid",
        tracking=True,
        ondelete="restrict",
        domain="[('partner_id', '=', partner_id)]",
        help="The account on the verified IBAN certificate, in the beneficiary's own name.",
    )
    enrolment_ids = fields.One2many("atta.enrolment", "beneficiary_id", string="Programmes")
    enrolment_count = fields.Integer(compute="_compute_enrolment_count")

    def _compute_enrolment_count(self):
        counts = dict(
            self.env["atta.enrolment"]._read_group(
                [("beneficiary_id", "in", self.ids), ("state", "!=", "ended")], ["beneficiary_id"], ["__count"]
            )
        )
        for beneficiary in self:
            beneficiary.enrolment_count = counts.get(beneficiary, 0)

    @api.constrains("aid_bank_account_id", "partner_id")
    def _check_aid_bank_account(self):
        for beneficiary in self.filtered("aid_bank_account_id"):
            account = beneficiary.aid_bank_account_id
            if account.partner_id != beneficiary.partner_id:
                raise ValidationError(
                    self.env._(
                        "The IBAN %(iban)s is not in the name of %(name)s: aid is paid only to the beneficiary's own "
                        "account.",
                        iban=account.acc_number,
                        name=beneficiary.name,
                    )
                )
            problem = saudi_iban_problem(account.acc_number)
            if problem == "format":
                raise ValidationError(
                    self.env._(
                        "%(iban)s is not a Saudi IBAN: it starts with SA and has 24 characters (SA, 2 check digits, "
                        "the 2-digit bank code and 18 account characters). Copy it again from the IBAN certificate.",
                        iban=account.acc_number,
                    )
                )
            if problem == "checksum":
                raise ValidationError(
                    self.env._(
                        "The IBAN %(iban)s is not valid (its check digits do not match). One character was probably "
                        "typed wrong: copy it again from the IBAN certificate.",
                        iban=account.acc_number,
                    )
                )

    def write(self, vals):
        # The name is what a cheque is payable to: a first signature relied on it too.
        watched = [name for name in ("aid_bank_account_id", "aid_payment_method", "name") if name in vals]
        before = {b.id: [b[name] for name in watched] for b in self} if watched else {}
        result = super().write(vals)
        changed = self.filtered(lambda b: [b[name] for name in watched] != before[b.id]) if watched else self.browse()
        if changed:
            # Superuser mode: the batches a changed IBAN touches are looked up, whoever changed the file.
            lines = (
                self.env["atta.distribution.line"]
                .sudo()
                .search(
                    [
                        ("beneficiary_id", "in", changed.ids),
                        ("state", "=", "pending"),
                        ("batch_id.state", "=", "first_approved"),
                    ]
                )
            )
            for batch, batch_lines in lines.grouped("batch_id").items():
                batch._void_first_signature(
                    self.env._(
                        "%(user)s changed how %(names)s is paid after the first signature.",
                        user=self.env.user.name,
                        names=", ".join(batch_lines.beneficiary_id.mapped("name")),
                    )
                )
        return result

    # ---------------------------------------------------------------- the file's steps drive its enrolments
    def _set_status(self, state, reason):
        """A suspended file suspends its enrolments; an archived file ends them."""
        result = super()._set_status(state, reason)
        enrolments = (
            self.env["atta.enrolment"].sudo().search([("beneficiary_id", "in", self.ids), ("state", "!=", "ended")])
        )
        if state == "suspended":
            enrolments._suspend_with_file()
        elif state == "archived":
            enrolments.write({"end_reason": reason})
            enrolments._end(fields.Date.context_today(self))
        return result

    def action_register(self):
        """Registration and the yearly renewal (which calls it) resume what the file's suspension suspended."""
        result = super().action_register()
        self.env["atta.enrolment"].sudo().search([("beneficiary_id", "in", self.ids)])._resume_with_file()
        return result

    def action_view_enrolments(self):
        return self._related_action("atta_distribution.enrolment_action")
