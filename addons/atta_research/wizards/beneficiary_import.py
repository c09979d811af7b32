from odoo import api, models
from odoo.fields import Command
from odoo.tools import SQL

from odoo.addons.atta_beneficiary.tools.import_sheet import folded, split_names

SUPPORT_TYPES_COLUMN = (
    "support_types",
    "أنواع الدعم السابقة",
    "Support Received",
    "أسماء أنواع الدعم التي كانت الأسرة تتلقاها، مفصولة بفاصلة",
    "Support types the family was receiving, separated by commas",
)


class AttaBeneficiaryImport(models.TransientModel):
    """The import reads the support types each family was receiving in the association's old files [S7.2].

    Kept on the imported file as its history: the desk sees what the family received before Atta; no
    request is opened from it.
    """

    _inherit = "atta.beneficiary.import"

    @api.model
    def _import_extra_columns(self):
        return [*super()._import_extra_columns(), (SUPPORT_TYPES_COLUMN, self._check_support_types)]

    @api.model
    def _lookups(self):
        """Support types by their name in every language they were given, and by their code."""
        lookups = super()._lookups()
        self.env["atta.support.type"].check_access("read")
        # The stored translations at once (name is a JSON of language: text), whichever languages are active.
        self.env.cr.execute(SQL("SELECT id, code, name FROM atta_support_type WHERE active"))
        support_types = {}
        for support_type_id, code, names in self.env.cr.fetchall():
            for name in (names or {}).values():
                support_types[folded(name)] = support_type_id
            support_types[folded(code)] = support_type_id
        lookups["support_types"] = support_types
        return lookups

    def _check_support_types(self, text, lookups, problems):
        ids = []
        for name in split_names(text or ""):
            support_type = lookups["support_types"].get(folded(name))
            if support_type:
                ids.append(support_type)
            else:
                problems.append(
                    self.env._(
                        "The support type “%(name)s” does not exist: use the names under Social Research → "
                        "Configuration → Support Types.",
                        name=name,
                    )
                )
        return ids

    @api.model
    def _import_extra_changes(self, beneficiary, values):
        changes = super()._import_extra_changes(beneficiary, values)
        missing = set(values.get("support_types") or []) - set(beneficiary.imported_support_type_ids.ids)
        if missing:
            changes["imported_support_type_ids"] = [Command.link(support_type) for support_type in sorted(missing)]
        return changes
