from odoo import api, fields, models
from odoo.exceptions import UserError

# What a person may ask to correct directly; other data is corrected by the officer on the file.
CORRECTABLE_FIELDS = (
    "name",
    "phone",
    "email",
    "street",
    "street2",
    "city",
    "zip",
    "birth_date",
    "gender",
    "marital_status",
    "housing_type",
    "housing_tenure",
    "housing_condition",
)


class AttaDataRequestChange(models.Model):
    """One correction a person asked for: the field, the value now, the value they say is right."""

    _name = "atta.data.request.change"
    _description = "Proposed Correction"
    _rec_name = "field_id"

    request_id = fields.Many2one("atta.data.request", required=True, ondelete="cascade", index=True)
    field_id = fields.Many2one(
        "ir.model.fields",
        required=True,
        ondelete="cascade",
        domain=[("model", "=", "atta.beneficiary"), ("name", "in", CORRECTABLE_FIELDS)],
    )
    current_value = fields.Char(compute="_compute_current_value")
    proposed_value = fields.Char(required=True)
    applied = fields.Boolean(readonly=True, copy=False)

    @api.depends("field_id", "request_id.beneficiary_id")
    def _compute_current_value(self):
        for change in self:
            beneficiary = change.request_id.beneficiary_id
            if not (beneficiary and change.field_id):
                change.current_value = False
                continue
            field = beneficiary._fields[change.field_id.name]
            value = beneficiary[change.field_id.name]
            if field.type == "selection":
                value = dict(field._description_selection(self.env)).get(value, value)
            change.current_value = str(value) if value else ""

    def _apply(self):
        """Write through the beneficiary's own checks (identity, phone, dates); a bad value changes nothing."""
        self.ensure_one()
        if self.field_id.name not in CORRECTABLE_FIELDS:
            raise UserError(
                self.env._("%(field)s cannot be corrected from a data request.", field=self.field_id.field_description)
            )
        beneficiary = self.request_id.beneficiary_id
        field = beneficiary._fields[self.field_id.name]
        value = self.proposed_value.strip()
        if field.type == "selection":
            labels = {label: key for key, label in field._description_selection(self.env)}
            if value not in labels and value not in dict(field._description_selection(self.env)):
                raise UserError(
                    self.env._(
                        "%(value)s is not one of the choices for %(field)s.",
                        value=value,
                        field=self.field_id.field_description,
                    )
                )
            value = labels.get(value, value)
        elif field.type == "date":
            value = fields.Date.to_date(value)
        beneficiary.write({field.name: value})
        self.applied = True
