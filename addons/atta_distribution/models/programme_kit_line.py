from odoo import fields, models


class AttaProgrammeKitLine(models.Model):
    """One product of an in-kind programme's kit, per family or per household member."""

    _name = "atta.programme.kit.line"
    _description = "Programme Kit Line"
    _rec_name = "product_id"
    _order = "programme_id, sequence, id"

    programme_id = fields.Many2one("atta.programme", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    product_id = fields.Many2one("product.product", required=True, domain=[("is_storable", "=", True)])
    quantity = fields.Float(required=True, default=1.0, digits="Product Unit")
    per_member = fields.Boolean(
        string="Per Household Member", help="The quantity is multiplied by the household size of the family."
    )

    _quantity_positive = models.Constraint("CHECK(quantity > 0)", "A kit holds a positive quantity of each product.")
