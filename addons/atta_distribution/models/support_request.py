from odoo import fields, models
from odoo.exceptions import UserError

from odoo.addons.atta_beneficiary.tools import check_roles
from odoo.addons.atta_beneficiary.tools.roles import OFFICER


class AttaSupportRequest(models.Model):
    _inherit = "atta.support.request"

    enrolment_ids = fields.One2many("atta.enrolment", "request_id", string="Enrolments")
    decided_programme_id = fields.Many2one(
        "atta.programme",
        compute="_compute_decided_programme_id",
        string="Programme Decided",
        help="The programme the committee's approving decision enrols the family in.",
    )

    def _compute_decided_programme_id(self):
        for request in self:
            request.decided_programme_id = request._approving_decision().programme_id

    def _atta_recurring_support_problem(self):
        """Recurring support is not requested again while the household's enrolment for it runs."""
        problem = super()._atta_recurring_support_problem()
        if problem:
            return problem
        # Superuser mode for the look-up only: the running enrolment may come from a request the caller cannot see.
        running = (
            self.env["atta.enrolment"]
            .sudo()
            .search(
                [
                    ("beneficiary_id", "=", self.beneficiary_id.id),
                    ("state", "in", ("active", "suspended")),
                    ("request_id.support_type_id", "=", self.support_type_id.id),
                ],
                limit=1,
            )
        )
        if running:
            return self.env._(
                "This household is enrolled in %(programme)s for “%(type)s” until %(end)s: the support comes with "
                "each round, there is no need to request it again.",
                programme=running.programme_id.name,
                type=self.support_type_id.name,
                end=running.date_end or "-",
            )
        return False

    def _approving_decision(self):
        self.ensure_one()
        if self.state not in ("approved", "delivered", "closed"):
            return self.env["atta.committee.decision"]
        # Superuser mode for the look-up: the officer reads no session, only the decision it produced.
        return (
            self.env["atta.committee.decision"]
            .sudo()
            .search(
                [
                    ("request_id", "=", self.id),
                    ("session_id", "=", self.decision_session_id.id),
                    ("result", "=", "approved"),
                ],
                limit=1,
            )
        )

    def action_enrol(self):
        """The relations officer carries out the committee's decision: the family joins the programme [S7.5-S7.7]."""
        check_roles(self, (OFFICER,), self.env._("enrol a family in a programme"))
        self.check_access("write")
        enrolments = self.env["atta.enrolment"]
        today = fields.Date.context_today(self)
        for request in self:
            decision = request._approving_decision()
            if request.state != "approved" or not decision.programme_id:
                raise UserError(
                    self.env._(
                        "%(number)s was not approved by the committee with a programme: only such a decision enrols a "
                        "family.",
                        number=request.name,
                    )
                )
            if request.enrolment_ids:
                raise UserError(self.env._("%(number)s has already enrolled the family.", number=request.name))
            enrolments |= enrolments._enrol_from_decision(decision, today)
            request.message_post(
                body=self.env._(
                    "Enrolled in %(programme)s from %(start)s to %(end)s.",
                    programme=decision.programme_id.name,
                    start=enrolments[-1:].date_start,
                    end=enrolments[-1:].date_end or "-",
                )
            )
        return True
