import re

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools import check_roles, normalize_digits, normalize_identity
from ..tools.roles import OFFICER

# The short national address of Saudi Post (e.g. RRRD2929): four letters, then four digits.
NATIONAL_ADDRESS_RE = re.compile(r"^[A-Z]{4}\d{4}$")
# What the desk may fill on a reopened file where it is empty: contact and identity details, nothing else.
REOPEN_FIELDS = (
    "name",
    "phone",
    "email",
    "street",
    "street2",
    "city",
    "zip",
    "gender",
    "birth_date",
    "marital_status",
    "nationality_id",
    "lang",
    "national_address",
)


class AttaBeneficiary(models.Model):
    """One person, one household: a number is known once, and signals shared between files are shown."""

    _inherit = "atta.beneficiary"

    national_address = fields.Char(
        tracking=True,
        index=True,
        copy=False,
        help="The short national address of Saudi Post: four letters and four digits, such as RRRD2929.",
    )
    signal_mobile = fields.Char(
        compute="_compute_signal_mobile",
        store=True,
        index=True,
        help="The mobile in E.164, compared across households.",
    )
    identity_exception_ids = fields.Many2many(
        "atta.identity.exception", compute="_compute_identity_exceptions", string="Identity Exceptions"
    )
    duplicate_warning = fields.Html(compute="_compute_duplicate_warning", sanitize=False)

    @api.depends("partner_id.phone")
    def _compute_signal_mobile(self):
        for beneficiary in self:
            beneficiary.signal_mobile = beneficiary.phone or False

    def _compute_identity_exceptions(self):
        exceptions = self.env["atta.identity.exception"].search([("beneficiary_ids", "in", self.ids)])
        for beneficiary in self:
            beneficiary.identity_exception_ids = exceptions.filtered(
                lambda e, beneficiary=beneficiary: beneficiary in e.beneficiary_ids
            )

    @api.depends_context("uid")
    def _compute_duplicate_warning(self):
        """What this file shares with other households, naming only the files the reader may open."""
        signals = self.env["atta.duplicate.signal"].sudo()._for_files(self.ids)
        kinds = dict(self.env["atta.duplicate.signal"]._fields["kind"]._description_selection(self.env))
        for beneficiary in self:
            lines = []
            for signal in signals.get(beneficiary.id, []):
                other = self.browse(signal["other_id"])
                lines.append(Markup("<li>%s: %s</li>") % (kinds[signal["kind"]], self._atta_file_label(other)))
            beneficiary.duplicate_warning = (
                Markup("<p>%s</p><ul>%s</ul>")
                % (
                    self.env._("This household shares details with other files. Check before any aid goes out:"),
                    Markup("").join(lines),
                )
                if lines
                else False
            )

    @api.model
    def _atta_file_label(self, files):
        """Files by number and name for whom may open them; for anyone else, no detail of them.

        Judged as the person acting, even inside a superuser step (a visitor of the website form,
        for instance, is never told whose file a number belongs to).
        """
        readable = files.with_user(self.env.user)._filtered_access("read")
        labels = [f"{f.sudo().reference} ({f.sudo().name})" for f in readable]
        hidden = len(files - readable)
        if hidden:
            labels.append(
                self.env._(
                    "%(count)s other household file(s) you do not have access to; ask a relations officer", count=hidden
                )
            )
        return ", ".join(labels)

    # ------------------------------------------------------------------ a number belongs to one household
    @api.model
    def _atta_households_with_number(self, number, exclude=None):
        """Files (any state) where this number is the head or a member, other than `exclude`."""
        if not number:
            return self.browse()
        Beneficiary = self.sudo().with_context(active_test=False)
        heads = Beneficiary.search([("identity_number", "=", number)])
        members = (
            self.env["atta.family.member"]
            .sudo()
            .with_context(active_test=False)
            .search([("identity_number", "=", number)])
            .beneficiary_id
        )
        return (heads | members) - (exclude or self.browse())

    def _atta_check_number_free(self, number, who):
        """Refuse a number already listed in another household, unless a manager recorded an exception."""
        self.ensure_one()
        others = self._atta_households_with_number(number, exclude=self)
        if others and not self.env["atta.identity.exception"]._allows(number, others | self):
            raise ValidationError(
                self.env._(
                    "%(who)s (%(number)s) is already listed in another household: %(files)s. A person belongs to "
                    "one household at a time: remove them from the other file first, or ask a manager to record "
                    "an exception (a split household, a divorce) on both files.",
                    who=who,
                    number=number,
                    files=self._atta_file_label(others),
                )
            )

    @api.constrains("identity_number")
    def _check_head_not_listed_elsewhere(self):
        heads = self.filtered(lambda b: b.active and not b.erased_on)
        # One look-up for the whole batch: the numbers listed as members anywhere.
        listed = set(
            self.env["atta.family.member"]
            .sudo()
            .search([("identity_number", "in", heads.mapped("identity_number"))])
            .mapped("identity_number")
        )
        for beneficiary in heads.filtered(lambda b: b.identity_number in listed):
            beneficiary._atta_check_number_free(beneficiary.identity_number, beneficiary.name)

    # ------------------------------------------------------------------ an archived file is reopened
    @api.model_create_multi
    def create(self, vals_list):
        """At the desk, the number of an archived file reopens that file, history included [S7.2]."""
        results, to_create = [], []
        archived_files = self._atta_archived_files(vals_list)
        for vals in vals_list:
            number = normalize_identity(vals.get("identity_number"))
            archived = archived_files.get((vals.get("identity_type") or "national_id", number), self.browse())
            archived = archived.with_env(self.env)
            if archived:
                archived._atta_reopen(self._normalize_vals(vals))
                results.append(archived)
            else:
                to_create.append(vals)
                results.append(None)
        created = iter(super().create(to_create)) if to_create else iter(())
        return self.browse([(record or next(created)).id for record in results])

    @api.model
    def _atta_archived_files(self, vals_list):
        """{(identity type, number): archived file} for the numbers of these values, in one look-up."""
        numbers = {normalize_identity(vals.get("identity_number")) for vals in vals_list} - {""}
        if not numbers:
            return {}
        files = (
            self.sudo()
            .with_context(active_test=False)
            .search([("identity_number", "in", list(numbers)), ("active", "=", False), ("erased_on", "=", False)])
        )
        return {(f.identity_type, f.identity_number): f.sudo(False) for f in files}

    def _atta_reopen(self, vals):
        """Back to a draft file: what was typed fills what the file lacks; differences go to the chatter."""
        self.ensure_one()
        check_roles(self, (OFFICER,), self.env._("reopen an archived file"))
        reopened = self.sudo()
        filled, differences = {}, []
        for name, value in vals.items():
            if name not in REOPEN_FIELDS or not value:
                continue
            field = self._fields[name]
            current = reopened[name]
            if not current:
                filled[name] = value
            elif field.type in ("char", "text", "selection") and current != value:
                differences.append(f"{field._description_string(self.env)}: {value}")
        # Superuser mode for the status only, once the caller was checked: the file's own step.
        reopened.write({"state": "draft", "active": True, "status_reason": False, **filled})
        body = self.env._("The archived file was reopened at the desk; its history is kept.")
        if differences:
            body += " " + self.env._(
                "Given at the desk and different from the file: %(values)s", values="; ".join(differences)
            )
        reopened.message_post(body=body)
        return True

    # ------------------------------------------------------------------ signals compared in a stored form
    @api.model
    def _atta_normalize_national_address(self, value):
        if not value:
            return value
        code = normalize_digits(value).upper()
        if not NATIONAL_ADDRESS_RE.match(code):
            raise ValidationError(
                self.env._(
                    "%(value)s is not a short national address: type the four letters and four digits of the "
                    "address card, such as RRRD2929.",
                    value=value,
                )
            )
        return code

    @api.model
    def _normalize_vals(self, vals):
        vals = super()._normalize_vals(vals)
        if vals.get("national_address"):
            vals["national_address"] = self._atta_normalize_national_address(vals["national_address"])
        return vals
