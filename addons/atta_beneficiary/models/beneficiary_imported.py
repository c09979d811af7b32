from odoo import api, fields, models

from ..tools import hijri_datetime_string


class AttaBeneficiary(models.Model):  # pylint: disable=consider-merging-classes-inherited
    """Where a file came from when it was brought from the association's old workbooks [S7.2]."""

    _inherit = "atta.beneficiary"

    import_file_name = fields.Char(string="Imported From", readonly=True, copy=False)
    imported_on = fields.Datetime(readonly=True, copy=False)
    imported_on_hijri = fields.Char(compute="_compute_imported_on_hijri")
    imported_by_id = fields.Many2one("res.users", string="Imported By", readonly=True, copy=False)
    consent_to_collect = fields.Boolean(
        string="Consent to Be Collected",
        compute="_compute_consent_to_collect",
        store=True,
        readonly=True,
        help="Imported from a workbook: the person has not yet signed the declaration and consent at the desk.",
    )

    @api.depends("imported_on")
    @api.depends_context("lang")
    def _compute_imported_on_hijri(self):
        for beneficiary in self:
            beneficiary.imported_on_hijri = hijri_datetime_string(beneficiary, beneficiary.imported_on, self.env.lang)

    @api.depends("imported_on", "consent_ids.text_id", "consent_ids.withdrawn")
    def _compute_consent_to_collect(self):
        for beneficiary in self:
            beneficiary.consent_to_collect = bool(beneficiary.imported_on) and not (
                beneficiary.declaration_signed and beneficiary.consent_given
            )
