from datetime import timedelta

from odoo import fields, http
from odoo.http import request

from odoo.addons.atta_beneficiary.tools import form_text
from odoo.addons.portal.controllers.portal import CustomerPortal

SUBJECT_MAX_LENGTH = 120
MESSAGE_MAX_LENGTH = 4000
# Messages one account may send in a day (Settings → Technical → System Parameters): each one opens a contact and an
# improvement action on the staff's desks.
FEEDBACK_PER_DAY_PARAM = "atta_survey.feedback_limit_per_day"
FEEDBACK_PER_DAY = 3


class AttaFeedbackPortal(CustomerPortal):
    """A beneficiary may make a suggestion or a complaint at any time [S4.3, S4.5]."""

    @http.route("/my/feedback", type="http", auth="user", website=True, methods=["GET"])
    def portal_feedback(self, sent=None, **kwargs):
        values = self._prepare_portal_layout_values()
        error = kwargs.get("error")
        values.update(
            {
                "page_name": "atta_feedback",
                "sent": bool(sent),
                "error": error if error in ("1", "length", "limit") else None,
            }
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
        if self._atta_feedback_limit_reached():
            return request.redirect("/my/feedback?error=limit")
        # The beneficiary cannot read the back office: this one contact is recorded on their behalf.
        request.env["atta.interaction"].sudo()._atta_from_portal(request.env.user.partner_id, kind, subject, message)
        return request.redirect("/my/feedback?sent=1")

    def _atta_feedback_limit_reached(self):
        """Whether this account already sent its messages of the day, counted like the public forms' limits."""
        # Superuser mode: only a count of this account's own messages, for a portal user without rights on them.
        param = request.env["ir.config_parameter"].sudo().get_param(FEEDBACK_PER_DAY_PARAM)
        limit = int(param) if param and param.isdigit() else FEEDBACK_PER_DAY
        sent = (
            request.env["atta.interaction"]
            .sudo()
            .search_count(
                [
                    ("create_uid", "=", request.env.uid),
                    ("channel_id", "=", request.env.ref("atta_beneficiary.channel_website").id),
                    ("interaction_type", "in", ("suggestion", "complaint")),
                    ("create_date", ">=", fields.Datetime.now() - timedelta(days=1)),
                ]
            )
        )
        return sent >= limit
