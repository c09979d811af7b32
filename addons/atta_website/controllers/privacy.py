from odoo import http
from odoo.http import request

from odoo.addons.atta_beneficiary.models.data_request import DATA_REQUEST_KINDS
from odoo.addons.atta_beneficiary.tools import form_text
from odoo.addons.portal.controllers.portal import CustomerPortal

MESSAGE_MAX_LENGTH = 4000
# A request in these states is still being answered.
OPEN_STATES = ("received", "in_progress")


class AttaPrivacyPortal(CustomerPortal):
    """A beneficiary's data rights from the portal: ask to see, copy, correct or destroy, and withdraw consent."""

    def _atta_beneficiary(self):
        return (
            request.env["atta.beneficiary"]
            .sudo()
            .search([("partner_id", "=", request.env.user.partner_id.id)], limit=1)
        )

    def _atta_open_request(self, beneficiary, kind):
        """The person's request of this kind still being answered, if any: one at a time per kind."""
        if not beneficiary or kind not in dict(DATA_REQUEST_KINDS):
            return request.env["atta.data.request"]
        # Superuser mode: the person follows their own requests on this page, without back-office rights.
        return (
            request.env["atta.data.request"]
            .sudo()
            .search(
                [("beneficiary_id", "=", beneficiary.id), ("kind", "=", kind), ("state", "in", OPEN_STATES)], limit=1
            )
        )

    @http.route("/my/privacy", type="http", auth="user", website=True, methods=["GET"])
    def portal_privacy(self, sent=None, withdrawn=None, error=None, **kwargs):
        beneficiary = self._atta_beneficiary()
        kind = kwargs.get("kind")
        open_request = self._atta_open_request(beneficiary, kind) if error == "open" and isinstance(kind, str) else None
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "atta_privacy",
                "beneficiary": beneficiary,
                "kinds": request.env["atta.data.request"]._fields["kind"]._description_selection(request.env),
                "data_requests": request.env["atta.data.request"]
                .sudo()
                .search([("beneficiary_id", "=", beneficiary.id)])
                if beneficiary
                else [],
                "sent": bool(sent),
                "withdrawn": bool(withdrawn),
                "error": error if error in ("1", "details") or (error == "open" and open_request) else None,
                "open_request": open_request,
            }
        )
        return request.render("atta_website.portal_privacy", values)

    @http.route("/my/privacy", type="http", auth="user", website=True, methods=["POST"])
    def portal_privacy_post(self, kind="", **kwargs):
        beneficiary = self._atta_beneficiary()
        if not beneficiary or not isinstance(kind, str) or kind not in dict(DATA_REQUEST_KINDS):
            return request.redirect("/my/privacy?error=1")
        # Plain text of a bounded length: a file, a NUL byte or a megabyte of text is refused, not stored.
        message = form_text(kwargs, "message", MESSAGE_MAX_LENGTH, newlines=True)
        if message is None:
            return request.redirect("/my/privacy?error=details")
        # Each request runs a legal deadline on a manager's desk: a second one of the same kind waits for the first.
        if self._atta_open_request(beneficiary, kind):
            return request.redirect(f"/my/privacy?error=open&kind={kind}")
        # Recorded on the person's behalf: they cannot use the back office.
        request.env["atta.data.request"].sudo().create(
            {
                "kind": kind,
                "beneficiary_id": beneficiary.id,
                "requester_name": beneficiary.name,
                "channel_id": request.env.ref("atta_beneficiary.channel_website").id,
                "description": message or False,
                "user_id": (beneficiary.user_id or request.env["res.users"].sudo()._atta_manager()).id,
            }
        )
        return request.redirect("/my/privacy?sent=1")

    @http.route("/my/privacy/withdraw", type="http", auth="user", website=True, methods=["POST"])
    def portal_privacy_withdraw(self, **kwargs):
        beneficiary = self._atta_beneficiary()
        if beneficiary:
            beneficiary.consent_ids.filtered(lambda c: c.kind == "consent").action_withdraw()
        return request.redirect("/my/privacy?withdrawn=1")
