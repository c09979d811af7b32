import lxml.html
import markupsafe
from markupsafe import Markup

from odoo import api, fields, models


class AttaBeneficiary(models.Model):
    _inherit = "atta.beneficiary"

    request_ids = fields.One2many("atta.support.request", "beneficiary_id", string="Support Requests")
    request_count = fields.Integer(compute="_compute_request_count")
    # As the applicant declared them online: shown beside what the officer counted and verified, never taken for it.
    declared_household_size = fields.Integer(
        string="Household Declared Online",
        readonly=True,
        tracking=True,
        help="The number of people the applicant declared on the online form. The household counted is the "
        "beneficiary and the family members recorded as living with them.",
    )
    declared_monthly_income = fields.Monetary(
        string="Income Declared Online",
        readonly=True,
        tracking=True,
        help="The monthly household income the applicant declared on the online form, not yet verified.",
    )

    def _compute_request_count(self):
        counts = dict(
            self.env["atta.support.request"]._read_group(
                [("beneficiary_id", "in", self.ids)], ["beneficiary_id"], ["__count"]
            )
        )
        for beneficiary in self:
            beneficiary.request_count = counts.get(beneficiary, 0)

    def action_view_requests(self):
        return self._related_action("atta_research.support_request_action")

    # ------------------------------------------------------------------ data-subject rights
    def _atta_personal_data(self):
        sections = super()._atta_personal_data()
        sel = self._atta_selection_label
        requests = self.env["atta.support.request"].sudo().search([("beneficiary_id", "=", self.id)])
        sections.append(
            {
                "title": self.env._("Support Requests"),
                "columns": [
                    self.env._("Number"),
                    self.env._("Support Type"),
                    self.env._("Received"),
                    self.env._("Status"),
                    self.env._("Amount Requested"),
                    self.env._("What Is Needed"),
                    self.env._("Decision Date"),
                    self.env._("Grounds of the Decision"),
                ],
                "rows": [
                    (
                        r.name,
                        r.support_type_id.name,
                        self._atta_date(r.create_date),
                        sel(r, "state"),
                        r.amount_requested,
                        r.description or "",
                        self._atta_date(r.decision_date),
                        r.decision_reason or "",
                    )
                    for r in requests
                ],
            }
        )
        decisions = self.env["atta.committee.decision"].sudo().search([("request_id", "in", requests.ids)])
        sections.append(
            {
                "title": self.env._("Committee Decisions"),
                "columns": [
                    self.env._("Request"),
                    self.env._("Session"),
                    self.env._("Result"),
                    self.env._("Approved Amount"),
                    self.env._("Grounds"),
                ],
                "rows": [
                    (d.request_id.name, d.session_id.name, sel(d, "result"), d.approved_amount, d.reasons or "")
                    for d in decisions
                ],
            }
        )
        visits = self.env["atta.research.visit"].sudo().search([("request_id", "in", requests.ids)])
        sections.append(
            {
                "title": self.env._("Social Research"),
                "columns": [
                    self.env._("Request"),
                    self.env._("Date"),
                    self.env._("Household Size"),
                    self.env._("Monthly Income"),
                    self.env._("Score"),
                    self.env._("Recommendation"),
                ],
                "rows": [
                    (
                        v.request_id.name,
                        self._atta_date(v.visit_date),
                        v.household_size,
                        v.monthly_income,
                        v.score,
                        sel(v, "recommendation"),
                    )
                    for v in visits
                ],
            }
        )
        deliveries = self.env["atta.support.delivery"].sudo().search([("request_id", "in", requests.ids)])
        sections.append(
            {
                "title": self.env._("Deliveries"),
                "columns": [self.env._("Request"), self.env._("Date"), self.env._("Amount"), self.env._("Items")],
                "rows": [(d.request_id.name, self._atta_date(d.date), d.amount, d.items or "") for d in deliveries],
            }
        )
        return sections

    def _atta_erase_blockers(self):
        reasons = super()._atta_erase_blockers()
        running = (
            self.env["atta.support.request"]
            .sudo()
            .search(
                [
                    ("beneficiary_id", "=", self.id),
                    ("state", "not in", ("rejected", "delivered", "closed", "cancelled")),
                ]
            )
        )
        if running:
            reasons.append(self.env._("Requests still open: %(numbers)s", numbers=", ".join(running.mapped("name"))))
        return reasons

    def _atta_unlink_blockers(self):
        reasons = super()._atta_unlink_blockers()
        if self.env["atta.support.request"].sudo().search_count([("beneficiary_id", "=", self.id)], limit=1):
            reasons.append(self.env._("support requests were recorded on it"))
        return reasons

    def _atta_own_numbers(self):
        requests = self.env["atta.support.request"].sudo().search([("beneficiary_id", "=", self.id)])
        return super()._atta_own_numbers() + requests.mapped("name")

    def _atta_letters(self):
        requests = self.env["atta.support.request"].search([("beneficiary_id", "=", self.id)])
        return super()._atta_letters() | self.env["atta.letter"].search(
            [("res_model", "=", "atta.support.request"), ("res_id", "in", requests.ids)]
        )

    def _atta_erase_records(self, values):
        """Requests keep their numbers, amounts, dates and decisions; their texts and files go.

        The committee's minutes and notes concern every applicant of the session: only this person's
        rows and own values are replaced there, and the other applicants' names stay as they were.
        """
        requests = self.env["atta.support.request"].search([("beneficiary_id", "=", self.id)])
        decisions = self.env["atta.committee.decision"].search([("request_id", "in", requests.ids)])
        deliveries = self.env["atta.support.delivery"].search([("request_id", "in", requests.ids)])
        visits = self.env["atta.research.visit"].search([("request_id", "in", requests.ids)])
        # Files linked to the person's records but owned by no record (uploaded before the record was saved).
        (requests.attachment_ids | visits.attachment_ids).unlink()
        requests._atta_anonymize()
        self._atta_wipe_traces(deliveries)
        keep = self._atta_names_to_keep(values)
        for session in decisions.session_id:
            others = (session.decision_ids.request_id.beneficiary_id - self).mapped("name") + keep
            minutes = self._atta_erase_minutes_rows(session.minutes, set(requests.mapped("name")))
            session.write(
                {
                    "minutes": self._atta_scrub(minutes, values, keep=others),
                    "notes": self._atta_scrub(session.notes, values, keep=others),
                }
            )
        return super()._atta_erase_records(values)

    @api.model
    def _atta_erase_minutes_rows(self, minutes, numbers):
        """The minutes with the rows of these requests showing no name and no grounds; other rows untouched.

        A row of the minutes (committee_session._render_minutes) reads: request number, beneficiary,
        decision, votes, grounds. The decision and the votes stay: the association keeps its decisions.
        """
        if not minutes or not numbers:
            return minutes
        root = lxml.html.fragment_fromstring(str(minutes), create_parent="div")
        rows = [
            row
            for row in root.iter("tr")
            if (cells := row.findall("td")) and cells[0].text_content().strip() in numbers
        ]
        if not rows:
            return minutes
        for row in rows:
            cells = row.findall("td")
            for index, text in ((1, self.env._("[erased]")), (4, "")):
                if index < len(cells):
                    for child in list(cells[index]):
                        cells[index].remove(child)
                    cells[index].text = text
        return markupsafe.escape(root.text or "") + Markup(
            "".join(lxml.html.tostring(child, encoding="unicode") for child in root)
        )
