"""19.0.1.1.0: finance approvers read only the beneficiaries' bank accounts to trust or paid by a batch.

The rule sits in a noupdate file, which an upgrade leaves as it was (every beneficiary's account readable):
it is created again from the file.
"""

from odoo.addons.atta_beneficiary.tools.migration import reload_noupdate_record


def migrate(cr, version):
    if not version:
        return
    reload_noupdate_record(cr, "atta_distribution", "res_partner_bank_rule_finance_approver", "ir.rule")
