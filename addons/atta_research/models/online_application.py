import base64

from odoo import api, fields, models

from odoo.addons.atta_beneficiary.models.beneficiary import IDENTITY_TYPES
from odoo.addons.atta_beneficiary.tools import identity_number_problem, normalize_digits, phone_to_e164

# What the application form accepts as a document, recognised by content, not by file name.
FILE_SIGNATURES = {b"%PDF-": "application/pdf", b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg"}


class AttaOnlineApplication(models.Model):
    """A support application sent from the website [S3.2, S3.4, S5.7], kept as submitted."""

    _name = "atta.online.application"
    _description = "Online Application"
    _order = "id desc"

    identity_type = fields.Selection(IDENTITY_TYPES, required=True, default="national_id")
    identity_number = fields.Char(required=True, index=True)
    name = fields.Char(string="Full Name", required=True)
    phone = fields.Char(string="Mobile", required=True)
    email = fields.Char()
    city = fields.Char()
    district = fields.Char()
    household_size = fields.Integer(default=1)
    monthly_income = fields.Float(string="Monthly Household Income")
    support_type_id = fields.Many2one("atta.support.type", required=True, domain=[("website_published", "=", True)])
    description = fields.Text(string="What Do You Need?")
    declaration_accepted = fields.Boolean()
    consent_accepted = fields.Boolean()
    ip_address = fields.Char(string="IP Address", readonly=True, index=True)
    lang = fields.Char(readonly=True)
    beneficiary_id = fields.Many2one("atta.beneficiary", readonly=True, index=True)
    request_id = fields.Many2one("atta.support.request", readonly=True, index=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)

    @api.model
    def _limits(self):
        param = self.env["ir.config_parameter"].sudo().get_param
        return {
            "per_ip_hour": int(param("atta_research.apply_limit_per_ip_hour", 5)),
            "per_identity_day": int(param("atta_research.apply_limit_per_identity_day", 3)),
            "max_upload_mb": float(param("atta_research.apply_max_upload_mb", 5)),
        }

    @api.model
    def _check_submission(self, values, files, ip_address):
        """Everything wrong with a submission, as {field: message}; empty when it can be accepted."""
        errors = {}
        limits = self._limits()
        since_hour = fields.Datetime.subtract(fields.Datetime.now(), hours=1)
        if ip_address and self.search_count([("ip_address", "=", ip_address), ("create_date", ">=", since_hour)]) \
                >= limits["per_ip_hour"]:
            return {"_form": self.env._("Too many applications were sent from this connection. Please try again in "
                                        "an hour, or call the association.")}
        number = normalize_digits(values.get("identity_number") or "").upper()
        problem = identity_number_problem(values.get("identity_type") or "national_id", number)
        if problem:
            errors["identity_number"] = self.env["atta.beneficiary"]._identity_problem_message(problem, number)
        else:
            since_day = fields.Datetime.subtract(fields.Datetime.now(), days=1)
            if self.search_count([("identity_number", "=", number), ("create_date", ">=", since_day)]) \
                    >= limits["per_identity_day"]:
                return {"_form": self.env._("Several applications were already sent today for this identity number. "
                                            "Please wait for our reply or call the association.")}
        if not phone_to_e164(values.get("phone") or ""):
            errors["phone"] = self.env._("Type a mobile number such as 0501234567.")
        if not values.get("declaration_accepted"):
            errors["declaration_accepted"] = self.env._(
                "Please confirm that the information you give is correct: the request cannot be studied without it.")
        if not values.get("consent_accepted"):
            errors["consent_accepted"] = self.env._(
                "Please agree to the processing of your data: the association needs it to study your request.")
        support_type = self.env["atta.support.type"].browse(values.get("support_type_id") or []).exists()
        if not support_type or not support_type.website_published:
            errors["support_type_id"] = self.env._("Choose the kind of support you need.")
            return errors
        by_field = {file.field_name: file for file in files}
        for doc_type in support_type.required_document_type_ids:
            field_name = f"document_{doc_type.code}"
            file = by_field.get(field_name)
            if not file:
                errors[field_name] = self.env._("Attach “%(document)s”: it is needed for this support.",
                                                document=doc_type.name)
        for file in files:
            problem = self._file_problem(file, limits["max_upload_mb"])
            if problem:
                errors[file.field_name] = problem
        return errors

    @api.model
    def _file_problem(self, file, max_mb):
        head = file.stream.read(16)
        file.stream.seek(0, 2)
        size = file.stream.tell()
        file.stream.seek(0)
        if size > max_mb * 1024 * 1024:
            return self.env._("“%(file)s” is larger than %(size)s MB. Send a smaller scan or photo.",
                              file=file.filename, size=f"{max_mb:g}")
        if not any(head.startswith(signature) for signature in FILE_SIGNATURES):
            return self.env._("“%(file)s” is not a PDF or an image (JPEG, PNG). Send the document as a PDF or a "
                              "photo.", file=file.filename)
        return None

    @api.model
    def _submit(self, values, files, ip_address, lang):
        """Record the application: the beneficiary (found or created), documents, consents and the request."""
        values = dict(values, identity_number=normalize_digits(values["identity_number"]).upper(),
                      ip_address=ip_address, lang=lang)
        application = self.create(values)
        beneficiary = application._find_or_create_beneficiary()
        channel = self.env.ref("atta_beneficiary.channel_website")
        texts = self.env["atta.consent.text"]
        self.env["atta.beneficiary.consent"].create([{
            "beneficiary_id": beneficiary.id, "text_id": texts._current(kind).id, "accepted_by_name": application.name,
            "channel_id": channel.id, "ip_address": ip_address,
        } for kind in ("declaration", "consent") if texts._current(kind)])
        doc_types = {f"document_{t.code}": t for t in self.env["atta.document.type"].search([])}
        self.env["atta.beneficiary.document"].create([{
            "beneficiary_id": beneficiary.id, "document_type_id": doc_types[file.field_name].id,
            "attachment": base64.b64encode(file.read()), "attachment_name": file.filename,
            "notes": self.env._("Sent with the online application; to be checked against the original."),
        } for file in files if file.field_name in doc_types])
        request = self.env["atta.support.request"].create({
            "beneficiary_id": beneficiary.id,
            "support_type_id": application.support_type_id.id,
            "channel_id": channel.id,
            "description": application.description,
            "declared_household_size": application.household_size,
            "declared_monthly_income": application.monthly_income,
            "user_id": False,
        })
        request.action_submit()
        application.write({"beneficiary_id": beneficiary.id, "request_id": request.id})
        return application

    def _find_or_create_beneficiary(self):
        """One file per person: the identity number finds it; otherwise a draft file is opened."""
        self.ensure_one()
        Beneficiary = self.env["atta.beneficiary"]
        beneficiary = Beneficiary.search([("identity_type", "=", self.identity_type),
                                          ("identity_number", "=", self.identity_number)], limit=1)
        if beneficiary:
            missing = {key: value for key, value in (("email", self.email), ("city", self.city)) if value
                       and not beneficiary[key]}
            if missing:
                beneficiary.write(missing)
            return beneficiary
        lang = self.lang if self.lang in dict(self.env["res.lang"].get_installed()) else False
        return Beneficiary.create({
            "name": self.name, "identity_type": self.identity_type, "identity_number": self.identity_number,
            "phone": self.phone, "email": self.email, "city": self.city, "street": self.district,
            "user_id": False, "lang": lang or self.env.lang,
        })
