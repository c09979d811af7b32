from odoo import api, fields, models
from odoo.exceptions import UserError

# What a person read and accepted: once anyone accepted the text, a change of these is a new version.
ACCEPTED_FIELDS = frozenset({"name", "kind", "version", "body"})
# When an accepted text was in force: changed only by the step that puts a new version in force.
IN_FORCE_FIELDS = frozenset({"is_current", "date_start"})


class AttaConsentText(models.Model):
    """A versioned declaration or consent wording that applicants accept [S7.4].

    Once a person accepted a version, its wording and number stay as they were accepted, in every language: a
    change is a new version (the New Version button), put in force when it is ready.
    """

    _name = "atta.consent.text"
    _description = "Declaration or Consent Text"
    _inherit = ["mail.thread"]
    _order = "kind, version desc"

    name = fields.Char(required=True, translate=True, tracking=True)
    kind = fields.Selection(
        [("declaration", "Applicant declaration"), ("consent", "Consent to data processing")],
        required=True,
        tracking=True,
    )
    version = fields.Integer(required=True, default=1, tracking=True)
    body = fields.Html(required=True, translate=True, sanitize=True)
    is_current = fields.Boolean(
        string="In Force",
        tracking=True,
        help="The version applicants accept from now on. Only one version of each kind is in force.",
    )
    date_start = fields.Date(string="In Force Since", tracking=True)
    acceptance_count = fields.Integer(compute="_compute_acceptance_count")

    _kind_version_unique = models.Constraint(
        "UNIQUE(kind, version)", "This version number already exists for this kind of text."
    )

    def _compute_acceptance_count(self):
        counts = dict(
            self.env["atta.beneficiary.consent"]._read_group([("text_id", "in", self.ids)], ["text_id"], ["__count"])
        )
        for text in self:
            text.acceptance_count = counts.get(text, 0)

    def _atta_accepted(self):
        """The texts among these that someone accepted."""
        # Superuser mode to count the signatures only: whoever edits a text must not change what was signed.
        accepted = self.env["atta.beneficiary.consent"].sudo().with_context(active_test=False)
        return self.browse(accepted.search([("text_id", "in", self.ids)]).text_id.ids)

    def _atta_check_not_accepted(self, names):
        if self.env.su or not (ACCEPTED_FIELDS | IN_FORCE_FIELDS) & set(names):
            return
        accepted = self._atta_accepted()
        if accepted and ACCEPTED_FIELDS & set(names):
            raise UserError(
                self.env._(
                    "“%(text)s” (version %(version)s) has been accepted by applicants and stays as they read it. "
                    "To change the wording, create a new version with the New Version button and put it in force.",
                    text=accepted[0].name,
                    version=accepted[0].version,
                )
            )
        if accepted:
            raise UserError(
                self.env._(
                    "“%(text)s” (version %(version)s) has been accepted by applicants: the date it came into force and "
                    "whether it is in force change only when a new version is put in force (the Put in Force button "
                    "of the new version).",
                    text=accepted[0].name,
                    version=accepted[0].version,
                )
            )

    def write(self, vals):
        self._atta_check_not_accepted(vals)
        return super().write(vals)

    def _update_field_translations(self, field_name, translations, digest=None, source_lang=""):
        # The Arabic wording is as much what was accepted as the English one.
        self._atta_check_not_accepted([field_name])
        return super()._update_field_translations(field_name, translations, digest=digest, source_lang=source_lang)

    @api.model
    def _current(self, kind):
        return self.search([("kind", "=", kind), ("is_current", "=", True)], limit=1)

    def action_set_current(self):
        """Put this version in force; the previous one stops being offered.

        A version people accepted was in force before: it is not put back in force (its date would move under the
        acceptances); its wording comes back as a new version.
        """
        self.check_access("write")
        for text in self:
            if text.is_current:
                continue
            accepted = text._atta_accepted()
            if accepted:
                raise UserError(
                    self.env._(
                        "“%(text)s” (version %(version)s) was accepted by applicants when it was in force and is not "
                        "put back in force. To use its wording again, create a new version from it.",
                        text=accepted.name,
                        version=accepted.version,
                    )
                )
            others = self.search([("kind", "=", text.kind), ("is_current", "=", True), ("id", "!=", text.id)])
            # Superuser mode for the step's own fields, once the right to edit texts was checked: the previous
            # version, accepted by applicants, only leaves force.
            others.sudo().is_current = False
            text.sudo().write({"is_current": True, "date_start": fields.Date.context_today(text)})
        return True

    def action_new_version(self):
        """A copy of this text under the next version number, not in force, to be edited and then put in force."""
        self.ensure_one()
        latest = self.search([("kind", "=", self.kind)], order="version desc", limit=1)
        draft = self.copy({"version": latest.version + 1, "is_current": False, "date_start": False})
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": draft.id,
            "view_mode": "form",
            "target": "current",
        }
