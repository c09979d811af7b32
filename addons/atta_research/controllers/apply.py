import json

from odoo import http
from odoo.exceptions import ValidationError
from odoo.http import request

from odoo.addons.website.controllers.form import WebsiteForm

APPLICATION_MODEL = "atta.online.application"


class AttaApplyForm(WebsiteForm):
    """The public application form [S5.7]: Odoo's website form, with Atta's checks before anything is saved."""

    @http.route("/apply", type="http", auth="public", website=True, sitemap=True)
    def apply(self, **kwargs):
        support_types = request.env["atta.support.type"].sudo().search([("website_published", "=", True)])
        return request.render("atta_research.apply_page", {
            "support_types": support_types,
            "document_types": support_types.required_document_type_ids,
            "declaration": request.env["atta.consent.text"].sudo()._current("declaration"),
            "consent": request.env["atta.consent.text"].sudo()._current("consent"),
        })

    @http.route("/apply/thanks", type="http", auth="public", website=True, sitemap=False)
    def apply_thanks(self, **kwargs):
        application_id = request.session.get("atta_application_id")
        # The visitor only ever sees the application this session just sent.
        application = request.env[APPLICATION_MODEL].sudo().browse(application_id).exists() if application_id else None
        if not application or not application.request_id:
            return request.redirect("/apply")
        return request.render("atta_research.apply_thanks", {"support_request": application.request_id})

    def _handle_website_form(self, model_name, **kwargs):
        if model_name != APPLICATION_MODEL:
            return super()._handle_website_form(model_name, **kwargs)
        model_sudo = request.env["ir.model"].sudo().search([("model", "=", model_name), ("website_form_access", "=", True)])
        try:
            data = self.extract_data(model_sudo, kwargs)
        except ValidationError as error:
            return json.dumps({"error_fields": error.args[0]})
        # A public visitor creates exactly this application and what it implies: hence sudo.
        Application = request.env[APPLICATION_MODEL].sudo()
        ip_address = request.httprequest.remote_addr
        errors = Application._check_submission(data["record"], data["attachments"], ip_address)
        if errors:
            form_error = errors.pop("_form", None) or request.env._(
                "Some answers need your attention: they are marked in red.")
            return json.dumps({"error": form_error, "error_fields": errors})
        application = Application._submit(data["record"], data["attachments"], ip_address, request.lang.code)
        request.session["atta_application_id"] = application.id
        return json.dumps({"id": application.id})
