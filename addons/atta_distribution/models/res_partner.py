from odoo import models


class ResPartner(models.Model):
    _inherit = "res.partner"

    def write(self, vals):
        # Odoo renames the holder of the contact's bank accounts with the contact: an account already paid keeps
        # the holder it was paid to (res.partner.bank reads this mark).
        partners = self.with_context(atta_contact_renamed=True) if vals.get("name") else self
        return super(ResPartner, partners).write(vals)
