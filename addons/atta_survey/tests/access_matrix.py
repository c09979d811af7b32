"""Who may do what, per model: the access matrix the tests prove and the README shows.

One string per model: eight cells in the order of ROLES, each four letters for read, write,
create and unlink ("-" where the role may not). Record rules narrow these rights further; the
record-rule cases are in test_access_matrix.py.
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

MATRIX = {
    "atta.audit.log": "---- ---- ---- ---- ---- ---- ---- r---",
    "atta.beneficiary": "---- ---- ---- rwcu r--- r--- ---- rwcu",
    "atta.beneficiary.category": "---- ---- r--- r--- r--- r--- r--- rwcu",
    "atta.beneficiary.consent": "---- ---- ---- rwc- ---- ---- ---- rwcu",
    "atta.beneficiary.document": "---- ---- ---- rwcu r--- ---- ---- rwcu",
    "atta.channel": "---- ---- r--- r--- r--- r--- r--- rwcu",
    "atta.committee": "---- ---- ---- r--- ---- r--- ---- rwcu",
    "atta.committee.decision": "---- ---- ---- r--- ---- rwc- ---- rwcu",
    "atta.committee.session": "---- ---- ---- r--- ---- rwc- ---- rwcu",
    "atta.committee.vote": "---- ---- ---- ---- ---- rwc- ---- rwcu",
    "atta.complaint": "---- ---- ---- rwc- rw-- rw-- ---- rwcu",
    "atta.complaint.category": "---- ---- r--- r--- r--- r--- r--- rwcu",
    "atta.consent.text": "---- ---- ---- r--- ---- ---- ---- rwcu",
    "atta.data.request": "---- ---- ---- rwc- ---- ---- ---- rwc-",
    "atta.data.request.change": "---- ---- ---- rwcu ---- ---- ---- rwcu",
    "atta.document.type": "---- ---- r--- r--- r--- r--- r--- rwcu",
    "atta.duplicate.review": "---- ---- ---- ---- ---- ---- ---- rwc-",
    "atta.duplicate.signal": "---- ---- ---- ---- ---- ---- ---- r---",
    "atta.eligibility.rule": "---- ---- r--- r--- r--- r--- r--- rwcu",
    "atta.eligibility.score.line": "---- ---- ---- r--- r--- r--- ---- rwcu",
    "atta.expense.line": "---- ---- ---- rwcu r--- ---- ---- rwcu",
    "atta.family.member": "---- ---- ---- rwcu r--- ---- ---- rwcu",
    "atta.identity.exception": "---- ---- ---- r--- ---- ---- ---- rwcu",
    "atta.improvement.action": "---- ---- ---- r-c- ---- ---- ---- rwcu",
    "atta.income.line": "---- ---- ---- rwcu r--- ---- ---- rwcu",
    "atta.interaction": "---- ---- ---- rwc- rw-- ---- ---- rwcu",
    "atta.letter": "---- ---- ---- rwc- ---- r--- ---- rwcu",
    "atta.policy": "---- ---- r--- r--- r--- r--- r--- rwcu",
    "atta.policy.acknowledgement": "---- ---- r-c- r-c- r-c- r-c- r-c- rwcu",
    "atta.policy.clause": "---- ---- r--- r--- r--- r--- r--- rwcu",
    "atta.policy.version": "---- ---- r--- r--- r--- r--- r--- rwcu",
    "atta.research.visit": "---- ---- ---- r--- rwc- r--- r--- rwcu",
    "atta.research.visit.line": "---- ---- ---- r--- rwcu r--- ---- rwcu",
    "atta.retention.rule": "---- ---- ---- r--- ---- ---- ---- rwcu",
    "atta.satisfaction.report": "---- ---- ---- r--- ---- ---- ---- r---",
    "atta.support.delivery": "---- ---- ---- rwc- r--- ---- r--- rwcu",
    "atta.support.request": "---- r--- ---- rwc- rw-- r--- ---- rwcu",
    "atta.support.type": "---- r--- ---- r--- r--- r--- ---- rwcu",
    "atta.survey.trigger": "---- ---- ---- r--- ---- ---- ---- rwcu",
    "atta.team": "---- ---- r--- r--- r--- r--- r--- rwcu",
    "atta.volunteer": "---- ---- ---- rwc- ---- ---- r--- rwcu",
    "atta.volunteer.task": "---- ---- ---- rwc- ---- ---- rw-- rwcu",
}
