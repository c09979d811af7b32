from odoo import api, fields, models

from ..tools import hijri_date_string, number_new_records


class AttaLetter(models.Model):
    """The letters register: incoming and outgoing correspondence, each with its own numbering."""

    _name = "atta.letter"
    _description = "Letter"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"

    name = fields.Char(string="Number", readonly=True, copy=False, default="/", index="btree")
    direction = fields.Selection(
        [("incoming", "Incoming"), ("outgoing", "Outgoing")], required=True, default="outgoing", tracking=True
    )
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    date_hijri = fields.Char(compute="_compute_date_hijri")
    subject = fields.Char(required=True, tracking=True)
    correspondent = fields.Char(help="Who sent or receives the letter.")
    beneficiary_id = fields.Many2one("atta.beneficiary", index=True)
    body = fields.Html()
    attachment = fields.Binary(attachment=True)
    attachment_name = fields.Char()
    res_model = fields.Char(string="Related Document Model", readonly=True)
    res_id = fields.Many2oneReference(string="Related Document", model_field="res_model", readonly=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)

    @api.depends("date")
    @api.depends_context("lang")
    def _compute_date_hijri(self):
        for letter in self:
            letter.date_hijri = hijri_date_string(letter.date, self.env.lang or "en_US")

    def _atta_files_sealed(self):
        """Letters issued by a step of the process (a decision letter): their files stay as they were sent."""
        return self.filtered(lambda letter: letter.res_model and letter.res_id)

    @api.model_create_multi
    def create(self, vals_list):
        incoming = [vals for vals in vals_list if vals.get("direction") == "incoming"]
        outgoing = [vals for vals in vals_list if vals.get("direction") != "incoming"]
        number_new_records(self, incoming, "atta.letter.incoming", "IN", date_field="date")
        number_new_records(self, outgoing, "atta.letter.outgoing", "OUT", date_field="date")
        return super().create(vals_list)
