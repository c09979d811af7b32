"""19.0.1.2.0: committee members read the decision letters of the requests before their committee only.

The rule sits in a noupdate file, which an upgrade leaves as it was (every outgoing letter of a household
with a request before the committee, other committees' grounds included): it is created again from the file.
"""

from odoo.addons.atta_beneficiary.tools.migration import reload_noupdate_record


def migrate(cr, version):
    if not version:
        return
    reload_noupdate_record(cr, "atta_research", "letter_rule_committee", "ir.rule")
