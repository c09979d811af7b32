from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request

from odoo.addons.atta_beneficiary.tools import check_upload, read_limited
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

# The files one request takes from its tracking link over all its sendings: each sending lands on a staff's desk.
DOCUMENTS_PER_REQUEST_PARAM = "atta_website.portal_documents_per_request"


class AttaRequestPortal(CustomerPortal):
    """Beneficiaries follow their requests online [S3.4]: by account at /my/requests, or by tracking link."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "atta_request_count" in counters:
            Request = request.env["atta.support.request"]
            values["atta_request_count"] = Request.search_count([]) if Request.has_access("read") else 0
        return values

    @http.route(["/my/requests", "/my/requests/page/<int:page>"], type="http", auth="user", website=True)
    def portal_my_requests(self, page=1, **kwargs):
        Request = request.env["atta.support.request"]
        count = Request.search_count([])
        pager = portal_pager(url="/my/requests", total=count, page=page, step=self._items_per_page)
        requests_ = Request.search([], limit=self._items_per_page, offset=pager["offset"])
        request.session["my_requests_history"] = requests_.ids[:100]
        values = self._prepare_portal_layout_values()
        values.update(
            {"support_requests": requests_, "pager": pager, "page_name": "atta_requests", "default_url": "/my/requests"}
        )
        return request.render("atta_website.portal_my_requests", values)

    @http.route("/my/requests/<int:request_id>", type="http", auth="public", website=True)
    def portal_request_page(self, request_id, access_token=None, **kwargs):
        request_sudo = self._request_or_404(request_id, access_token)
        values = self._get_page_view_values(
            request_sudo,
            access_token,
            {"page_name": "atta_request", "upload_error": kwargs.get("upload_error")},
            "my_requests_history",
            False,
        )
        return request.render("atta_website.portal_request_page", values)

    @http.route("/my/requests/<int:request_id>/documents", type="http", auth="public", methods=["POST"], website=True)
    def portal_request_upload(self, request_id, access_token=None, **kwargs):
        """What the applicant sends while the request waits for them lands on that request.

        The same checks as the application form: PDF, JPEG or PNG recognised by their content, each within
        the size and pixel limits, a bounded number per sending, stored with the type of their content.
        """
        request_sudo = self._request_or_404(request_id, access_token)
        url = f"/my/requests/{request_sudo.id}?access_token={request_sudo.access_token}"
        files = [file for file in request.httprequest.files.getlist("documents") if file.filename]
        Application = request.env["atta.online.application"].sudo()
        limits = Application._limits()
        if request_sudo.state != "needs_info" or not files or len(files) > limits["max_files"]:
            return request.redirect(url + "&upload_error=1")
        if self._atta_documents_sent(request_sudo) + len(files) > self._atta_documents_per_request(limits):
            return request.redirect(url + "&upload_error=limit")
        uploads, total = [], 0
        for file in files:
            data = read_limited(file, limits)
            total += len(data)
            upload, problem = check_upload(request.env, data, file.filename, limits)
            if problem:
                return request.redirect(url + "&upload_error=1")
            uploads.append(dict(upload, res_model=request_sudo._name, res_id=request_sudo.id))
        if total > limits["max_submission_mb"] * 1024 * 1024:
            return request.redirect(url + "&upload_error=1")
        # The token holder may add files to this one request only, after the checks above.
        attachments = request.env["ir.attachment"].sudo().create(uploads)
        request_sudo.message_post(
            body=request.env._("The applicant sent documents for what was missing."),
            attachment_ids=attachments.ids,
            author_id=request_sudo.partner_id.id,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        request_sudo.activity_schedule(
            "mail.mail_activity_data_todo",
            user_id=(request_sudo.user_id or request_sudo.create_uid).id,
            summary=request.env._("Check the documents the applicant sent for %(number)s", number=request_sudo.name),
        )
        return request.redirect(url)

    def _atta_documents_sent(self, request_sudo):
        """The files the applicant already sent for this request online, every sending counted."""
        # Superuser mode: a count of the request's own messages, for a visitor holding its tracking link.
        messages = (
            request.env["mail.message"]
            .sudo()
            .search(
                [
                    ("model", "=", request_sudo._name),
                    ("res_id", "=", request_sudo.id),
                    ("author_id", "=", request_sudo.partner_id.id),
                    ("attachment_ids", "!=", False),
                ]
            )
        )
        return len(messages.attachment_ids)

    def _atta_documents_per_request(self, limits):
        """How many files one request takes online in all (System Parameters), three full sendings by default."""
        param = request.env["ir.config_parameter"].sudo().get_param(DOCUMENTS_PER_REQUEST_PARAM)
        return int(param) if param and param.isdigit() else 3 * limits["max_files"]

    @http.route("/my/requests/<int:request_id>/letter", type="http", auth="public", website=True)
    def portal_request_letter(self, request_id, access_token=None, **kwargs):
        request_sudo = self._request_or_404(request_id, access_token)
        if not request_sudo.letter_id:
            raise NotFound()
        return self._show_report(
            model=request_sudo,
            report_type="pdf",
            report_ref="atta_research.action_report_decision_letter",
            download=True,
        )

    @http.route(
        "/my/requests/<int:request_id>/appeal", type="http", auth="public", methods=["POST"], website=True, csrf=True
    )
    def portal_request_appeal(self, request_id, access_token=None, reason=None, **kwargs):
        """The applicant appeals a refusal from the tracking link, within the appeal window [S4]."""
        request_sudo = self._request_or_404(request_id, access_token)
        try:
            # A step refused half-way leaves nothing behind.
            with request.env.cr.savepoint():
                problem = request_sudo._appeal_from_applicant(reason)
        except (UserError, ValidationError) as error:
            problem = error.args[0]
        if problem:
            typed = reason if isinstance(reason, str) else ""
            return self._render_request(request_sudo, access_token, appeal_error=problem, appeal_reason=typed)
        return self._render_request(request_sudo, access_token, appeal_sent=True)

    @http.route(
        "/my/requests/<int:request_id>/complaint", type="http", auth="public", methods=["POST"], website=True, csrf=True
    )
    def portal_request_complaint(self, request_id, access_token=None, **kwargs):
        """A complaint or suggestion about this request, from its tracking link: no account needed [S3.3]."""
        request_sudo = self._request_or_404(request_id, access_token)
        Complaint = request.env["atta.complaint"]
        ip_address = request.httprequest.remote_addr
        typed = {name: kwargs.get(name) for name in ("kind", "category_id", "subject", "description")}
        typed = {name: value for name, value in typed.items() if isinstance(value, str)}
        problem = Complaint._rate_problem(ip_address)
        values, errors = Complaint._read_public_form(kwargs, with_contact=False)
        if problem or errors:
            errors = dict(errors, _form=problem) if problem else errors
            return self._render_request(request_sudo, access_token, complaint_errors=errors, complaint_typed=typed)
        try:
            with request.env.cr.savepoint():
                complaint = Complaint._submit_public(
                    values, "tracking", ip_address, request.lang.code, support_request=request_sudo
                )
        except (UserError, ValidationError) as error:
            errors = {"_form": error.args[0]}
            return self._render_request(request_sudo, access_token, complaint_errors=errors, complaint_typed=typed)
        return self._render_request(request_sudo, access_token, complaint_sent=complaint)

    def _render_request(self, request_sudo, access_token, **extra):
        values = self._get_page_view_values(
            request_sudo, access_token, dict(extra, page_name="atta_request"), "my_requests_history", False
        )
        return request.render("atta_website.portal_request_page", values)

    def _request_or_404(self, request_id, access_token):
        try:
            return self._document_check_access("atta.support.request", request_id, access_token)
        except (AccessError, MissingError) as error:
            # Somebody else's request, or a wrong token: as if it did not exist.
            raise NotFound() from error
