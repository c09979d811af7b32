from odoo import fields, models


class AttaBeneficiary(models.Model):
    _inherit = "atta.beneficiary"

    request_ids = fields.One2many("atta.support.request", "beneficiary_id", string="Support Requests")
    request_count = fields.Integer(compute="_compute_request_count")

    def _compute_request_count(self):
        counts = dict(self.env["atta.support.request"]._read_group(
            [("beneficiary_id", "in", self.ids)], ["beneficiary_id"], ["__count"]))
        for beneficiary in self:
            beneficiary.request_count = counts.get(beneficiary, 0)

    def action_view_requests(self):
        return self._related_action("atta_research.support_request_action")

    # ------------------------------------------------------------------ data-subject rights
    def _atta_personal_data(self):
        sections = super()._atta_personal_data()
        sel = self._atta_selection_label
        requests = self.env["atta.support.request"].sudo().search([("beneficiary_id", "=", self.id)])
        sections.append({
            "title": self.env._("Support Requests"),
            "columns": [self.env._("Number"), self.env._("Support Type"), self.env._("Received"),
                        self.env._("Status"), self.env._("Amount Requested"),
                        self.env._("What Is Needed"), self.env._("Decision Date"),
                        self.env._("Grounds of the Decision")],
            "rows": [(r.name, r.support_type_id.name, self._atta_date(r.create_date), sel(r, "state"),
                      r.amount_requested, r.description or "", self._atta_date(r.decision_date),
                      r.decision_reason or "") for r in requests]})
        decisions = self.env["atta.committee.decision"].sudo().search([("request_id", "in", requests.ids)])
        sections.append({
            "title": self.env._("Committee Decisions"),
            "columns": [self.env._("Request"), self.env._("Session"), self.env._("Result"),
                        self.env._("Approved Amount"), self.env._("Grounds")],
            "rows": [(d.request_id.name, d.session_id.name, sel(d, "result"), d.approved_amount, d.reasons or "")
                     for d in decisions]})
        visits = self.env["atta.research.visit"].sudo().search([("request_id", "in", requests.ids)])
        sections.append({
            "title": self.env._("Social Research"),
            "columns": [self.env._("Request"), self.env._("Date"), self.env._("Household Size"),
                        self.env._("Monthly Income"), self.env._("Score"),
                        self.env._("Recommendation")],
            "rows": [(v.request_id.name, self._atta_date(v.visit_date), v.household_size, v.monthly_income, v.score,
                      sel(v, "recommendation")) for v in visits]})
        deliveries = self.env["atta.support.delivery"].sudo().search([("request_id", "in", requests.ids)])
        sections.append({
            "title": self.env._("Deliveries"),
            "columns": [self.env._("Request"), self.env._("Date"), self.env._("Amount"), self.env._("Items")],
            "rows": [(d.request_id.name, self._atta_date(d.date), d.amount, d.items or "") for d in deliveries]})
        applications = self._atta_online_applications()
        sections.append({
            "title": self.env._("Online Applications"),
            "columns": [self.env._("Date"), self.env._("Full Name"), self.env._("Identity Number"),
                        self.env._("Mobile"), self.env._("Email"), self.env._("City"),
                        self.env._("What Do You Need?")],
            "rows": [(self._atta_date(a.create_date), a.name, a.identity_number, a.phone, a.email or "",
                      a.city or "", a.description or "") for a in applications]})
        return sections

    def _atta_online_applications(self):
        return self.env["atta.online.application"].sudo().search(
            ["|", ("beneficiary_id", "=", self.id), "&", ("identity_type", "=", self.identity_type),
             ("identity_number", "=", self.identity_number)])

    def _atta_erase_blockers(self):
        reasons = super()._atta_erase_blockers()
        running = self.env["atta.support.request"].sudo().search(
            [("beneficiary_id", "=", self.id), ("state", "not in", ("rejected", "delivered", "closed", "cancelled"))])
        if running:
            reasons.append(self.env._("Requests still open: %(numbers)s", numbers=", ".join(running.mapped("name"))))
        return reasons

    def _atta_erase_records(self, terms):
        """Requests keep their numbers, amounts, dates and decisions; their texts and files go."""
        requests = self.env["atta.support.request"].search([("beneficiary_id", "=", self.id)])
        decisions = self.env["atta.committee.decision"].search([("request_id", "in", requests.ids)])
        deliveries = self.env["atta.support.delivery"].search([("request_id", "in", requests.ids)])
        applications = self._atta_online_applications()
        requests._atta_anonymize()
        self._atta_wipe_traces(deliveries, applications)
        applications.write({"name": self.env._("Erased"), "identity_number": f"ERASED-{self.id}", "phone": "-",
                            "email": False, "city": False, "district": False, "description": False,
                            "ip_address": False})
        for session in decisions.session_id:
            session.write({"minutes": self._atta_scrub(session.minutes, terms),
                           "notes": self._atta_scrub(session.notes, terms)})
        return super()._atta_erase_records(terms)
