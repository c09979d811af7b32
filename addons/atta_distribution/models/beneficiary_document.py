from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools import compact_iban, saudi_iban_problem

# Set again only by an officer who checks the certificate against the original.
UNVERIFIED = {"verified": False, "verified_by_id": False, "verified_on": False}


class AttaBeneficiaryDocument(models.Model):
    _inherit = "atta.beneficiary.document"

    document_type_code = fields.Char(related="document_type_id.code", string="Document Type Code")
    iban = fields.Char(
        string="IBAN on the Certificate",
        tracking=True,
        copy=False,
        help="The IBAN printed on the certificate, typed by the officer who checks it. A bank account is trusted for "
        "aid only when a verified certificate of the holder's own file names its IBAN.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("iban"):
                vals["iban"] = compact_iban(vals["iban"])
        return super().create(vals_list)

    def write(self, vals):
        if "iban" not in vals:
            return super().write(vals)
        vals = dict(vals, iban=compact_iban(vals["iban"]) or False)
        before = {document.id: document.iban for document in self}
        result = super().write(vals)
        # Another IBAN is another certificate: checked against the original again, whoever typed it.
        changed = self.filtered(lambda document: document.verified and document.iban != before[document.id])
        # Superuser mode for the verification fields only (a plain write of them is refused).
        changed.sudo().write(UNVERIFIED)
        return result

    @api.constrains("iban")
    def _check_iban(self):
        for document in self.filtered("iban"):
            if saudi_iban_problem(document.iban):
                raise ValidationError(
                    self.env._(
                        "%(iban)s is not a valid Saudi IBAN: copy it again from the certificate (SA, 2 check digits, "
                        "the 2-digit bank code and 18 account characters).",
                        iban=document.iban,
                    )
                )
