"""Who may do what, per model: the access matrix the tests prove and the README shows.

One string per model: eight cells in the order of ROLES, each four letters for read, write, create and
unlink ("-" where the role may not). Each addon keeps the table of its own models (this file,
atta_research's and atta_survey's `tests/access_matrix.py`) with these roles; the README shows the three
as one. Record rules narrow these rights further: their cases are in each addon's test_access_matrix.py.
"""

ROLES = ("public", "portal", "internal", "officer", "researcher", "committee", "volunteer", "manager")
ROLE_TITLES = {
    "public": "Public (website visitor)",
    "portal": "Portal beneficiary",
    "internal": "Internal user without an Atta role",
    "officer": "Relations officer",
    "researcher": "Social researcher",
    "committee": "Committee member",
    "volunteer": "Volunteer",
    "manager": "Manager",
}
OPERATIONS = ("read", "write", "create", "unlink")

# The models of atta_beneficiary. The researcher, committee and volunteer cells are rights atta_research
# adds: proven when it is installed.
MATRIX = {
    "atta.audit.log": "---- ---- ---- ---- ---- ---- ---- r---",
    "atta.beneficiary": "---- ---- ---- rwcu r--- r--- ---- rwcu",
    "atta.beneficiary.category": "---- ---- r--- r--- r--- r--- r--- rwcu",
    "atta.beneficiary.consent": "---- ---- ---- rwc- ---- ---- ---- rwcu",
    "atta.beneficiary.document": "---- ---- ---- rwcu r--- ---- ---- rwcu",
    "atta.channel": "---- ---- r--- r--- r--- r--- r--- rwcu",
    "atta.consent.text": "---- ---- ---- r--- ---- ---- ---- rwcu",
    "atta.data.request": "---- ---- ---- rwc- ---- ---- ---- rwc-",
    "atta.data.request.change": "---- ---- ---- rwcu ---- ---- ---- rwcu",
    "atta.document.type": "---- ---- r--- r--- r--- r--- r--- rwcu",
    "atta.duplicate.review": "---- ---- ---- ---- ---- ---- ---- rwc-",
    "atta.duplicate.signal": "---- ---- ---- ---- ---- ---- ---- r---",
    "atta.expense.line": "---- ---- ---- rwcu r--- ---- ---- rwcu",
    "atta.family.member": "---- ---- ---- rwcu r--- ---- ---- rwcu",
    "atta.identity.exception": "---- ---- ---- r--- ---- ---- ---- rwcu",
    "atta.income.line": "---- ---- ---- rwcu r--- ---- ---- rwcu",
    "atta.interaction": "---- ---- ---- rwc- rw-- ---- ---- rwcu",
    "atta.letter": "---- ---- ---- rwc- ---- r--- ---- rwcu",
    "atta.policy": "---- ---- r--- r--- r--- r--- r--- rwcu",
    "atta.policy.acknowledgement": "---- ---- r-c- r-c- r-c- r-c- r-c- rwcu",
    "atta.policy.clause": "---- ---- r--- r--- r--- r--- r--- rwcu",
    "atta.policy.version": "---- ---- r--- r--- r--- r--- r--- rwcu",
    "atta.retention.rule": "---- ---- ---- r--- ---- ---- ---- rwcu",
    "atta.team": "---- ---- r--- r--- r--- r--- r--- rwcu",
}
