import base64
import hmac
import re
import secrets
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL, email_normalize, single_email_re
from odoo.tools.misc import hmac as odoo_hmac
from odoo.tools.misc import str2bool

from odoo.addons.atta_beneficiary.models.beneficiary import IDENTITY_TYPES
from odoo.addons.atta_beneficiary.models.beneficiary_duplicates import NATIONAL_ADDRESS_RE
from odoo.addons.atta_beneficiary.tools import (
    check_upload,
    form_text,
    identity_number_problem,
    normalize_digits,
    person_name,
    phone_to_e164,
    place_name,
    read_limited,
)
from odoo.addons.atta_research.models.support_request import OPEN_STATES as OPEN_REQUEST_STATES

OFFICER = "atta_beneficiary.group_relations_officer"
APPLICATION_STATES = [
    ("pending", "Waiting for verification"),
    ("locked", "Code locked"),
    ("verified", "Verified, waiting for an officer"),
    ("attached", "Attached to the file"),
    ("refused", "Refused"),
]
VERIFICATION_METHODS = [
    ("new_file", "New file opened"),
    ("sms", "Code sent to the registered mobile"),
    ("desk", "Checked by an officer"),
]
TRUE_VALUES = ("1", "on", "true")
# A digit as typed on a Saudi phone: ASCII, Arabic-Indic or Persian (no sign, no exponent, no separator).
DIGIT = "[0-9\u0660-\u0669\u06f0-\u06f9]"
CODE_DIGITS = 6
CODE_MINUTES = 10
CODE_TRIES = 5
CODE_SENDS_PER_APPLICATION = 3
CODE_RESEND_SECONDS = 60
# The oldest birth date the form takes: anything older is a mistyped year.
OLDEST_AGE_YEARS = 120
# Where the checked documents wait, beside the values, between the form's filter and the record's creation.
UPLOADS_KEY = "_atta_uploads"


