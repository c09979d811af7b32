from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools import hijri_date_string, identity_number_problem, with_normalized_identity
from .beneficiary import GENDERS, IDENTITY_TYPES, MARITAL_STATUSES


class AttaFamilyMember(models.Model):
    _name = "atta.family.member"
    _inherit = ["atta.sensitive.line.mixin"]
    _description = "Family Member"
    _order = "beneficiary_id, birth_date"
    _atta_audit_search_fields = ("identity_number",)

    beneficiary_id = fields.Many2one("atta.beneficiary", required=True, ondelete="cascade", index=True)
    name = fields.Char(required=True)
    relation = fields.Selection(
        [
            ("spouse", "Spouse"),
            ("son", "Son"),
            ("daughter", "Daughter"),
            ("father", "Father"),
            ("mother", "Mother"),
            ("brother", "Brother"),
            ("sister", "Sister"),
            ("grandchild", "Grandchild"),
            ("other", "Other relative"),
        ],
        required=True,
    )
    identity_type = fields.Selection(IDENTITY_TYPES)
    identity_number = fields.Char(index=True)
    birth_date = fields.Date()
    birth_date_hijri = fields.Char(compute="_compute_birth_date_hijri")
    gender = fields.Selection(GENDERS)
    marital_status = fields.Selection(MARITAL_STATUSES)
    education = fields.Selection(
        [
            ("none", "None"),
            ("preschool", "Preschool"),
            ("primary", "Primary"),
            ("intermediate", "Intermediate"),
            ("secondary", "Secondary"),
            ("diploma", "Diploma"),
            ("bachelor", "Bachelor"),
            ("postgraduate", "Postgraduate"),
        ]
    )
    health_status = fields.Selection(
        [
            ("healthy", "Healthy"),
            ("chronic", "Chronic illness"),
            ("disability", "Disability"),
            ("elderly_care", "Needs elderly care"),
        ],
        default="healthy",
    )
    health_notes = fields.Text()
    work_status = fields.Selection(
        [
            ("student", "Student"),
            ("employed", "Employed"),
            ("unemployed", "Unemployed"),
            ("retired", "Retired"),
            ("unable", "Unable to work"),
            ("child", "Child"),
        ]
    )
    monthly_income = fields.Monetary()
    currency_id = fields.Many2one(related="beneficiary_id.currency_id")
    lives_with_beneficiary = fields.Boolean(default=True, help="Counted in the household size and its income.")

    @api.depends("birth_date")
    @api.depends_context("lang")
    def _compute_birth_date_hijri(self):
        for member in self:
            member.birth_date_hijri = hijri_date_string(member.birth_date, self.env.lang or "en_US")

    @api.constrains("identity_type", "identity_number", "birth_date", "monthly_income")
    def _check_values(self):
        today = fields.Date.context_today(self)
        beneficiaries = self.env["atta.beneficiary"]
        for member in self:
            if member.identity_number:
                problem = identity_number_problem(member.identity_type or "national_id", member.identity_number)
                if problem:
                    raise ValidationError(
                        self.env._(
                            "Family member %(name)s: %(problem)s",
                            name=member.name,
                            problem=beneficiaries._identity_problem_message(problem, member.identity_number),
                        )
                    )
            if member.birth_date and member.birth_date > today:
                raise ValidationError(
                    self.env._("The birth date of %(name)s is in the future. Check the family card.", name=member.name)
                )
            if member.monthly_income < 0:
                raise ValidationError(self.env._("An income cannot be negative."))

    @api.constrains("identity_number", "beneficiary_id")
    def _check_one_household(self):
        """A person is listed in one household at a time, as its head or as a member."""
        for member in self.filtered("identity_number"):
            beneficiary = member.beneficiary_id
            if beneficiary.erased_on:
                continue
            if member.identity_number == beneficiary.identity_number:
                raise ValidationError(
                    self.env._(
                        "%(name)s is the head of this file and cannot also be listed as one of its members.",
                        name=member.name,
                    )
                )
            twins = member.beneficiary_id.family_member_ids.filtered(
                lambda m, member=member: m != member and m.identity_number == member.identity_number
            )
            if twins:
                raise ValidationError(
                    self.env._("%(number)s is listed twice in this household.", number=member.identity_number)
                )
            beneficiary._atta_check_number_free(member.identity_number, member.name)

    @api.model_create_multi
    def create(self, vals_list):
        return super().create([with_normalized_identity(vals) for vals in vals_list])

    def write(self, vals):
        return super().write(with_normalized_identity(vals))
