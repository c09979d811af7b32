from odoo import fields, models


class AttaDocumentType(models.Model):
    _name = "atta.document.type"
    _description = "Document Type"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True, help="What the officer checks on this document.")
    required_for_registration = fields.Boolean(
        help="A beneficiary file cannot be registered until a verified, unexpired document of this type is on it."
    )
    has_expiry = fields.Boolean(help="Documents of this type carry an expiry date.")
    validity_months = fields.Integer(
        help="When set, a document is considered expired this many months after its issue date "
        "(for example an income certificate is valid for 3 months)."
    )
    active = fields.Boolean(default=True)

    _code_unique = models.Constraint("UNIQUE(code)", "Another document type already uses this code.")
