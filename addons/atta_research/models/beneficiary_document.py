from odoo import api, models


class AttaBeneficiaryDocument(models.Model):
    _inherit = "atta.beneficiary.document"

    @api.model
    def _atta_upload_limits(self):
        # Scanned at the desk or sent from the website: the same limits, set by a manager.
        return self.env.company._atta_form_limits()

    def action_verify(self):
        """A file opened from the website is identified once its identity document matches the original [S7.2]."""
        result = super().action_verify()
        identity = self.env.ref("atta_beneficiary.document_type_identity", raise_if_not_found=False)
        # Superuser mode for the flag only: the verification step above checked who verifies.
        self.filtered(lambda d: d.document_type_id == identity).beneficiary_id.filtered(
            "identity_unverified"
        ).sudo().write({"identity_unverified": False})
        return result
