"""19.0.1.1.0: finance approvers read only the beneficiaries' bank accounts to trust or paid by a batch.

The rule sits in a noupdate file, which an upgrade leaves as it was (every beneficiary's account readable).
It is removed here, before the data loads, so that the upgrade creates it again from the file.
"""

from odoo.tools import SQL


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        SQL(
            """
            WITH gone AS (
                DELETE FROM ir_model_data
                 WHERE module = 'atta_distribution' AND name = 'res_partner_bank_rule_finance_approver'
                       AND model = 'ir.rule'
             RETURNING res_id
            )
            DELETE FROM ir_rule WHERE id IN (SELECT res_id FROM gone)
            """
        )
    )
