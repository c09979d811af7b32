"""19.0.1.2.0: committee members read the decision letters of the requests before their committee only.

The rule sits in a noupdate file, which an upgrade leaves as it was (every outgoing letter of a household
with a request before the committee, other committees' grounds included). It is removed here, before the
data loads, so that the upgrade creates it again from the file.
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
                 WHERE module = 'atta_research' AND name = 'letter_rule_committee' AND model = 'ir.rule'
             RETURNING res_id
            )
            DELETE FROM ir_rule WHERE id IN (SELECT res_id FROM gone)
            """
        )
    )
