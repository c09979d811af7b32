import json

from dateutil.relativedelta import relativedelta
from werkzeug.exceptions import NotFound

from odoo import fields, http
from odoo.exceptions import AccessDenied, ValidationError
from odoo.http import request
from odoo.tools.misc import consteq
from odoo.tools.misc import hmac as odoo_hmac

from odoo.addons.website.controllers.form import WebsiteForm

from ..models.online_application import form_text

APPLICATION_MODEL = "atta.online.application"
# The oldest birth date the form takes: anything older is a mistyped year.
OLDEST_AGE_YEARS = 120


class AttaApplyForm(WebsiteForm):
    """The public application form [S5.7]: Odoo's website form, with every answer checked on the server.

    The visitor's address is `request.httprequest.remote_addr`: behind a reverse proxy, Odoo resolves it
    from the proxy's X-Forwarded-For header when the server runs with `proxy_mode` (see the README).
    """

    @http.route("/apply", type="http", auth="public", website=True, sitemap=True)
    def apply(self, **kwargs):
        support_types = request.env["atta.support.type"].sudo().search([("website_published", "=", True)])
        return request.render(
            "atta_website.apply_page",
            {
                "support_types": support_types,
                "document_types": support_types.required_document_type_ids,
                "declaration": request.env["atta.consent.text"].sudo()._current("declaration"),
                "consent": request.env["atta.consent.text"].sudo()._current("consent"),
                "limits": request.env[APPLICATION_MODEL].sudo()._limits(),
            },
        )

    @http.route("/apply/thanks", type="http", auth="public", website=True, sitemap=False)
    def apply_thanks(self, **kwargs):
        """The same answer for every well-formed application, whoever the identity number belongs to.

        A new person, a file the association holds, a number listed in another household: the page says
        only that the application was received and that a text message follows on the mobile of the file.
        What differs (the request's link, a code to prove it is the file's owner, an officer's call) goes
        there, never to this page: the form must not tell a visitor who the association serves.
        """
        if not request.session.get("atta_application_id"):
            return request.redirect("/apply")
        return request.render("atta_website.apply_received")

    @http.route(
        "/apply/status/<int:application_id>", type="http", auth="public", website=True, sitemap=False, methods=["GET"]
    )
    def apply_status(self, application_id, access_token=None, **kwargs):
        return self._render_status(self._application_or_404(application_id, access_token))

    @http.route(
        "/apply/status/<int:application_id>/code",
        type="http",
        auth="public",
        website=True,
        sitemap=False,
        methods=["POST"],
    )
    def apply_code(self, application_id, access_token=None, code=None, **kwargs):
        """The applicant types the code sent to the mobile registered on the file."""
        application = self._application_or_404(application_id, access_token)
        if application.state == "pending" and application._check_code(code):
            return request.redirect(application._tracking_url())
        if application.state == "locked":
            error = request.env._(
                "The code was wrong too many times. An officer will contact you to check your "
                "identity; you may also visit the association with your identity card."
            )
        elif application._code_expired():
            error = request.env._("The code has expired. Ask for a new code.")
        elif application.state == "pending":
            error = request.env._("This code is not right. Check the SMS and type its 6 digits again.")
        else:
            error = None
        return self._render_status(application, error=error)

    @http.route(
        "/apply/status/<int:application_id>/resend",
        type="http",
        auth="public",
        website=True,
        sitemap=False,
        methods=["POST"],
    )
    def apply_resend(self, application_id, access_token=None, **kwargs):
        application = self._application_or_404(application_id, access_token)
        problem = application._send_code()
        if problem:
            return self._render_status(application, error=problem)
        return self._render_status(application, message=request.env._("A new code was sent."))

    def _application_or_404(self, application_id, access_token):
        application = request.env[APPLICATION_MODEL].sudo().browse(application_id).exists()
        if not application or not application._check_token(access_token):
            raise NotFound()
        return application

    def _render_status(self, application, message=None, error=None):
        """What the applicant may see: the request once attached; before that, only what they typed."""
        if application.state == "attached":
            return request.render("atta_website.apply_thanks", {"support_request": application.request_id})
        return request.render(
            "atta_website.apply_pending",
            {
                "application": application,
                "tracking_url": application._tracking_url(),
                "code_sent": bool(application.code_sent_count),
                "message": message,
                "error": error,
            },
        )

    def extract_data(self, model_sudo, values):
        """Atta's form: every answer and every file checked on the server, beside its field."""
        if model_sudo.model != APPLICATION_MODEL:
            return super().extract_data(model_sudo, values)
        files = list(request.httprequest.files.items(multi=True))
        record, uploads, errors = request.env[APPLICATION_MODEL].sudo()._read_form(values, files)
        self._read_birth_date(values, record, errors)
        if errors:
            raise ValidationError(errors)
        return {"record": record, "attachments": uploads, "custom": "", "meta": ""}

    def _read_birth_date(self, raw, record, errors):
        """The birth date in either calendar: Hijri as on a Saudi identity card, or Gregorian as on an Iqama."""
        text = form_text(raw, "birth_date", 32)
        if text == "":
            return
        value, problem = request.env["atta.hijri.calendar"]._parse_either(text or "")
        today = fields.Date.context_today(request.env.user)
        if not problem and not today - relativedelta(years=OLDEST_AGE_YEARS) <= value <= today:
            problem = request.env._(
                "Check the date of birth: it cannot be in the future or more than %(years)s years ago.",
                years=OLDEST_AGE_YEARS,
            )
        if problem:
            errors["birth_date"] = problem
        else:
            record["birth_date"] = value

    def _mail_form_signed(self, values):
        """Whether a mail form carries the signature the website gave its recipient (Odoo's rule, read safely)."""
        signature, email_to = values.get("website_form_signature"), values.get("email_to", "")
        if not isinstance(signature, str) or not isinstance(email_to, str):
            return False
        if not email_to:
            return True  # Odoo checks nothing then: the mail has no recipient to reach.
        with_cc = bool({"email_cc", "email_bcc"} & values.keys()) or "email_cc" in signature
        expected = odoo_hmac(
            request.env(su=True), "website_form_signature", email_to + (":email_cc" if with_cc else "")
        )
        return consteq(signature.split(":")[0], expected)

    def _handle_website_form(self, model_name, **kwargs):
        if model_name == "mail.mail" and not self._mail_form_signed(kwargs):
            # Odoo's own check of a mail form fails with a server error when the signature is missing, a file or
            # wrong; Atta answers first, as Odoo means to: an error, nothing created, nothing sent.
            raise AccessDenied(request.env._("This form cannot be sent. Reload the page and try again."))
        if model_name != APPLICATION_MODEL:
            return super()._handle_website_form(model_name, **kwargs)
        # A public visitor creates exactly this application and what it implies: hence sudo.
        Application = request.env[APPLICATION_MODEL].sudo()
        if Application._captcha_required() and not Application._captcha_provider():
            # Switched on in the settings, the captcha is a promise: without its service, the form waits.
            return json.dumps(
                {
                    "error": request.env._(
                        "The form cannot be sent right now. Please try again later or call the association."
                    )
                }
            )
        ip_address = request.httprequest.remote_addr
        problem = Application._rate_problem(ip_address)
        if problem:
            return json.dumps({"error": problem, "error_fields": {}})
        model_sudo = request.env["ir.model"].sudo()._get(APPLICATION_MODEL)
        try:
            data = self.extract_data(model_sudo, kwargs)
        except ValidationError as error:
            errors = dict(error.args[0])
            form_error = errors.pop("_form", None) or request.env._(
                "Some answers need your attention: they are marked in red."
            )
            return json.dumps({"error": form_error, "error_fields": errors})
        values = data["record"]
        problem = Application._rate_problem(None, values["identity_type"], values["identity_number"])
        if problem:
            return json.dumps({"error": problem, "error_fields": {}})
        application = Application._submit(values, data["attachments"], ip_address, request.lang.code)
        request.session["atta_application_id"] = application.id
        return json.dumps({"id": application.id})
