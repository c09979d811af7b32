from odoo import api, fields, models

from ..tools import hijri_datetime_string


class AttaBeneficiary(models.Model):
    """Where a file came from when it was brought from the association's old workbooks [S7.2]."""

    # Kept apart from the other extensions of the file: the import is its own concern.
    _inherit = "atta.beneficiary"  # pylint: disable=consider-merging-classes-inherited

    import_file_name = fields.Char(string="Imported From", readonly=True, copy=False)
    imported_on = fields.Datetime(readonly=True, copy=False)
    import_summary = fields.Char(compute="_compute_import_summary", string="Import")
    imported_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    consent_to_collect = fields.Boolean(
        string="Consent to Be Collected",
        compute="_compute_consent_to_collect",
        store=True,
        readonly=True,
        help="Imported from a workbook: the person has not yet signed the declaration and consent at the desk.",
    )

    @api.depends("import_file_name", "imported_on", "imported_by_id")
    @api.depends_context("lang", "tz")
    def _compute_import_summary(self):
        for beneficiary in self:
            when = beneficiary.imported_on
            beneficiary.import_summary = (
                self.env._(
                    "Imported from %(file)s on %(date)s (%(hijri)s) by %(user)s.",
                    file=beneficiary.import_file_name or "",
                    date=fields.Datetime.context_timestamp(beneficiary, when).date().strftime("%d/%m/%Y"),
                    hijri=hijri_datetime_string(beneficiary, when, self.env.lang),
                    user=beneficiary.imported_by_id.name or "",
                )
                if when
                else False
            )

    @api.depends("imported_on", "consent_ids.text_id", "consent_ids.withdrawn")
    def _compute_consent_to_collect(self):
        for beneficiary in self:
            beneficiary.consent_to_collect = bool(beneficiary.imported_on) and not (
                beneficiary.declaration_signed and beneficiary.consent_given
            )
