from odoo import fields, models


class AttaBeneficiary(models.Model):
    """What an imported family was receiving in the association's old files, kept beside its own requests."""

    # Kept apart from the other extensions of the file: the import is its own concern.
    _inherit = "atta.beneficiary"  # pylint: disable=consider-merging-classes-inherited

    imported_support_type_ids = fields.Many2many(
        "atta.support.type",
        "atta_beneficiary_imported_support_type_rel",
        "beneficiary_id",
        "support_type_id",
        string="Support Received Before",
        readonly=True,
        copy=False,
        help="The support types the family was receiving according to the workbook it was imported from.",
    )
