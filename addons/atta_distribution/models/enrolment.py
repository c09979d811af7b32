from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.atta_beneficiary.tools import check_roles, hijri_date_string, refuse_step_fields
from odoo.addons.atta_beneficiary.tools.roles import OFFICER

# Written only by the steps (enrol from a decision, suspend, resume, end) and the file's own steps.
STEP_FIELDS = {
    "programme_id",
    "beneficiary_id",
    "request_id",
    "decision_id",
    "date_start",
    "date_end",
    "state",
    "suspended_with_file",
    "ended_on",
}
ENROLMENT_STATES = [("active", "Active"), ("suspended", "Suspended"), ("ended", "Ended")]


class AttaEnrolment(models.Model):
    """A family enrolled in a programme by the committee's decision, for a period [S7.5]."""

    _name = "atta.enrolment"
    _description = "Programme Enrolment"
    _inherit = ["mail.thread"]
    _order = "date_start desc, id desc"
    _rec_name = "beneficiary_id"

    programme_id = fields.Many2one("atta.programme", required=True, index=True, ondelete="restrict", readonly=True)
    kind = fields.Selection(related="programme_id.kind")
    beneficiary_id = fields.Many2one("atta.beneficiary", required=True, index=True, ondelete="restrict", readonly=True)
    partner_id = fields.Many2one(related="beneficiary_id.partner_id")
    company_id = fields.Many2one(related="beneficiary_id.company_id", store=True, index=True)
    request_id = fields.Many2one("atta.support.request", index=True, ondelete="restrict", readonly=True)
    decision_id = fields.Many2one(
        "atta.committee.decision",
        index=True,
        ondelete="restrict",
        readonly=True,
        help="The committee's decision that enrolled the family.",
    )
    date_start = fields.Date(required=True, readonly=True, tracking=True)
    date_start_hijri = fields.Char(compute="_compute_hijri")
    date_end = fields.Date(readonly=True, tracking=True, help="The family receives no round after this date.")
    date_end_hijri = fields.Char(compute="_compute_hijri")
    state = fields.Selection(
        ENROLMENT_STATES, default="active", required=True, readonly=True, tracking=True, index=True
    )
    suspended_with_file = fields.Boolean(readonly=True, help="Suspended because the beneficiary file was.")
    ended_on = fields.Date(readonly=True)
    end_reason = fields.Text(tracking=True)
    notes = fields.Text()
    line_ids = fields.One2many("atta.distribution.line", "enrolment_id", string="Rounds")

    _one_open_enrolment = models.UniqueIndex(
        "(programme_id, beneficiary_id) WHERE state != 'ended'", "This family is already enrolled in this programme."
    )

    @api.depends("date_start", "date_end")
    @api.depends_context("lang")
    def _compute_hijri(self):
        lang = self.env.lang or "en_US"
        for enrolment in self:
            enrolment.date_start_hijri = hijri_date_string(enrolment.date_start, lang)
            enrolment.date_end_hijri = hijri_date_string(enrolment.date_end, lang)

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            raise UserError(
                self.env._(
                    "A family is enrolled in a programme from the committee's decision: open the approved request and "
                    "click Enrol in Programme."
                )
            )
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            refuse_step_fields(self, vals, STEP_FIELDS)
            if any(e.state == "ended" for e in self) and set(vals) - {"notes", "message_main_attachment_id"}:
                raise UserError(self.env._("An ended enrolment is kept as it was; enrol the family again if needed."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never_served(self):
        if self.line_ids:
            raise UserError(self.env._("This enrolment has rounds on record: end it instead of deleting it."))

    # ---------------------------------------------------------------- enrolling
    @api.model
    def _enrol_from_decision(self, decision, date_start):
        """Private: called by the request's Enrol step once it checked the officer and the decision."""
        programme = decision.programme_id
        beneficiary = decision.request_id.beneficiary_id
        problem = self._enrolment_problem(programme, beneficiary, date_start)
        if problem:
            raise UserError(problem)
        date_end = date_start + relativedelta(months=decision.enrol_months, days=-1) if decision.enrol_months else False
        if programme.date_end and (not date_end or date_end > programme.date_end):
            date_end = programme.date_end
        # Superuser mode: enrolment is the committee's act, carried out here after the checks of the step.
        enrolment = self.sudo().create(
            {
                "programme_id": programme.id,
                "beneficiary_id": beneficiary.id,
                "request_id": decision.request_id.id,
                "decision_id": decision.id,
                "date_start": date_start,
                "date_end": date_end,
            }
        )
        return enrolment.sudo(False)

    def _enrolment_problem(self, programme, beneficiary, on_date):
        if beneficiary.state != "registered":
            return self.env._(
                "The file of %(name)s is not registered: register it before enrolling the family.",
                name=beneficiary.name,
            )
        if not programme.active or (programme.date_end and programme.date_end < on_date):
            return self.env._(
                "The programme “%(programme)s” has ended: it takes no new family.", programme=programme.name
            )
        if programme.category_ids and not (beneficiary.category_ids & programme.category_ids):
            return self.env._(
                "%(name)s is in none of the categories of “%(programme)s” (%(categories)s).",
                name=beneficiary.name,
                programme=programme.name,
                categories=", ".join(programme.category_ids.mapped("name")),
            )
        if programme.fund_id:
            return programme.fund_id._payment_problem(beneficiary)
        return None

    # ---------------------------------------------------------------- steps
    def _check_officer(self, step):
        check_roles(self, (OFFICER,), step)
        self.check_access("write")

    def action_suspend(self):
        self._check_officer(self.env._("suspend an enrolment"))
        if any(e.state != "active" for e in self):
            raise UserError(self.env._("Only an active enrolment can be suspended."))
        # Superuser mode for the state only, after the role check above.
        self.sudo().write({"state": "suspended", "suspended_with_file": False})
        return True

    def action_resume(self):
        self._check_officer(self.env._("resume an enrolment"))
        for enrolment in self:
            if enrolment.state != "suspended":
                raise UserError(self.env._("Only a suspended enrolment can be resumed."))
            if enrolment.beneficiary_id.state != "registered":
                raise UserError(
                    self.env._(
                        "The file of %(name)s is not registered: it resumes with the file's registration or renewal.",
                        name=enrolment.beneficiary_id.name,
                    )
                )
        self.sudo().write({"state": "active", "suspended_with_file": False})
        return True

    def action_end(self):
        """End before the decided date, with the reason written on the enrolment."""
        self._check_officer(self.env._("end an enrolment"))
        for enrolment in self:
            if enrolment.state == "ended":
                raise UserError(self.env._("This enrolment has already ended."))
            if not (enrolment.end_reason or "").strip():
                raise UserError(self.env._("Write why the enrolment ends, then click End again."))
        self._end(fields.Date.context_today(self))
        return True

    def _end(self, on_date):
        for enrolment in self:
            date_end = min(enrolment.date_end, on_date) if enrolment.date_end else on_date
            # Superuser mode: the callers (End button, the file's archiving) made their own checks.
            enrolment.sudo().write({"state": "ended", "ended_on": on_date, "date_end": date_end})

    # ---------------------------------------------------------------- the file's steps
    def _suspend_with_file(self):
        self.filtered(lambda e: e.state == "active").sudo().write({"state": "suspended", "suspended_with_file": True})

    def _resume_with_file(self):
        self.filtered(lambda e: e.state == "suspended" and e.suspended_with_file).sudo().write(
            {"state": "active", "suspended_with_file": False}
        )

    @api.model
    def _end_expired(self, today):
        expired = self.search([("state", "!=", "ended"), ("date_end", "<", today)])
        for enrolment in expired:
            # Superuser mode for the scheduler: the decided end date has passed.
            enrolment.sudo().write({"state": "ended", "ended_on": enrolment.date_end})
        return expired
