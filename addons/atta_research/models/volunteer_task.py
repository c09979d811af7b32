from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_datetime

from odoo.addons.atta_beneficiary.tools import (
    check_parent_change,
    check_roles,
    hijri_datetime_string,
    refuse_step_fields,
)
from odoo.addons.atta_beneficiary.tools.roles import OFFICER

# What the volunteer writes on their own task: how long it took, what they did, what the family said.
VOLUNTEER_FIELDS = {"hours", "report", "contact_note"}
# Written only by the steps of the task (done, cancel).
STEP_FIELDS = {"state", "interaction_id"}
# One task is one outing: its hours are those of one day at most.
MAX_TASK_HOURS = 24


class AttaVolunteerTask(models.Model):
    """A volunteer helping with one research visit or one delivery [S5.6]: when, where, what to bring,
    the hours it took, and any contact with the family it brought."""

    _name = "atta.volunteer.task"
    _description = "Volunteer Task"
    _inherit = ["mail.thread"]
    _order = "planned_date desc, id desc"

    volunteer_id = fields.Many2one("atta.volunteer", required=True, ondelete="restrict", index=True, tracking=True)
    visit_id = fields.Many2one(
        "atta.research.visit",
        string="Research Visit",
        ondelete="cascade",
        index="btree_not_null",
        domain=[("state", "=", "planned")],
    )
    delivery_id = fields.Many2one(
        "atta.support.delivery", ondelete="cascade", index="btree_not_null", domain=[("state", "=", "draft")]
    )
    task_type = fields.Selection(
        [("visit", "Research visit"), ("delivery", "Delivery")], compute="_compute_task", store=True
    )
    request_id = fields.Many2one("atta.support.request", compute="_compute_task", store=True, index=True)
    planned_date = fields.Datetime(required=True, tracking=True)
    planned_date_hijri = fields.Char(compute="_compute_planned_date_hijri")
    address = fields.Char(
        string="Where", compute="_compute_address", compute_sudo=True, help="The area and address of the family."
    )
    instructions = fields.Text(string="What to Bring and Do")
    hours = fields.Float(string="Hours Done", tracking=True)
    report = fields.Text(string="Volunteer's Report", help="What was done.")
    contact_note = fields.Text(
        string="What the Family Asked",
        help="Anything the family asked or told the volunteer. When the task is done it is logged as a contact "
        "on the volunteer-service channel for the relations officer to answer.",
    )
    interaction_id = fields.Many2one("atta.interaction", string="Contact Logged", readonly=True, groups=OFFICER)
    state = fields.Selection(
        [("planned", "Planned"), ("done", "Done"), ("cancelled", "Cancelled")],
        default="planned",
        required=True,
        tracking=True,
    )
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)

    _one_subject = models.Constraint(
        "CHECK((visit_id IS NULL) != (delivery_id IS NULL))",
        "A volunteer task helps with one research visit or one delivery: choose one of them.",
    )
    _hours_positive = models.Constraint("CHECK(hours >= 0)", "The hours done cannot be negative.")

    @api.depends("task_type", "planned_date", "planned_date_hijri")
    def _compute_display_name(self):
        labels = dict(self._fields["task_type"]._description_selection(self.env))
        for task in self:
            task.display_name = self.env._(
                "%(task)s, %(date)s (%(hijri)s)",
                task=labels.get(task.task_type) or self.env._("Volunteer task"),
                date=format_datetime(self.env, task.planned_date, dt_format="short"),
                hijri=task.planned_date_hijri,
            )

    @api.depends("visit_id.request_id", "delivery_id.request_id")
    def _compute_task(self):
        for task in self:
            task.task_type = "visit" if task.visit_id else "delivery" if task.delivery_id else False
            task.request_id = task.visit_id.request_id or task.delivery_id.request_id

    @api.depends("planned_date")
    @api.depends_context("lang", "tz")
    def _compute_planned_date_hijri(self):
        for task in self:
            task.planned_date_hijri = hijri_datetime_string(task, task.planned_date, self.env.lang or "en_US")

    @api.depends("request_id", "state")
    def _compute_address(self):
        # Superuser mode (compute_sudo): the volunteer reads where to go, never the file it comes from; and only
        # while there is somewhere to go.
        for task in self:
            if task.state != "planned":
                task.address = False
                continue
            partner = task.request_id.beneficiary_id.partner_id
            task.address = ", ".join(
                part for part in (partner.street, partner.street2, partner.city, partner.state_id.name) if part
            )

    @api.constrains("hours")
    def _check_hours(self):
        for task in self:
            if task.hours > MAX_TASK_HOURS:
                raise ValidationError(
                    self.env._(
                        "%(hours)s hours is more than one day. Write the hours this task took, at most %(max)s; "
                        "help given over several days is recorded as one task per day.",
                        hours=f"{task.hours:g}",
                        max=MAX_TASK_HOURS,
                    )
                )

    def onchange(self, values, field_names, fields_spec):
        # The form computes the address and request of whatever visit, delivery or volunteer it is sent, in
        # superuser mode: a volunteer's form only ever sends what they may write, so anything else is refused.
        if not self.env.su and not self.env.user.has_group(OFFICER) and set(values) - VOLUNTEER_FIELDS - {"id"}:
            raise AccessError(
                self.env._(
                    "You may record the hours, your report and what the family asked; the rest of the task "
                    "is set by the relations officer."
                )
            )
        return super().onchange(values, field_names, fields_spec)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            refuse_step_fields(self, vals, STEP_FIELDS, creating=True)
        tasks = super().create(vals_list)
        if not self.env.su:
            tasks._check_assignable()
        return tasks

    def write(self, vals):
        if not self.env.su:
            refuse_step_fields(self, vals, STEP_FIELDS)
            check_parent_change(self, vals, "visit_id", lambda t: False)
            check_parent_change(self, vals, "delivery_id", lambda t: False)
            if not self.env.user.has_group(OFFICER) and set(vals) - VOLUNTEER_FIELDS:
                raise AccessError(
                    self.env._(
                        "You may record the hours, your report and what the family asked; the rest of the task "
                        "is set by the relations officer."
                    )
                )
            if any(task.state != "planned" for task in self):
                raise UserError(
                    self.env._("A task done or cancelled is kept as it was recorded. Ask the relations officer.")
                )
        result = super().write(vals)
        if not self.env.su and "volunteer_id" in vals:
            self._check_assignable()
        return result

    def _check_assignable(self):
        """A task goes to a volunteer bound by the pledge in force, on a visit or delivery still to come."""
        self.volunteer_id._check_may_be_assigned()
        for task in self:
            if task.visit_id and task.visit_id.state != "planned":
                raise UserError(
                    self.env._("The research visit of %(number)s is no longer planned.", number=task.request_id.name)
                )
            if task.delivery_id and task.delivery_id.state != "draft":
                raise UserError(
                    self.env._("The delivery of %(number)s was already handed over.", number=task.request_id.name)
                )

    def _check_own_or_officer(self, step):
        for task in self:
            if task.volunteer_id.user_id != self.env.user:
                check_roles(task, (OFFICER,), step)

    def action_done(self):
        """The volunteer (or the officer for them) closes the task with the hours it took."""
        self._check_own_or_officer(self.env._("close another volunteer's task"))
        for task in self:
            if task.state != "planned":
                raise UserError(self.env._("Only a planned task can be marked as done."))
            if task.hours <= 0:
                raise UserError(self.env._("Write the hours the task took before marking it as done."))
        # Superuser mode for the state and the contact: the checks above are the step's.
        self.sudo().write({"state": "done"})
        self.filtered(lambda t: (t.contact_note or "").strip())._log_contact()
        return True

    def action_cancel(self):
        check_roles(self, (OFFICER,), self.env._("cancel a volunteer task"))
        if any(task.state != "planned" for task in self):
            raise UserError(self.env._("Only a planned task can be cancelled."))
        self.sudo().write({"state": "cancelled"})
        return True

    def _log_contact(self):
        """What the family told the volunteer is a contact on the volunteer-service channel [S5.6]."""
        channel = self.env.ref("atta_beneficiary.channel_volunteer")
        for task in self.sudo():
            # Superuser mode: the contact belongs to the family's file, which the volunteer does not read.
            interaction = (
                self.env["atta.interaction"]
                .sudo()
                .create(
                    {
                        "name": self.env._(
                            "Through volunteer %(volunteer)s (%(number)s)",
                            volunteer=task.volunteer_id.name,
                            number=task.request_id.name,
                        ),
                        "beneficiary_id": task.request_id.beneficiary_id.id,
                        "channel_id": channel.id,
                        "direction": "incoming",
                        "description": task.contact_note,
                        "user_id": task.create_uid.id,
                        "company_id": task.company_id.id,
                    }
                )
            )
            task.interaction_id = interaction
