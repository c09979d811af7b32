import base64
import io

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain

from odoo.addons.atta_beneficiary.models.beneficiary import IDENTITY_TYPES
from odoo.addons.atta_beneficiary.tools import (
    check_roles,
    hijri_date_string,
    hijri_datetime_string,
    identity_number_problem,
    phone_to_e164,
    refuse_step_fields,
    with_normalized_identity,
)
from odoo.addons.atta_beneficiary.tools.roles import OFFICER
from odoo.addons.atta_beneficiary.tools.xlsx import write_cells

PLEDGE_POLICY = "atta_research.policy_volunteer_pledge"
# Written only by accepting the pledge, never by editing the record.
PLEDGE_FIELDS = {"pledge_version_id", "pledge_date"}


class AttaVolunteer(models.Model):
    """A person who gives their time to the association's service [S5.6].

    Known by a checked identity number (one volunteer per identity), bound by the confidentiality pledge
    in force, and given tasks on visits and deliveries whose hours are counted.
    """

    _name = "atta.volunteer"
    _description = "Volunteer"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "name, id"

    name = fields.Char(required=True, tracking=True)
    identity_type = fields.Selection(IDENTITY_TYPES, required=True, default="national_id", tracking=True)
    identity_number = fields.Char(required=True, tracking=True, copy=False)
    phone = fields.Char(string="Mobile", tracking=True)
    email = fields.Char()
    user_id = fields.Many2one(
        "res.users",
        string="User Account",
        tracking=True,
        copy=False,
        index="btree_not_null",
        domain=[("share", "=", False)],
        help="Give the account the Volunteer role: the volunteer then sees their own tasks, and nothing else.",
    )
    skills = fields.Text(help="What they can do: driving, carrying, first aid, reading to the elderly…")
    availability = fields.Text(help="When they can help, e.g. weekday evenings or Friday mornings.")
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    active = fields.Boolean(default=True, tracking=True)

    pledge_version_id = fields.Many2one(
        "atta.policy.version", string="Pledge Version Accepted", readonly=True, copy=False, tracking=True
    )
    pledge_date = fields.Datetime(string="Pledge Accepted On", readonly=True, copy=False)
    pledge_date_hijri = fields.Char(compute="_compute_pledge_date_hijri")
    pledge_current = fields.Boolean(
        string="Pledge in Force Accepted",
        compute="_compute_pledge_current",
        search="_search_pledge_current",
        help="The volunteer accepted the version of the confidentiality pledge in force. A new version "
        "must be accepted again before new tasks are given.",
    )

    task_ids = fields.One2many("atta.volunteer.task", "volunteer_id", string="Tasks")
    task_count = fields.Integer(compute="_compute_hours", store=True, string="Tasks Done")
    hours_done = fields.Float(compute="_compute_hours", store=True, aggregator="sum")

    _identity_unique = models.Constraint(
        "UNIQUE(identity_type, identity_number)",
        "A volunteer with this identity number is already registered (perhaps archived). Open that record "
        "instead of creating a new one.",
    )
    _user_unique = models.UniqueIndex(
        "(user_id) WHERE user_id IS NOT NULL", "This user account already belongs to another volunteer."
    )

    @api.depends("pledge_date")
    @api.depends_context("lang", "tz")
    def _compute_pledge_date_hijri(self):
        for volunteer in self:
            volunteer.pledge_date_hijri = hijri_datetime_string(
                volunteer, volunteer.pledge_date, self.env.lang or "en_US"
            )

    @api.depends("pledge_version_id")
    def _compute_pledge_current(self):
        in_force = self._pledge_in_force()
        for volunteer in self:
            volunteer.pledge_current = bool(in_force) and volunteer.pledge_version_id == in_force

    def _search_pledge_current(self, operator, value):
        if operator not in ("=", "!="):
            return NotImplemented
        in_force = Domain("pledge_version_id", "=", self._pledge_in_force().id or False)
        return in_force if (operator == "=") == bool(value) else ~in_force

    @api.depends("task_ids.state", "task_ids.hours")
    def _compute_hours(self):
        for volunteer in self:
            done = volunteer.task_ids.filtered(lambda task: task.state == "done")
            volunteer.task_count = len(done)
            volunteer.hours_done = sum(done.mapped("hours"))

    @api.constrains("identity_type", "identity_number")
    def _check_identity_number(self):
        for volunteer in self:
            problem = identity_number_problem(volunteer.identity_type, volunteer.identity_number or "")
            if problem:
                raise ValidationError(
                    self.env["atta.beneficiary"]._identity_problem_message(problem, volunteer.identity_number)
                )

    @api.model
    def _normalize_vals(self, vals):
        """Digits typed in Arabic or with spaces, and a local mobile, brought to their stored form."""
        vals = dict(with_normalized_identity(vals))
        if vals.get("phone"):
            e164 = phone_to_e164(vals["phone"])
            if not e164:
                raise ValidationError(
                    self.env._(
                        "%(phone)s is not a phone number. Type a Saudi mobile such as 0501234567.",
                        phone=vals["phone"],
                    )
                )
            vals["phone"] = e164
        return vals

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            refuse_step_fields(self, vals, PLEDGE_FIELDS, creating=True)
        return super().create([self._normalize_vals(vals) for vals in vals_list])

    def write(self, vals):
        refuse_step_fields(self, vals, PLEDGE_FIELDS)
        return super().write(self._normalize_vals(vals))

    @api.model
    def _pledge_in_force(self):
        """The version of the confidentiality pledge in force (empty while none is approved)."""
        policy = self.env.ref(PLEDGE_POLICY, raise_if_not_found=False)
        return policy.sudo().current_version_id if policy else self.env["atta.policy.version"]

    def action_accept_pledge(self):
        """The volunteer accepts the confidentiality pledge in force: themselves from their account, or an
        officer recording the pledge they signed on paper. The version and the moment are kept."""
        self.ensure_one()
        is_self = self.user_id and self.user_id == self.env.user
        if not is_self:
            check_roles(self, (OFFICER,), self.env._("record a volunteer's pledge"))
        version = self._pledge_in_force()
        if not version:
            raise UserError(
                self.env._(
                    "The volunteers' confidentiality pledge has no approved version yet. A manager approves its "
                    "text in the policy library first."
                )
            )
        if self.pledge_version_id == version:
            raise UserError(self.env._("%(name)s already accepted the pledge in force.", name=self.name))
        # Superuser mode for the pledge fields only: they are this step's, never typed.
        self.sudo().write({"pledge_version_id": version.id, "pledge_date": fields.Datetime.now()})
        # Superuser mode to post: the volunteer reads their own record but does not write it.
        self.sudo().message_post(
            author_id=self.env.user.partner_id.id,
            body=self.env._(
                "Confidentiality pledge, version %(version)s, accepted on %(hijri)s (%(date)s), recorded by %(user)s.",
                version=version.name,
                hijri=self.pledge_date_hijri,
                date=fields.Datetime.to_string(self.pledge_date),
                user=self.env.user.name,
            ),
        )
        return True

    def _check_may_be_assigned(self):
        """A task goes to an active volunteer who accepted the pledge in force [S5.6]."""
        for volunteer in self:
            if not volunteer.active:
                raise UserError(
                    self.env._("%(name)s is archived: reactivate the volunteer first.", name=volunteer.name)
                )
            if not volunteer.pledge_current:
                raise UserError(
                    self.env._(
                        "%(name)s has not accepted the confidentiality pledge in force (%(version)s). Have them "
                        "accept it before giving them a new task.",
                        name=volunteer.name,
                        version=self._pledge_in_force().name or self.env._("none approved yet"),
                    )
                )

    def action_export_hours(self):
        """The hours of these volunteers as a spreadsheet: one line per task done, then the total per person."""
        check_roles(self, (OFFICER,), self.env._("export volunteers' hours"))
        self.check_access("read")
        attachment = self.env["ir.attachment"].create(
            {
                "name": self.env._("Volunteer hours %(date)s.xlsx", date=fields.Date.context_today(self)),
                "datas": base64.b64encode(self._hours_workbook()),
                "mimetype": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            }
        )
        return {"type": "ir.actions.act_url", "url": f"/web/content/{attachment.id}?download=true", "target": "self"}

    def _hours_workbook(self):
        import xlsxwriter  # noqa: PLC0415 - declared in requirements.txt

        buffer = io.BytesIO()
        workbook = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False})
        bold = workbook.add_format({"bold": True})
        lang = self.env.lang or "en_US"
        kinds = dict(self.env["atta.volunteer.task"]._fields["task_type"]._description_selection(self.env))
        tasks_sheet = workbook.add_worksheet(self.env._("Tasks"))
        write_cells(
            tasks_sheet,
            0,
            [
                self.env._("Volunteer"),
                self.env._("Task"),
                self.env._("Request"),
                self.env._("Date"),
                self.env._("Date (Hijri)"),
                self.env._("Hours"),
            ],
            bold,
        )
        row = 0
        for volunteer in self.sorted("name"):
            for task in volunteer.task_ids.filtered(lambda t: t.state == "done").sorted(
                lambda t: (t.planned_date, t.id)
            ):
                row += 1
                day = fields.Datetime.context_timestamp(task, task.planned_date).date()
                write_cells(
                    tasks_sheet,
                    row,
                    [
                        volunteer.name,
                        kinds.get(task.task_type, ""),
                        task.request_id.name or "",
                        fields.Date.to_string(day),
                        hijri_date_string(day, lang),
                        task.hours,
                    ],
                )
        totals_sheet = workbook.add_worksheet(self.env._("Totals"))
        write_cells(totals_sheet, 0, [self.env._("Volunteer"), self.env._("Tasks Done"), self.env._("Hours")], bold)
        for row, volunteer in enumerate(self.sorted("name"), start=1):
            write_cells(totals_sheet, row, [volunteer.name, volunteer.task_count, volunteer.hours_done])
        workbook.close()
        return buffer.getvalue()
