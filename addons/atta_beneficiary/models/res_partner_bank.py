from odoo import api, fields, models


class ResPartnerBank(models.Model):
    """A beneficiary's bank account is part of their file's personal data [PDPL].

    Reading it (the IBAN and the holder's name), copying it, exporting it or looking a person up by an IBAN leaves a
    row in the audit trail like reading the file; the accounts of other contacts (suppliers, staff) are untouched.
    """

    _name = "res.partner.bank"
    _inherit = ["res.partner.bank", "atta.audit.core"]
    _atta_audit_search_fields = ("acc_number", "sanitized_acc_number", "acc_holder_name")

    # Households sharing an IBAN are found through this index, not by reading every account.
    sanitized_acc_number = fields.Char(index=True)

    # ------------------------------------------------------------------ reads of a beneficiary's account
    def _atta_audit_kept(self):
        """The accounts of beneficiaries among these: the only ones the trail is about."""
        # Superuser mode to find the holders' files only (called by the trail, which shows none of it).
        banks = self.browse([id_ for id_ in self._ids if isinstance(id_, int)]).sudo()
        files = (
            self.env["atta.beneficiary"]
            .sudo()
            .with_context(active_test=False)
            .search([("partner_id", "in", banks.partner_id.ids)])
        )
        return banks.filtered(lambda bank: bank.partner_id in files.partner_id).with_env(self.env)

    def _atta_audit_reference(self):
        """The holder's file number, never the person's name (called in superuser mode by the trail)."""
        files = self.partner_id.with_context(active_test=False).atta_beneficiary_ids
        return ", ".join(filter(None, files.mapped("reference")))

    def _atta_audit_read_details(self):
        return self.env._("Bank account read"), self.env._("Bank account copied (values read)")

    def _atta_audit_group_field(self, name):
        # Grouping accounts by number, holder or owner lists the IBANs and the people.
        return name in ("acc_number", "sanitized_acc_number", "acc_holder_name", "partner_id")

    @api.model
    def name_search(self, name="", domain=None, operator="ilike", limit=100):
        # A look-up by IBAN answers with IBANs: it names the beneficiaries' accounts it returned.
        return self._atta_audit(
            lambda: super(ResPartnerBank, self).name_search(name, domain=domain, operator=operator, limit=limit),
            touched=lambda pairs: [pair[0] for pair in pairs],
            detail=self.env._("Bank account looked up"),
        )

    name_search._readonly = False

    # The public reads write their audit row: marked for a read/write cursor (not a read-only replica).
    def read(self, fields=None, load="_classic_read"):  # pylint: disable=redefined-outer-name
        return super().read(fields, load=load)

    read._readonly = False

    @api.model
    def search_read(self, domain=None, fields=None, offset=0, limit=None, order=None, **read_kwargs):  # pylint: disable=redefined-outer-name
        return super().search_read(domain, fields, offset=offset, limit=limit, order=order, **read_kwargs)

    search_read._readonly = False

    def web_read(self, specification):
        return super().web_read(specification)

    web_read._readonly = False

    @api.model
    def web_search_read(self, domain, specification, offset=0, limit=None, order=None, count_limit=None):
        return super().web_search_read(
            domain, specification, offset=offset, limit=limit, order=order, count_limit=count_limit
        )

    web_search_read._readonly = False

    @api.model
    def web_name_search(self, name, specification, domain=None, operator="ilike", limit=100):
        return super().web_name_search(name, specification, domain=domain, operator=operator, limit=limit)

    web_name_search._readonly = False
