from odoo import api, fields, models

REQUEST_MODEL = "atta.support.request"


class AttaLetter(models.Model):
    """A decision letter knows its request, so that only the committee that heard it reads its text."""

    _inherit = "atta.letter"

    request_id = fields.Many2one(
        REQUEST_MODEL,
        string="Support Request",
        compute="_compute_request_id",
        store=True,
        index="btree_not_null",
        readonly=True,
    )

    @api.depends("res_model", "res_id")
    def _compute_request_id(self):
        for letter in self:
            issued_here = letter.res_model == REQUEST_MODEL and letter.res_id
            letter.request_id = letter.res_id if issued_here else False

    def _atta_issuer_fields(self):
        return (*super()._atta_issuer_fields(), "request_id")

    def write(self, vals):
        # Emptied, the link would take an issued letter away from the committee that reads it.
        if not self.env.su and "request_id" in vals:
            self._atta_refuse_issuer({"request_id": True})
        return super().write(vals)
