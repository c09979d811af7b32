from datetime import datetime, time, timedelta

from odoo import api, fields, models

from odoo.addons.atta_beneficiary.tools.roles import RESEARCHER


class AttaResearchReferralWizard(models.TransientModel):
    """Documents complete: the officer names the researcher and plans the visit in one dialog [S7.3]."""

    _name = "atta.research.referral.wizard"
    _description = "Referral to Social Research"

    request_id = fields.Many2one("atta.support.request", required=True, readonly=True)
    researcher_id = fields.Many2one(
        "res.users",
        string="Social Researcher",
        required=True,
        domain=lambda self: [("all_group_ids", "in", self.env.ref(RESEARCHER).ids)],
    )
    visit_type = fields.Selection(
        # The visit's own kinds, in the user's language.
        lambda self: self.env["atta.research.visit"]._fields["visit_type"]._description_selection(self.env),
        required=True,
        default="home",
    )
    visit_date = fields.Datetime(string="Visit On", required=True, default=lambda self: self._default_visit_date())

    @api.model
    def _default_visit_date(self):
        """Tomorrow at nine, in the officer's time zone."""
        tomorrow = fields.Date.context_today(self) + timedelta(days=1)
        local = fields.Datetime.context_timestamp(self, datetime.combine(tomorrow, time(9)))
        return datetime.combine(tomorrow, time(9)) - (local.utcoffset() or timedelta())

    def action_confirm(self):
        self.ensure_one()
        request = self.request_id
        request.write({"researcher_id": self.researcher_id.id})
        request.action_verify()
        # Superuser mode to plan the visit in the researcher's name: action_verify above checked the
        # officer's role and the request's documents; the visit is this request's, for its researcher.
        self.env["atta.research.visit"].sudo().create(
            {
                "request_id": request.id,
                "researcher_id": self.researcher_id.id,
                "visit_type": self.visit_type,
                "visit_date": self.visit_date,
            }
        )
        return {"type": "ir.actions.act_window_close"}
