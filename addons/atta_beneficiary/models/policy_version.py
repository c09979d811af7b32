from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools import field_labels, hijri_date_string, refuse_step_fields

# Written only by the steps: approving a version, and the approval of the next one superseding it.
STEP_FIELDS = {"state"}
# What the board approved, as shown at /policies: fixed once the version leaves the draft [S8].
APPROVED_FIELDS = {
    "policy_id",
    "name",
    "body",
    "attachment",
    "attachment_name",
    "board_session_number",
    "approval_date",
    "approval_date_hijri",
}


class AttaPolicyVersion(models.Model):
    """One version of a policy with its board approval, kept exactly as written [S8]."""

    _name = "atta.policy.version"
    _description = "Policy Version"
    _inherit = ["mail.thread"]
    _order = "policy_id, approval_date desc, id desc"

    policy_id = fields.Many2one("atta.policy", required=True, ondelete="cascade", index=True)
    name = fields.Char(string="Version", required=True, tracking=True)
    state = fields.Selection(
        [("draft", "Draft"), ("approved", "In force"), ("superseded", "Superseded")],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
    )
    body = fields.Html(translate=True, sanitize=True)
    attachment = fields.Binary(attachment=True)
    attachment_name = fields.Char()
    board_session_number = fields.Char(string="Board Session No.", tracking=True)
    approval_date = fields.Date(
        string="Approval Date (Gregorian)",
        tracking=True,
        help="As written in the board minutes; never recomputed from the Hijri date.",
    )
    approval_date_hijri = fields.Char(
        string="Approval Date (Hijri)",
        tracking=True,
        help="As written in the board minutes, e.g. 24/3/1445. Official documents may differ by a "
        "day from the computed calendar, so this is kept as entered.",
    )
    acknowledgement_ids = fields.One2many("atta.policy.acknowledgement", "version_id", string="Acknowledgements")
    acknowledgement_count = fields.Integer(compute="_compute_acknowledgement_count")
    clause_ids = fields.One2many(
        "atta.policy.clause",
        "version_id",
        string="Clauses",
        copy=True,
        help="The clauses records point at (a support type's clause, the research checklist); a new version "
        "brings its own.",
    )

    @api.depends("acknowledgement_ids")
    def _compute_acknowledgement_count(self):
        for version in self:
            version.acknowledgement_count = len(version.acknowledgement_ids)

    @api.onchange("approval_date")
    def _onchange_approval_date(self):
        # Suggest the Hijri date only while none has been written.
        if self.approval_date and not self.approval_date_hijri:
            self.approval_date_hijri = hijri_date_string(self.approval_date, "ar")

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            refuse_step_fields(self, vals, STEP_FIELDS, creating=True)
        return super().create(vals_list)

    def write(self, vals):
        refuse_step_fields(self, vals, STEP_FIELDS)
        self._check_text_editable(vals)
        return super().write(vals)

    def _update_field_translations(self, field_name, translations, digest=None, source_lang=""):
        # The translation dialog writes the text in another language without `write`: the same lock.
        self._check_text_editable({field_name: True})
        return super()._update_field_translations(field_name, translations, digest=digest, source_lang=source_lang)

    def _check_text_editable(self, vals):
        """The approved text, its number and its board approval stay as the board approved them [S8]."""
        if self.env.su and self.env.context.get("install_mode"):
            # The module's own data files seed versions approved before this software.
            return
        touched = set(vals) & APPROVED_FIELDS
        locked = self.filtered(lambda v: v.state != "draft") if touched else self.browse()
        if locked:
            raise UserError(
                self.env._(
                    "Version %(version)s of “%(policy)s” is no longer a draft, so %(fields)s cannot be changed: "
                    "it is the text the board approved. Start a new version from it (button “Start a New Version”), "
                    "change it there and record the board's approval.",
                    version=locked[0].name,
                    policy=locked[0].policy_id.name,
                    fields=field_labels(self, touched),
                )
            )

    def action_approve(self):
        """Record the board approval; the version in force before it is superseded."""
        # The state is written in superuser mode below: the caller's own right to change versions first.
        self.check_access("write")
        for version in self:
            if version.state != "draft":
                raise UserError(
                    self.env._(
                        "Version %(version)s was already approved by the board. To record a new approval, start "
                        "a new version from it.",
                        version=version.name,
                    )
                )
            if not (version.board_session_number and version.approval_date and version.approval_date_hijri):
                raise UserError(
                    self.env._(
                        "Write the board session number and the approval date, Hijri and Gregorian, as "
                        "they appear in the minutes before approving this version."
                    )
                )
            previous = version.policy_id.version_ids.filtered(
                lambda v, version=version: v.state == "approved" and v != version
            )
            # Superuser mode for the step's own field, once the version was checked above.
            previous.sudo().write({"state": "superseded"})
            version.sudo().write({"state": "approved"})
            version.policy_id._schedule_next_review(version.approval_date)
            version.policy_id.message_post(
                body=self.env._(
                    "Version %(version)s approved by the board in session %(session)s on %(hijri)s / %(date)s.",
                    version=version.name,
                    session=version.board_session_number,
                    hijri=version.approval_date_hijri,
                    date=version.approval_date,
                )
            )
        return True

    def action_new_version(self):
        """Start the next version from this one: same text and clauses, as a draft to amend."""
        self.ensure_one()
        draft = self.copy(
            {
                "name": self.env._("%(version)s (draft)", version=self.name),
                "board_session_number": False,
                "approval_date": False,
                "approval_date_hijri": False,
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": draft.id,
            "view_mode": "form",
            "target": "current",
        }

    def action_acknowledge(self):
        """The current staff member states they have read this version."""
        acknowledgements = self.env["atta.policy.acknowledgement"]
        for version in self:
            if version.state != "approved":
                raise UserError(self.env._("Only the version in force can be acknowledged."))
            if self.env.user not in version.acknowledgement_ids.user_id:
                acknowledgements.create({"version_id": version.id, "user_id": self.env.user.id})
        return True

    def _check_clauses_editable(self):
        """An approved text stays as the board approved it [S8]: its clauses change only in a new version."""
        if self.env.context.get("install_mode") and self.env.su:
            # The module's own data files seed the clauses of versions approved before this software.
            return
        locked = self.filtered(lambda v: v.state != "draft")
        if locked:
            raise UserError(
                self.env._(
                    "Version %(version)s of “%(policy)s” is no longer a draft, so its clauses cannot be changed. "
                    "Start a new version from it, change the clauses there and record the board's approval.",
                    version=locked[0].name,
                    policy=locked[0].policy_id.name,
                )
            )

    def _atta_files_sealed(self):
        """The board-approved scan of a version out of draft stays as approved [S8]."""
        return self.filtered(lambda version: version.state != "draft")
