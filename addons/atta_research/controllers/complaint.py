from odoo import http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request

COMPLAINT_FIELDS = (
    "kind",
    "category_id",
    "subject",
    "description",
    "contact_name",
    "identity_number",
    "mobile",
    "email",
)


class AttaComplaintForm(http.Controller):
    """The public complaint and suggestion form [S3.3, S4]: no account needed, every answer checked on the server.

    Nothing is saved unless every field passes; each problem is shown beside its field. A connection may
    send a bounded number per hour (the visitor's address is resolved behind a proxy with `proxy_mode`).
    """

    @http.route("/complaint", type="http", auth="public", website=True, sitemap=True, methods=["GET"])
    def complaint_form(self, **kwargs):
        return self._render_form({}, {})

    @http.route("/complaint", type="http", auth="public", website=True, sitemap=False, methods=["POST"], csrf=True)
    def complaint_post(self, **kwargs):
        Complaint = request.env["atta.complaint"]
        ip_address = request.httprequest.remote_addr
        problem = Complaint._rate_problem(ip_address)
        if problem:
            return self._render_form(kwargs, {"_form": problem})
        values, errors = Complaint._read_public_form(kwargs)
        if errors:
            return self._render_form(kwargs, errors)
        try:
            with request.env.cr.savepoint():
                complaint = Complaint._submit_public(values, "website", ip_address, request.lang.code)
        except (UserError, ValidationError) as error:
            return self._render_form(kwargs, {"_form": error.args[0]})
        return request.render("atta_research.complaint_thanks", {"complaint": complaint})

    def _render_form(self, raw, errors):
        # Only text the visitor typed is shown back; anything else (a forged file) is dropped.
        typed = {name: raw.get(name) for name in COMPLAINT_FIELDS if isinstance(raw.get(name), str)}
        categories = request.env["atta.complaint.category"].sudo().search([("website_published", "=", True)])
        return request.render(
            "atta_research.complaint_page",
            {
                "categories": categories,
                "typed": typed,
                "errors": errors,
                "form_error": errors.get("_form")
                or (errors and request.env._("Some answers need your attention: they are marked in red.")),
            },
        )
