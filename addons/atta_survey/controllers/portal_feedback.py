from odoo import http
from odoo.http import request

from odoo.addons.atta_beneficiary.tools import form_text
from odoo.addons.portal.controllers.portal import CustomerPortal

SUBJECT_MAX_LENGTH = 120
MESSAGE_MAX_LENGTH = 4000


class AttaFeedbackPortal(CustomerPortal):
    """A beneficiary may make a suggestion or a complaint at any time [S4.3, S4.5]."""

    @http.route("/my/feedback", type="http", auth="user", website=True, methods=["GET"])
    def portal_feedback(self, sent=None, **kwargs):
        values = self._prepare_portal_layout_values()
        error = kwargs.get("error")
        values.update(
            {"page_name": "atta_feedback", "sent": bool(sent), "error": error if error in ("1", "length") else None}
        )
        return request.render("atta_survey.portal_feedback", values)

    @http.route("/my/feedback", type="http", auth="user", website=True, methods=["POST"])
    def portal_feedback_post(self, kind="suggestion", **kwargs):
        # Plain text of a bounded length: a file, a NUL byte or a megabyte of text is refused, not stored.
        subject = form_text(kwargs, "subject", SUBJECT_MAX_LENGTH)
        message = form_text(kwargs, "message", MESSAGE_MAX_LENGTH, newlines=True)
        if subject is None or message is None:
            return request.redirect("/my/feedback?error=length")
        if kind not in ("suggestion", "complaint") or not subject or not message:
            return request.redirect("/my/feedback?error=1")
        # The beneficiary cannot read the back office: this one contact is recorded on their behalf.
        request.env["atta.interaction"].sudo()._atta_from_portal(request.env.user.partner_id, kind, subject, message)
        return request.redirect("/my/feedback?sent=1")
