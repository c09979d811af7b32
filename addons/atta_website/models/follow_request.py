import re
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools.misc import format_date
from odoo.tools.misc import hmac as odoo_hmac

from odoo.addons.atta_beneficiary.tools import (
    hijri_date_string,
    identity_number_problem,
    normalize_digits,
    phone_to_e164,
)
from odoo.addons.atta_research.models.support_request import OPEN_STATES as OPEN_REQUEST_STATES

from .online_application import form_text

# The links one message carries: the open requests of the file, or its latest one.
MAX_LINKS = 3
# How long a look-up is kept: long enough for the limits and for an officer asked "did I get the link?".
KEEP_DAYS = 30


class AttaFollowRequest(models.Model):
    """One use of the public "Follow my request" page [S3.4]: the private link sent again by SMS.

    The visitor types an identity number and the mobile (or a request number) of their file. Whatever
    they type, the page gives the same answer; only when it matches a file does a text message leave,
    to the mobile registered on that file, in the file's language. Every look-up counts against the
    limits per connection and per identity number, so the page cannot be used to learn who is on file.
    The typed number is kept only as a keyed digest: enough to count, not to read back.
    """

    _name = "atta.follow.request"
    _description = "Tracking Link Sent Again"
    _order = "id desc"

    ip_address = fields.Char(string="IP Address", readonly=True, index=True)
    identity_digest = fields.Char(readonly=True, index=True)
    beneficiary_id = fields.Many2one("atta.beneficiary", string="File", readonly=True, index="btree_not_null")
    request_ids = fields.Many2many("atta.support.request", string="Links Sent For", readonly=True)
    sms_sent = fields.Boolean(string="SMS Sent", readonly=True)

    @api.depends("create_date")
    def _compute_display_name(self):
        for lookup in self:
            day = lookup.create_date and lookup.create_date.date()
            lookup.display_name = self.env._(
                "Look-up of %(date)s (%(hijri)s)",
                date=format_date(self.env, day),
                hijri=hijri_date_string(day, self.env.lang or "en_US"),
            )

    # ------------------------------------------------------------------ limits
    @api.model
    def _limits(self):
        param = self.env["ir.config_parameter"].sudo().get_param
        return {
            "per_ip_hour": int(param("atta_research.follow_limit_per_ip_hour", 5)),
            "per_identity_day": int(param("atta_research.follow_limit_per_identity_day", 3)),
            "sms_per_file_day": int(param("atta_research.follow_sms_per_file_day", 3)),
        }

    @api.model
    def _digest(self, number):
        return odoo_hmac(self.env(su=True), "atta_research.follow_identity", number)

    @api.model
    def _rate_problem(self, ip_address, digest):
        """Too many look-ups from this connection, or for this identity number: the same for everyone."""
        limits, now = self._limits(), fields.Datetime.now()
        if (
            self.search_count([("ip_address", "=", ip_address), ("create_date", ">=", now - timedelta(hours=1))])
            >= limits["per_ip_hour"]
        ):
            return self.env._(
                "Too many requests were sent from this connection. Please try again in an hour, or call the "
                "association."
            )
        if (
            self.search_count([("identity_digest", "=", digest), ("create_date", ">=", now - timedelta(days=1))])
            >= limits["per_identity_day"]
        ):
            return self.env._(
                "The link was already asked for several times today for this identity number. Wait for the "
                "message, or call the association."
            )
        return None

    # ------------------------------------------------------------------ the page's form
    @api.model
    def _read_form(self, raw):
        """(values, errors) of the page's form: only the shape of what was typed, never who is on file."""
        values, errors = {}, {}
        number = form_text(raw, "identity_number", 32)
        number = normalize_digits(number).upper() if number else number
        problem = None
        if number and re.fullmatch(r"[12][0-9]{9}", number):
            # A Saudi ID or an Iqama: its check digit tells a typing mistake, as on the application form.
            problem = identity_number_problem("iqama" if number[0] == "2" else "national_id", number)
        elif not number or identity_number_problem("passport", number):
            problem = "document"
        if problem == "document":
            errors["identity_number"] = self.env._(
                "Type the number of your identity document as it is on your file: 10 digits for a Saudi ID or an Iqama."
            )
        elif problem:
            errors["identity_number"] = self.env["atta.beneficiary"]._identity_problem_message(problem, number)
        else:
            values["identity_number"] = number
        mobile = form_text(raw, "mobile", 32)
        reference = form_text(raw, "request_number", 32)
        if mobile:
            values["mobile"] = phone_to_e164(mobile)
            if not values["mobile"]:
                errors["mobile"] = self.env._("Type a mobile number such as 0501234567.")
        if reference:
            reference = normalize_digits(reference).upper()
            if not re.fullmatch(r"[A-Z0-9/-]{3,32}", reference):
                errors["request_number"] = self.env._("Type the request number as written in our message.")
            else:
                values["request_number"] = reference
        if mobile is None or reference is None:
            errors["_form"] = self.env._("Some answers need your attention: they are marked in red.")
        elif not mobile and not reference and "mobile" not in errors:
            errors["mobile"] = self.env._("Type the mobile of your file, or the number of your request.")
        return values, errors

    @api.model
    def _follow(self, values, ip_address):
        """Record the look-up and, only when it matches a file, send the links to that file's mobile.

        Returns a problem shown on the whole form (a limit reached), or None: the caller then shows the
        same answer whatever matched.
        """
        digest = self._digest(values["identity_number"])
        problem = self._rate_problem(ip_address, digest)
        if problem:
            return problem
        lookup = self.create({"ip_address": ip_address, "identity_digest": digest})
        file, requests = self._match(values)
        if file and requests:
            lookup.write({"beneficiary_id": file.id, "request_ids": requests.ids})
            lookup._send_links(file, requests)
        return None

    @api.model
    def _match(self, values):
        """(file, its requests to link) when the identity number and the mobile or request number agree."""
        files = self.env["atta.beneficiary"].search([("identity_number", "=", values["identity_number"])])
        for file in files:
            requests = file.request_ids.sorted("id", reverse=True)
            if values.get("request_number"):
                # Compared as typed on a phone: dashes and spaces dropped, Arabic-Indic digits read.
                requests = requests.filtered(
                    lambda r: normalize_digits(r.name or "").upper() == values["request_number"]
                )
            elif values.get("mobile") and values["mobile"] == file._atta_mobile():
                requests = requests.filtered(lambda r: r.state in OPEN_REQUEST_STATES) or requests[:1]
            else:
                continue
            if requests:
                return file, requests[:MAX_LINKS]
        return self.env["atta.beneficiary"], self.env["atta.support.request"]

    def _send_links(self, file, requests):
        """One SMS to the mobile of the file, in its language, through Odoo's SMS queue."""
        self.ensure_one()
        mobile = file._atta_mobile()
        if not mobile or not file._atta_may_contact():
            return
        sent_today = self.search_count(
            [
                ("beneficiary_id", "=", file.id),
                ("sms_sent", "=", True),
                ("create_date", ">=", fields.Datetime.now() - timedelta(days=1)),
            ]
        )
        if sent_today >= self._limits()["sms_per_file_day"]:
            return
        # Written in the file owner's language: they may not be the one who asked.
        localized = self.with_context(lang=file.lang or self.env.lang)
        links = "\n".join(f"{request.name}: {request._atta_tracking_url()}" for request in requests)
        self.env["sms.sms"].create(
            {
                "number": mobile,
                "body": localized.env._(
                    "%(association)s: the private link to follow your request:\n%(links)s\nIf you did not ask for "
                    "it, ignore this message.",
                    association=file.company_id.name or self.env.company.name,
                    links=links,
                ),
            }
        )
        self.sms_sent = True
        for request in requests:
            request.message_post(
                body=self.env._(
                    "The tracking link was sent again by SMS to the mobile on the file, as asked on the website."
                )
            )

    @api.autovacuum
    def _gc_old_lookups(self):
        self.search([("create_date", "<", fields.Datetime.now() - timedelta(days=KEEP_DAYS))]).unlink()
