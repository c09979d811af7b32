"""Who may do what on the models of atta_distribution: the access matrix the tests prove and the README shows.

One string per model: eight cells in the order of ROLES, each four letters for read, write, create and
unlink ("-" where the role may not). Record rules and the steps narrow these rights further: the
record-rule cases are in test_access_matrix.py, the steps in test_attacks.py.
"""

ROLES = ("public", "portal", "internal", "officer", "researcher", "committee", "finance", "manager")
ROLE_TITLES = {
    "public": "Public (website visitor)",
    "portal": "Portal beneficiary",
    "internal": "Internal user without an Atta role",
    "officer": "Relations officer",
    "researcher": "Social researcher",
    "committee": "Committee member",
    "finance": "Finance approver",
    "manager": "Manager",
}
OPERATIONS = ("read", "write", "create", "unlink")

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
