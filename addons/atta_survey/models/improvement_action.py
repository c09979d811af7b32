from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.atta_beneficiary.tools import check_roles, hijri_date_string, number_new_records, refuse_step_fields
from odoo.addons.atta_beneficiary.tools.roles import MANAGER

# Where an action comes from and whose it is: set when it is raised, changed only by a manager.
PROVENANCE_FIELDS = {"name", "source", "user_input_id", "interaction_id", "beneficiary_id", "owner_id", "company_id"}


class AttaImprovementAction(models.Model):
    """Something to improve, learnt from a beneficiary's answer, complaint or suggestion [S4.5]."""

    _name = "atta.improvement.action"
    _description = "Improvement Action"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_deadline, id desc"

    name = fields.Char(string="Number", readonly=True, copy=False, default="/")
    title = fields.Char(required=True, tracking=True)
    source = fields.Selection(
        [
            ("survey", "Survey answer"),
            ("complaint", "Complaint"),
            ("suggestion", "Suggestion"),
            ("staff", "Staff observation"),
        ],
        required=True,
        default="survey",
        tracking=True,
    )
    user_input_id = fields.Many2one("survey.user_input", string="Source Answer", ondelete="set null", index=True)
    interaction_id = fields.Many2one("atta.interaction", string="Source Contact", ondelete="set null", index=True)
    beneficiary_id = fields.Many2one("atta.beneficiary", ondelete="set null", index=True)
    category = fields.Selection(
        [
            ("information", "Clarity of information"),
            ("courtesy", "Respect and courtesy"),
            ("speed", "Speed of service"),
            ("procedure", "Procedure"),
            ("channel", "Contact channel"),
            ("other", "Other"),
        ],
        required=True,
        default="other",
        tracking=True,
    )
    description = fields.Text()
    owner_id = fields.Many2one(
        "res.users", required=True, tracking=True, domain=[("share", "=", False)], default=lambda self: self.env.user
    )
    date_deadline = fields.Date(string="Due Date", tracking=True)
    date_deadline_hijri = fields.Char(compute="_compute_date_deadline_hijri")
    state = fields.Selection(
        [("new", "New"), ("in_progress", "In progress"), ("done", "Done"), ("cancelled", "Cancelled")],
        default="new",
        required=True,
        tracking=True,
    )
    follow_up_beneficiary = fields.Boolean(help="The beneficiary is told what was done about their complaint.")
    outcome = fields.Text(tracking=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)

    @api.depends("date_deadline")
    @api.depends_context("lang")
    def _compute_date_deadline_hijri(self):
        for action in self:
            action.date_deadline_hijri = hijri_date_string(action.date_deadline, self.env.lang or "en_US")

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("source") == "complaint":
                vals.setdefault("follow_up_beneficiary", True)
            refuse_step_fields(self, vals, {"state"}, creating=True)
        number_new_records(self, vals_list, "atta.improvement.action")
        actions = super().create(vals_list)
        for action in actions:
            action._notify_owner()
        return actions

    def write(self, vals):
        if not self.env.su:
            refuse_step_fields(self, vals, {"state"})
            if set(vals) & PROVENANCE_FIELDS:
                check_roles(
                    self, (MANAGER,), self.env._("change where an improvement action comes from or who owns it")
                )
        return super().write(vals)

    def _notify_owner(self):
        # An officer may raise an action they cannot edit; the owner's to-do is created anyway.
        self.sudo().activity_schedule(
            "mail.mail_activity_data_todo",
            user_id=self.owner_id.id,
            date_deadline=self.date_deadline,
            summary=self.env._("Improvement: %(title)s", title=self.title),
        )

    def _step_write(self, vals):
        """The state of an action moves only through its buttons, by whom may edit the action."""
        self.check_access("write")
        return self.sudo().write(vals)

    def action_start(self):
        self._step_write({"state": "in_progress"})
        return True

    def action_done(self):
        for action in self:
            if not (action.outcome or "").strip():
                raise UserError(
                    self.env._(
                        "Write the outcome of “%(title)s” before closing it: what changed, and what the "
                        "beneficiary was told.",
                        title=action.title,
                    )
                )
        self._step_write({"state": "done"})
        self.activity_feedback(["mail.mail_activity_data_todo"])
        return True

    def action_cancel(self):
        """A complaint's action is dropped only by a manager: the owner closes it with its outcome."""
        check_roles(self, (MANAGER,), self.env._("cancel an improvement action"))
        self._step_write({"state": "cancelled"})
        self.activity_unlink(["mail.mail_activity_data_todo"])
        return True
