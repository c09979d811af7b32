from odoo import http
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


class AttaFeedbackPortal(CustomerPortal):
    """A beneficiary may make a suggestion or a complaint at any time [S4.3, S4.5]."""

    @http.route("/my/feedback", type="http", auth="user", website=True, methods=["GET"])
    def portal_feedback(self, sent=None, **kwargs):
        values = self._prepare_portal_layout_values()
        values.update({"page_name": "atta_feedback", "sent": bool(sent), "error": kwargs.get("error")})
        return request.render("atta_survey.portal_feedback", values)

    @http.route("/my/feedback", type="http", auth="user", website=True, methods=["POST"])
    def portal_feedback_post(self, kind="suggestion", subject="", message="", **kwargs):
        if kind not in ("suggestion", "complaint") or not subject.strip() or not message.strip():
            return request.redirect("/my/feedback?error=1")
        # The beneficiary cannot read the back office: this one contact is recorded on their behalf.
        request.env["atta.interaction"].sudo()._atta_from_portal(
            request.env.user.partner_id, kind, subject.strip(), message.strip()
        )
        return request.redirect("/my/feedback?sent=1")
