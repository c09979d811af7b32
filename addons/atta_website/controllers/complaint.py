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
# The action the captcha token is asked for in the browser (the form's data-captcha) and checked against.
CAPTCHA_ACTION = "atta_complaint"


class AttaComplaintForm(http.Controller):
    """The public complaint and suggestion form [S3.3, S4]: no account needed, every answer checked on the server.

    Nothing is saved unless every field passes; each problem is shown beside its field. A connection may
    send a bounded number per hour, and the form as a whole too (the visitor's address is resolved behind
    a proxy with `proxy_mode`); the captcha of the application form guards it when switched on.
    """

    @http.route("/complaint", type="http", auth="public", website=True, sitemap=True, methods=["GET"])
    def complaint_form(self, **kwargs):
        return self._render_form({}, {})

    @http.route("/complaint", type="http", auth="public", website=True, sitemap=False, methods=["POST"], csrf=True)
    def complaint_post(self, **kwargs):
        Complaint = request.env["atta.complaint"]
        ip_address = request.httprequest.remote_addr
        problem = Complaint._rate_problem(ip_address, source="website") or self._captcha_problem()
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
        return request.render("atta_website.complaint_thanks", {"complaint": complaint})

    def _captcha_problem(self):
        """The captcha of /apply, when switched on in the settings: Odoo's Turnstile or reCAPTCHA addon checks it."""
        # Superuser mode: a visitor reads the captcha settings only.
        Application = request.env["atta.online.application"].sudo()
        if not Application._captcha_required():
            return None
        if not Application._captcha_provider():
            # Switched on in the settings, the captcha is a promise: without its service, the form waits.
            return request.env._("The form cannot be sent right now. Please try again later or call the association.")
        try:
            request.env["ir.http"]._verify_request_recaptcha_token(CAPTCHA_ACTION)
        except (UserError, ValidationError):
            # The service's own reason (a key, a timeout) is for the administrator, not the visitor.
            return request.env._(
                "We could not confirm that a person sent this form. Please send it again, or call the association."
            )
        return None

    def _render_form(self, raw, errors):
        # Only text the visitor typed is shown back; anything else (a forged file) is dropped.
        typed = {name: raw.get(name) for name in COMPLAINT_FIELDS if isinstance(raw.get(name), str)}
        categories = request.env["atta.complaint.category"].sudo().search([("website_published", "=", True)])
        return request.render(
            "atta_website.complaint_page",
            {
                "categories": categories,
                # Odoo's captcha addons add their widget to a form marked with the action it checks.
                "captcha_action": CAPTCHA_ACTION if self._captcha_wanted() else None,
                "typed": typed,
                "errors": errors,
                "form_error": errors.get("_form")
                or (errors and request.env._("Some answers need your attention: they are marked in red.")),
            },
        )

    def _captcha_wanted(self):
        # Superuser mode: a visitor reads the captcha settings only.
        Application = request.env["atta.online.application"].sudo()
        return Application._captcha_required() and bool(Application._captcha_provider())
