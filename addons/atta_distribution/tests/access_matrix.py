"""Who may do what on the models of atta_distribution: the access matrix the tests prove and the README shows.

One string per model: eight cells in the order of ROLES, each four letters for read, write, create and
unlink ("-" where the role may not). Record rules and the steps narrow these rights further: the
record-rule cases are in test_access_matrix.py, the steps in test_attacks.py.
"""

from odoo.addons.atta_beneficiary.tests import access_matrix as beneficiary

# The registry's roles, with the finance approver in the volunteer's column: volunteers have no part here.
ROLES = tuple("finance" if role == "volunteer" else role for role in beneficiary.ROLES)
OPERATIONS = beneficiary.OPERATIONS

MATRIX = {
    "atta.distribution.line": "---- ---- ---- rw-- ---- ---- r--- rw--",
    "atta.distribution.report": "---- ---- ---- ---- ---- ---- ---- r---",
    "atta.distribution.round": "---- ---- ---- rwc- ---- ---- r--- rwcu",
    "atta.enrolment": "---- ---- ---- rw-- r--- r--- ---- rw-u",
    "atta.fund": "---- ---- ---- r--- ---- r--- r--- rwcu",
    "atta.payment.batch": "---- ---- ---- r--- ---- ---- rw-- rw--",
    "atta.programme": "---- ---- ---- r--- ---- r--- r--- rwcu",
    "atta.programme.kit.line": "---- ---- ---- r--- ---- r--- r--- rwcu",
}
