from odoo import fields, models

LINE_STATUSES = [
    ("to_create", "Will be created"),
    ("to_update", "Will be updated"),
    ("unchanged", "Already on file, nothing to change"),
    ("refused", "Refused"),
    ("created", "Created"),
    ("updated", "Updated"),
]


class AttaBeneficiaryImportLine(models.TransientModel):
    """One row of the imported workbook: what it holds once read, and what the check said of it."""

    _name = "atta.beneficiary.import.line"
    _description = "Row of an Imported Beneficiary Workbook"
    _order = "sheet, row"
    _transient_max_hours = 24 * 7

    import_id = fields.Many2one("atta.beneficiary.import", required=True, ondelete="cascade", index=True)
    sheet = fields.Selection([("family", "Families"), ("member", "Members")], required=True)
    row = fields.Integer(required=True)
    identity_number = fields.Char()
    head_identity_number = fields.Char(string="Head's Identity Number")
    name = fields.Char()
    mobile = fields.Char(help="In E.164, compared with the other rows and the registry.")
    iban = fields.Char(string="IBAN")
    household_size = fields.Integer()
    status = fields.Selection(LINE_STATUSES, required=True, default="to_create", index=True)
    reason = fields.Text(help="Why the row is refused, in the language of the person who ran the check.")
    note = fields.Text(help="What the row shares with other rows or files: imported, and shown to managers.")
    raw = fields.Json(help="The cells as written in the sheet, for the report.")
    values = fields.Json(help="The values as they will be stored.")
    beneficiary_id = fields.Many2one("atta.beneficiary", string="File", ondelete="set null")

    # The check joins members to their family within one job: each lookup stays one index probe however long
    # the sheet (an index on the number alone made each probe read every row of the job: quadratic).
    _job_identity_idx = models.Index("(import_id, sheet, identity_number)")
    _job_head_idx = models.Index("(import_id, sheet, head_identity_number)")
    # The import takes the next families to save in sheet order without reading the ones already saved.
    _job_pending_idx = models.Index("(import_id, sheet, row) WHERE status IN ('to_create', 'to_update')")
