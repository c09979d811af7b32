import json

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.http import request
from odoo.tools.misc import consteq
from odoo.tools.misc import hmac as odoo_hmac

from odoo.addons.website.controllers.form import WebsiteForm

from ..models.online_application import UPLOADS_KEY

APPLICATION_MODEL = "atta.online.application"
# Answers the form's filter reads as typed, which Odoo's generic conversion would refuse or round.
READ_BY_THE_MODEL = ("household_size", "monthly_income")


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

    @http.route()
    def website_form(self, model_name, **kwargs):
        """Odoo's website form route (its captcha included): /apply adds its promise and its limit per connection
        before, and one message for the whole form after."""
        if model_name == "mail.mail" and not self._mail_form_signed(request.params):
            # Odoo's own check of a mail form fails with a server error when the signature is missing, a file or
            # wrong; Atta answers first, as Odoo means to: an error, nothing created, nothing sent.
            return json.dumps({"error": request.env._("This form cannot be sent. Reload the page and try again.")})
        if model_name != APPLICATION_MODEL:
            return super().website_form(model_name, **kwargs)
        # The limits and the captcha setting hold for a public visitor, who may read neither.
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
        problem = Application._rate_problem(request.httprequest.remote_addr)
        if problem:
            return json.dumps({"error": problem, "error_fields": {}})
        response = super().website_form(model_name, **kwargs)
        # Called through Odoo's route wrapper, the parent answers a Response holding its JSON.
        answer = json.loads(response.get_data(as_text=True) if hasattr(response, "get_data") else response)
        if isinstance(answer, dict) and answer.get("id"):
            return json.dumps(answer)
        answer = answer if isinstance(answer, dict) else {}
        errors = answer.get("error_fields") or {}
        errors = errors if isinstance(errors, dict) else dict.fromkeys(errors, True)
        form_error = (
            errors.pop("_form", None)
            or answer.get("error")
            or request.env._("Some answers need your attention: they are marked in red.")
        )
        return json.dumps({"error": form_error, "error_fields": errors})

    def extract_data(self, model_sudo, values):
        """Odoo's reading of the form, then the model's own (website_form_input_filter) decides."""
        if model_sudo.model != APPLICATION_MODEL:
            return super().extract_data(model_sudo, values)
        # The numbers are read by the model as typed (an Arabic decimal separator too), not by Odoo's float().
        data = super().extract_data(model_sudo, {k: v for k, v in values.items() if k not in READ_BY_THE_MODEL})
        # The documents are checked and stored by the application itself; what the form sends beyond its fields
        # is not kept in a note.
        return dict(data, attachments=[], custom="", meta="")

    def insert_record(self, http_request, model_sudo, values, custom, meta=None):
        if model_sudo.model != APPLICATION_MODEL:
            return super().insert_record(http_request, model_sudo, values, custom, meta=meta)
        uploads = values.pop(UPLOADS_KEY, [])
        # A public visitor creates exactly this application and what it implies: hence sudo.
        application = (
            http_request.env[APPLICATION_MODEL]
            .sudo()
            ._submit(values, uploads, http_request.httprequest.remote_addr, http_request.lang.code)
        )
        http_request.session["atta_application_id"] = application.id
        return application.id

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