class AttaOnlineApplication(models.Model):
    """A support application sent from the website [S3.2, S3.4, S5.7], kept as submitted.

    When the identity number belongs to an existing file, nothing reaches that file until the applicant
    proves they hold the mobile registered on it (a one-time code by SMS) or an officer checks them at
    the desk [S7.2]: knowing somebody's number must not be enough to act on their file.
    """

    _name = "atta.online.application"
    _description = "Online Application"
    _inherit = ["atta.audit.mixin"]
    _order = "id desc"

    identity_type = fields.Selection(IDENTITY_TYPES, required=True, default="national_id")
    identity_number = fields.Char(required=True, index=True)
    name = fields.Char(string="Full Name", required=True)
    birth_date = fields.Date(help="As typed on the form, in Hijri or Gregorian; stored in Gregorian.")
    phone = fields.Char(string="Mobile", required=True)
    email = fields.Char()
    city = fields.Char()
    district = fields.Char()
    national_address = fields.Char(
        string="Short National Address", help="Four letters and four digits, as on the national address card."
    )
    household_size = fields.Integer(default=1)
    monthly_income = fields.Float(string="Monthly Household Income")
    support_type_id = fields.Many2one("atta.support.type", required=True, domain=[("website_published", "=", True)])
    description = fields.Text(string="What Do You Need?")
    declaration_accepted = fields.Boolean()
    consent_accepted = fields.Boolean()
    ip_address = fields.Char(string="IP Address", readonly=True, index=True)
    lang = fields.Char(readonly=True)
    beneficiary_id = fields.Many2one(
        "atta.beneficiary",
        string="File",
        readonly=True,
        index=True,
        help="The file this identity number belongs to, or the file opened for a new person.",
    )
    request_id = fields.Many2one("atta.support.request", readonly=True, index=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    state = fields.Selection(APPLICATION_STATES, default="pending", required=True, readonly=True, index=True)
    verification_method = fields.Selection(VERIFICATION_METHODS, readonly=True)
    verified_by_id = fields.Many2one("res.users", string="Checked By", readonly=True)
    verified_on = fields.Datetime(readonly=True)
    attachment_ids = fields.Many2many("ir.attachment", string="Documents Sent", readonly=True)
    # {attachment id: document type id} of what was sent, kept until the application is attached.
    attachment_document_types = fields.Json(readonly=True)
    access_token = fields.Char(readonly=True, copy=False, groups="base.group_system")
    code_hash = fields.Char(readonly=True, copy=False, groups="base.group_system")
    code_expires_on = fields.Datetime(readonly=True, copy=False, groups="base.group_system")
    code_attempts = fields.Integer(string="Wrong Codes", readonly=True, copy=False)
    code_sent_count = fields.Integer(string="Codes Sent", readonly=True, copy=False)
    code_sent_on = fields.Datetime(string="Last Code Sent", readonly=True, copy=False)
    file_phone = fields.Char(related="beneficiary_id.phone", string="Mobile on the File")
    file_email = fields.Char(related="beneficiary_id.email", string="Email on the File")
    file_household_size = fields.Integer(related="beneficiary_id.household_size", string="Household on the File")
    file_monthly_income = fields.Monetary(
        related="beneficiary_id.monthly_income", string="Income on the File", currency_field="currency_id"
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    hold_reason = fields.Text(
        string="Why It Waits",
        readonly=True,
        help="Why no file could be opened for this application (a number listed in another household, for one). "
        "The applicant was told only that the application was received: the officer checks them and settles it.",
    )
    differences = fields.Text(
        compute="_compute_differences",
        help="What the applicant declared that differs from the file. Nothing is written on the file: the "
        "officer updates it after checking.",
    )

    @api.depends("phone", "email", "national_address", "household_size", "monthly_income", "beneficiary_id")
    def _compute_differences(self):
        for application in self:
            application.differences = "\n".join(application._difference_lines()) or False

    def _difference_lines(self):
        self.ensure_one()
        file = self.beneficiary_id.sudo()
        if not file or self.verification_method == "new_file":
            return []
        checks = [
            (self.env._("Mobile"), self.phone, file.phone, phone_to_e164(self.phone or "") != file.phone),
            (
                self.env._("Email"),
                self.email,
                file.email,
                bool(self.email) and email_normalize(self.email) != email_normalize(file.email or ""),
            ),
            (
                self.env._("Short national address"),
                self.national_address,
                file.national_address,
                bool(self.national_address) and self.national_address != file.national_address,
            ),
            (
                self.env._("People in the household"),
                self.household_size,
                file.household_size,
                self.household_size != file.household_size,
            ),
            (
                self.env._("Monthly income"),
                self.monthly_income,
                file.monthly_income,
                round(self.monthly_income, 2) != round(file.monthly_income, 2),
            ),
        ]
        return [
            self.env._(
                "%(what)s: declared %(declared)s, on the file %(on_file)s",
                what=label,
                declared=declared or "-",
                on_file=on_file or "-",
            )
            for label, declared, on_file, differs in checks
            if differs
        ]

    # ------------------------------------------------------------------ limits
    @api.model
    def _limits(self):
        return self.env.company._atta_form_limits()

    @api.model
    def _captcha_provider(self):
        return self.env["res.company"]._atta_captcha_provider()

    @api.model
    def _captcha_required(self):
        return str2bool(self.env["ir.config_parameter"].sudo().get_param("atta_research.apply_captcha", "False"))

    @api.model
    def _rate_problem(self, ip_address, identity_type=None, identity_number=None):
        """Too many applications from this address, or for this identity number today.

        Every application counts, whatever became of it: a probe of someone's number costs the prober as
        much as a real application, and the answer never depends on who is on file.
        """
        limits = self._limits()
        now = fields.Datetime.now()
        if (
            ip_address
            and self.search_count([("ip_address", "=", ip_address), ("create_date", ">=", now - timedelta(hours=1))])
            >= limits["per_ip_hour"]
        ):
            return self.env._(
                "Too many applications were sent from this connection. Please try again in an hour, "
                "or call the association."
            )
        if (
            identity_number
            and self.search_count(
                [
                    ("identity_type", "=", identity_type),
                    ("identity_number", "=", identity_number),
                    ("create_date", ">=", now - timedelta(days=1)),
                ]
            )
            >= limits["per_identity_day"]
        ):
            return self.env._(
                "Several applications were already sent today for this identity number. Please wait "
                "for our reply or call the association."
            )
        return None

    # ------------------------------------------------------------------ the form, checked field by field
    @api.model
    def _read_form(self, raw, files):
        """Check every answer of the form on the server and return (values, uploads, errors).

        `raw` holds what the browser sent (strings, or file objects where a string is expected from a
        forged post); `files` is every uploaded file as (field name, file). `errors` maps a field to the
        message shown beside it, in the visitor's language; "_form" is a message for the whole form.
        """
        limits = self._limits()
        values, errors = {}, {}
        self._read_identity(raw, values, errors)
        self._read_contact(raw, values, errors)
        self._read_situation(raw, values, errors, limits)
        self._read_consents(raw, values, errors)
        support_type_id = raw.get("support_type_id")
        support_type = self.env["atta.support.type"]
        if isinstance(support_type_id, str) and re.fullmatch(r"[0-9]{1,9}", support_type_id.strip()):
            support_type = support_type.browse(int(support_type_id)).exists().filtered("website_published")
        if not support_type:
            errors["support_type_id"] = self.env._("Choose the kind of support you need.")
        else:
            values["support_type_id"] = support_type.id
        self._read_birth_date(raw, values, errors)
        uploads = self._read_uploads(files, support_type, limits, errors)
        return values, uploads, errors

    @api.model
    def _read_birth_date(self, raw, values, errors):
        """The birth date in either calendar: Hijri as on a Saudi identity card, or Gregorian as on an Iqama."""
        text = form_text(raw, "birth_date", 32)
        if text == "":
            return
        value, problem = self.env["atta.hijri.calendar"]._parse_either(text or "")
        today = fields.Date.context_today(self)
        if not problem and not today - relativedelta(years=OLDEST_AGE_YEARS) <= value <= today:
            problem = self.env._(
                "Check the date of birth: it cannot be in the future or more than %(years)s years ago.",
                years=OLDEST_AGE_YEARS,
            )
        if problem:
            errors["birth_date"] = problem
        else:
            values["birth_date"] = value

    @api.model
    def _read_identity(self, raw, values, errors):
        identity_type = raw.get("identity_type")
        if not isinstance(identity_type, str) or identity_type not in dict(IDENTITY_TYPES):
            errors["identity_type"] = self.env._("Choose the kind of identity document from the list.")
            identity_type = None
        else:
            values["identity_type"] = identity_type
        number = form_text(raw, "identity_number", 32)
        number = normalize_digits(number).upper() if number else number
        if not number:
            errors["identity_number"] = self.env._("Type the number of your identity document.")
            return
        problem = identity_type and identity_number_problem(identity_type, number)
        if problem:
            errors["identity_number"] = self.env["atta.beneficiary"]._identity_problem_message(problem, number)
        elif identity_type:
            values["identity_number"] = number

    @api.model
    def _read_contact(self, raw, values, errors):
        name = person_name(form_text(raw, "name", 128), min_words=2)
        if not name:
            errors["name"] = self.env._(
                "Type your full name in letters, at least your first name and your father's name (up to 128 "
                "characters)."
            )
        else:
            values["name"] = name
        phone = form_text(raw, "phone", 32)
        e164 = phone_to_e164(phone) if phone else None
        if not e164:
            errors["phone"] = self.env._("Type a mobile number such as 0501234567.")
        else:
            values["phone"] = e164
        email = form_text(raw, "email", 254)
        if email is None or (email and not single_email_re.match(email)):
            errors["email"] = self.env._("Type a valid email address such as name@example.com, or leave it empty.")
        elif email:
            values["email"] = email_normalize(email)
        places = (
            ("city", self.env._("Type the name of your city in letters (up to 64 characters).")),
            ("district", self.env._("Type the name of your district in letters (up to 64 characters).")),
        )
        for field_name, message in places:
            place = form_text(raw, field_name, 64)
            if place is None or (place and not place_name(place)):
                errors[field_name] = message
            elif place:
                values[field_name] = place_name(place)
        # Optional, but asked now: registration needs it, and the officer should not have to call back for it.
        address = form_text(raw, "national_address", 16)
        address = "".join(normalize_digits(address).split()).upper() if address else address
        if address is None or (address and not NATIONAL_ADDRESS_RE.match(address)):
            errors["national_address"] = self.env._(
                "Type the short national address of your address card: four letters then four digits, such as "
                "RRRD2929, or leave it empty."
            )
        elif address:
            values["national_address"] = address

    @api.model
    def _read_situation(self, raw, values, errors, limits):
        household = form_text(raw, "household_size", 8)
        if (
            not household
            or not re.fullmatch(rf"{DIGIT}{{1,3}}", household)
            or not 1 <= int(normalize_digits(household)) <= limits["max_household"]
        ):
            errors["household_size"] = self.env._(
                "Type how many people live in your household, from 1 to %(max)s.", max=limits["max_household"]
            )
        else:
            values["household_size"] = int(normalize_digits(household))
        income = form_text(raw, "monthly_income", 16)
        if income and re.fullmatch(rf"{DIGIT}{{1,9}}([.٫]{DIGIT}{{1,2}})?", income):
            income = float(normalize_digits(income).replace("٫", "."))
        else:
            income = None
        if income is None or income > limits["max_income"]:
            errors["monthly_income"] = self.env._(
                "Type the household's monthly income in riyals, from 0 to %(max)s (type 0 if there is none).",
                max=f"{limits['max_income']:,.0f}",
            )
        else:
            values["monthly_income"] = income
        description = form_text(raw, "description", 4000, newlines=True)
        if description is None:
            errors["description"] = self.env._("Describe your need in up to 4,000 characters of plain text.")
        elif description:
            values["description"] = description

    @api.model
    def _read_consents(self, raw, values, errors):
        messages = {
            "declaration_accepted": self.env._(
                "Please confirm that the information you give is correct: the request cannot be studied without it."
            ),
            "consent_accepted": self.env._(
                "Please agree to the processing of your data: the association needs it to study your request."
            ),
        }
        for field_name, message in messages.items():
            accepted = raw.get(field_name)
            if isinstance(accepted, str) and accepted.strip().lower() in TRUE_VALUES:
                values[field_name] = True
            else:
                errors[field_name] = message

    @api.model
    def _read_uploads(self, files, support_type, limits, errors):
        """The documents of the chosen support type, each checked for what it is."""
        doc_types = {f"document_{t.code}": t for t in support_type.required_document_type_ids}
        # The website form's script names each file "<field>[<input>][<file>]"; Odoo's form reads "<field>".
        sent = [(name.split("[", 1)[0], file) for name, file in files if getattr(file, "filename", None)]
        if len(sent) > limits["max_files"]:
            errors["_form"] = self.env._(
                "Too many files were sent: send at most %(count)s documents.", count=limits["max_files"]
            )
            return []
        uploads, seen, total = [], set(), 0
        for field_name, file in sent:
            if field_name not in doc_types or field_name in seen:
                errors.setdefault(
                    "_form",
                    self.env._(
                        "A file was sent that this form does not ask for. Reload the page and attach each document "
                        "once, in its own place."
                    ),
                )
                continue
            seen.add(field_name)
            data = read_limited(file, limits)
            total += len(data)
            upload, problem = check_upload(self.env, data, file.filename, limits)
            if problem:
                errors[field_name] = problem
                continue
            uploads.append(dict(upload, field=field_name, document_type_id=doc_types[field_name].id))
        if total > limits["max_submission_mb"] * 1024 * 1024:
            errors.setdefault(
                "_form",
                self.env._(
                    "The documents together are larger than %(size)s MB. Send smaller scans or photos.",
                    size=f"{limits['max_submission_mb']:g}",
                ),
            )
        for field_name, doc_type in doc_types.items():
            if field_name not in seen:
                errors.setdefault(
                    field_name,
                    self.env._("Attach “%(document)s”: it is needed for this support.", document=doc_type.name),
                )
        return uploads

    # ------------------------------------------------------------------ Odoo's website form hook
    def website_form_input_filter(self, request, values):
        """Every answer of /apply checked on the server as the browser sent it, files included [S5.7].

        Called by Odoo's website form once it has read the whitelisted fields: the answers are read again as
        typed (Arabic digits, Hijri dates), and any problem raises the message of each field; nothing is saved.
        The checked documents travel with the values to the controller's `insert_record`, which stores them.
        """
        files = list(request.httprequest.files.items(multi=True))
        # A public visitor's answers are checked against the published support types and the form's limits.
        record, uploads, errors = self.sudo()._read_form(request.params, files)
        if errors:
            raise ValidationError(errors)
        problem = self.sudo()._rate_problem(None, record["identity_type"], record["identity_number"])
        if problem:
            raise UserError(problem)
        return dict(record, **{UPLOADS_KEY: uploads})

    # ------------------------------------------------------------------ submission
    @api.model
    def _submit(self, values, uploads, ip_address, lang):
        """Record the application. A new person's file is opened at once; an existing file waits for proof.

        Whatever happens here, the visitor sees the same answer (the caller shows no outcome): what differs
        goes by SMS to the mobile of the file, or waits for an officer, so that the form cannot be used to
        learn who the association serves.
        """
        file = (
            self.env["atta.beneficiary"]
            .with_context(active_test=False)
            .search(
                [("identity_type", "=", values["identity_type"]), ("identity_number", "=", values["identity_number"])],
                limit=1,
            )
        )
        application = self.create(
            dict(
                values, ip_address=ip_address, lang=lang, access_token=secrets.token_urlsafe(32), beneficiary_id=file.id
            )
        )
        attachments = self.env["ir.attachment"].create(
            [
                {
                    "name": upload["name"],
                    "raw": upload["raw"],
                    "mimetype": upload["mimetype"],
                    "res_model": self._name,
                    "res_id": application.id,
                }
                for upload in uploads
            ]
        )
        application.write(
            {
                "attachment_ids": attachments.ids,
                "attachment_document_types": {
                    str(a.id): u["document_type_id"] for a, u in zip(attachments, uploads, strict=True)
                },
            }
        )
        if file:
            application._send_code()
        else:
            application._open_file()
        return application

    def _open_file(self):
        """Open the new person's file; when it cannot be (a number already listed in another household),
        the application waits for an officer with the reason, and nothing else is created."""
        self.ensure_one()
        try:
            with self.env.cr.savepoint():
                self._attach("new_file")
        except (UserError, ValidationError) as error:
            self.sudo().write({"hold_reason": error.args[0]})

    def _attach(self, method):
        """Bring the application to the file: consents, documents and the request [S7.1, S7.4].

        Called once the applicant is known to be the person: a new file, the right code, or an
        officer's check. Contact data on an existing file are never overwritten: differences are noted.
        """
        self.ensure_one()
        channel = self.env.ref("atta_beneficiary.channel_website")
        file = self.beneficiary_id
        if method == "new_file" or not file:
            # A new person, or one held back at the website (the officer meets them): the file is opened now.
            lang = self.lang if self.lang in dict(self.env["res.lang"].get_installed()) else False
            # No "created" note by whoever runs this (online, the public user): the note below names the applicant.
            file = (
                self.env["atta.beneficiary"]
                .with_context(mail_create_nolog=True)
                .create(
                    {
                        "name": self.name,
                        "identity_type": self.identity_type,
                        "identity_number": self.identity_number,
                        "birth_date": self.birth_date,
                        "phone": self.phone,
                        "email": self.email,
                        "city": self.city,
                        "street": self.district,
                        "national_address": self.national_address,
                        "user_id": False,
                        "lang": lang or self.env.lang,
                        "identity_unverified": method == "new_file",
                        # The website promised a text message on the file's mobile: it carries the request's link.
                        "message_channel": "both" if self.email else "sms",
                    }
                )
            )
            file.message_post(
                body=self.env._("File opened from the online application %(reference)s.", reference=self._reference()),
                author_id=self._online_author(file).id,
            )
        verification = {"verification_method": method, "verified_on": fields.Datetime.now(), "beneficiary_id": file.id}
        if method == "desk":
            verification["verified_by_id"] = self.env.user.id
        self.sudo().write(verification)  # the applicant's proof is recorded whoever completes it
        if file.state == "archived" and not file.erased_on:
            # The person is proven: their archived file is reopened, history included, rather than doubled.
            file._atta_reopen({})
        if not file.active or file.state == "suspended":
            # The person is proven, but a suspended file is reactivated by an officer, not from the website.
            self.sudo().write({"state": "verified"})
            return self.env["atta.support.request"]
        author = self._online_author(file)
        # The tracked changes this step makes on the file and its request are the applicant's (or the officer's).
        file._track_set_author(author)
        self._record_declared(file)
        texts = self.env["atta.consent.text"]
        # Superuser mode for these records only: what the applicant accepted online, with the address it came from,
        # is written by this step and never typed (a consent refuses its signing fields to a plain create).
        self.env["atta.beneficiary.consent"].sudo().create(
            [
                {
                    "beneficiary_id": file.id,
                    "text_id": texts._current(kind).id,
                    "accepted_by_name": self.name,
                    "channel_id": channel.id,
                    "ip_address": self.ip_address,
                    # Accepted by the applicant online: recorded by no member of staff (never "Public user").
                    "recorded_by_id": self.env.user.id if self.env.user._is_internal() else False,
                }
                for kind in ("declaration", "consent")
                if texts._current(kind)
            ]
        )
        doc_types = self.attachment_document_types or {}
        attachments = self.sudo().attachment_ids
        self.env["atta.beneficiary.document"].create(
            [
                {
                    "beneficiary_id": file.id,
                    "document_type_id": doc_types[str(attachment.id)],
                    "attachment": base64.b64encode(attachment.raw),
                    "attachment_name": attachment.name,
                    "notes": self.env._("Sent with the online application; to be checked against the original."),
                }
                for attachment in attachments
                if str(attachment.id) in doc_types
            ]
        )
        open_request = self.env["atta.support.request"].search(
            [
                ("beneficiary_id", "=", file.id),
                ("support_type_id", "=", self.support_type_id.id),
                ("state", "in", OPEN_REQUEST_STATES),
            ],
            limit=1,
        )
        if open_request:
            # One open request per need: the new application joins it rather than opening a second one.
            open_request.message_post(
                body=self.env._(
                    "Online application %(reference)s for the same support joined this open request.",
                    reference=self._reference(),
                ),
                author_id=author.id,
            )
            self.sudo().write({"request_id": open_request.id, "state": "attached"})
            return open_request
        request = (
            self.env["atta.support.request"]
            .with_context(mail_create_nolog=True)
            .create(
                {
                    "beneficiary_id": file.id,
                    "support_type_id": self.support_type_id.id,
                    "channel_id": channel.id,
                    "description": self.description,
                    "declared_household_size": self.household_size,
                    "declared_monthly_income": self.monthly_income,
                    "user_id": False,
                }
            )
        )
        request.message_post(
            body=self.env._("Request received from the online application %(reference)s.", reference=self._reference()),
            author_id=author.id,
        )
        request._track_set_author(author)
        request.action_submit()
        differences = self._difference_lines()
        if differences:
            request.message_post(
                body=self.env._(
                    "The online application declared values that differ from the file; the file was not changed. "
                    "Check them with the applicant:\n%(lines)s",
                    lines="\n".join(differences),
                ),
                author_id=author.id,
            )
        self.sudo().write({"request_id": request.id, "state": "attached"})
        return request

    def _online_author(self, file):
        """Whom the chatter names for what the application brings to the file: the officer who checks it at the
        desk, else the applicant (online nobody is logged in, and "Public user" would tell the officer nothing)."""
        return self.env.user.partner_id if self.env.user._is_internal() else file.partner_id

    def _record_declared(self, file):
        """What the applicant declared is put on the file as declared, for the officer to check, never as verified.

        The household size goes beside the members counted; the income becomes one income line marked as
        declared online when the file has no income recorded yet (the officer replaces it by the sources checked).
        """
        file.write({"declared_household_size": self.household_size, "declared_monthly_income": self.monthly_income})
        if self.monthly_income and not file.income_line_ids:
            self.env["atta.income.line"].create(
                {
                    "beneficiary_id": file.id,
                    "income_type": "declared",
                    "description": self.env._("Online application %(reference)s", reference=self._reference()),
                    "amount": self.monthly_income,
                }
            )

    # ------------------------------------------------------------------ the one-time code
    def _code_digest(self, code):
        return odoo_hmac(self.env(su=True), "atta_research.apply_code", f"{self.id}:{code}")

    def _send_code(self):
        """Send a new code to the mobile registered on the file, through Odoo's SMS queue.

        Returns None when sent, or the reason it was not (shown to the applicant without any detail of
        the file). Without a registered mobile the application simply waits for an officer.
        """
        self.ensure_one()
        self_sudo = self.sudo()
        file = self_sudo.beneficiary_id
        now = fields.Datetime.now()
        if self.state != "pending":
            return self.env._("This application no longer waits for a code.")
        mobile = phone_to_e164(file.phone or "")
        if not mobile:
            return self.env._("No code can be sent for this identity number: an officer will contact you.")
        if self.code_sent_count >= CODE_SENDS_PER_APPLICATION:
            return self.env._(
                "The code was already sent %(count)s times. An officer will contact you.", count=self.code_sent_count
            )
        if self.code_sent_on and now - self.code_sent_on < timedelta(seconds=CODE_RESEND_SECONDS):
            return self.env._("A code was sent less than a minute ago. Wait a moment before asking again.")
        sent_today = sum(
            self.search([("beneficiary_id", "=", file.id), ("create_date", ">=", now - timedelta(days=1))]).mapped(
                "code_sent_count"
            )
        )
        if sent_today >= self._limits()["codes_per_file_day"]:
            return self.env._("Too many codes were sent today for this identity number. An officer will contact you.")
        code = f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
        self_sudo.write(
            {
                "code_hash": self._code_digest(code),
                # The wrong tries stay counted: asking for a new code does not buy five more guesses.
                "code_expires_on": now + timedelta(minutes=CODE_MINUTES),
                "code_sent_count": self.code_sent_count + 1,
                "code_sent_on": now,
            }
        )
        # Written in the file owner's language: they may not be the one who applied.
        localized = self.with_context(lang=file.lang or self.env.lang)
        self.env["sms.sms"].sudo().create(
            {
                "number": mobile,
                # The link is sent only here: the page of the form shows every visitor the same answer.
                "body": localized.env._(
                    "Your code for the support application %(reference)s is %(code)s (valid %(minutes)s minutes). "
                    "Type it at %(link)s If you did not apply, ignore this message and tell the association.",
                    reference=self._reference(),
                    code=code,
                    minutes=CODE_MINUTES,
                    link=self.get_base_url() + self._tracking_url(),
                ),
            }
        )
        return None

    def _check_code(self, code):
        """Compare the code in constant time. True when it attaches (or verifies) the application."""
        self.ensure_one()
        # One attempt at a time per application: parallel guesses cannot go past the limit.
        self.env.cr.execute(SQL("SELECT id FROM %s WHERE id = %s FOR UPDATE", SQL.identifier(self._table), self.id))
        self.invalidate_recordset()
        self_sudo = self.sudo()
        if self.state != "pending" or not self_sudo.code_hash:
            return False
        if fields.Datetime.now() > self_sudo.code_expires_on:
            return False
        code = normalize_digits(code or "").strip() if isinstance(code, str) else ""
        valid = bool(re.fullmatch(rf"[0-9]{{{CODE_DIGITS}}}", code)) and hmac.compare_digest(
            self._code_digest(code), self_sudo.code_hash
        )
        if not valid:
            attempts = self.code_attempts + 1
            self_sudo.write({"code_attempts": attempts, "state": "locked" if attempts >= CODE_TRIES else "pending"})
            return False
        self_sudo.write({"code_hash": False, "code_expires_on": False})
        self._attach("sms")
        return True

    def _code_expired(self):
        self.ensure_one()
        expires = self.sudo().code_expires_on
        return bool(expires and fields.Datetime.now() > expires)

    def _reference(self):
        return f"APP-{self.id}"

    def _check_token(self, token):
        self.ensure_one()
        expected = self.sudo().access_token
        return bool(expected and isinstance(token, str) and hmac.compare_digest(expected, token))

    def _tracking_url(self):
        self.ensure_one()
        return f"/apply/status/{self.id}?access_token={self.sudo().access_token}"

    # ------------------------------------------------------------------ the officer's queue
    def _check_officer(self):
        if not self.env.su and not self.env.user.has_group(OFFICER):
            raise AccessError(self.env._("Only the relations officers verify online applications."))

    def action_verify_at_desk(self):
        """The officer checked the person against the original document, at the desk or by phone [S7.2]."""
        self._check_officer()
        for application in self:
            if application.state not in ("pending", "locked", "verified"):
                raise UserError(self.env._("%(reference)s is already settled.", reference=application._reference()))
            application._attach("desk")
            if application.state == "verified":
                raise UserError(
                    self.env._(
                        "The file %(file)s is suspended. Reactivate it, then verify the application again.",
                        file=application.beneficiary_id.display_name,
                    )
                )
        return True

    def action_refuse(self):
        """Not the person, or not reachable: the application is closed; the file never changed."""
        self._check_officer()
        if any(application.state not in ("pending", "locked", "verified") for application in self):
            raise UserError(self.env._("Only applications waiting for verification can be refused."))
        # Officers read applications; closing one is the only change they make to it.
        self.sudo().write(
            {
                "state": "refused",
                "code_hash": False,
                "verified_by_id": self.env.user.id,
                "verified_on": fields.Datetime.now(),
            }
        )
        return True
