"""Who may do what on the models of atta_research (roles and letters: atta_beneficiary's tests/access_matrix.py)."""

MATRIX = {
    "atta.committee": "---- ---- ---- r--- ---- r--- ---- rwcu",
    "atta.committee.decision": "---- ---- ---- r--- ---- rwc- ---- rwcu",
    "atta.committee.session": "---- ---- ---- r--- ---- rwc- ---- rwcu",
    "atta.committee.vote": "---- ---- ---- ---- ---- rwc- ---- rwcu",
    "atta.complaint": "---- ---- ---- rwc- rw-- rw-- ---- rwcu",
    "atta.complaint.category": "---- ---- r--- r--- r--- r--- r--- rwcu",
    "atta.eligibility.rule": "---- ---- r--- r--- r--- r--- r--- rwcu",
    "atta.eligibility.score.line": "---- ---- ---- r--- r--- r--- ---- rwcu",
    "atta.research.visit": "---- ---- ---- r--- rwc- r--- r--- rwcu",
    "atta.research.visit.line": "---- ---- ---- r--- rwcu r--- ---- rwcu",
    "atta.support.delivery": "---- ---- ---- rwc- r--- ---- r--- rwcu",
    "atta.support.request": "---- r--- ---- rwc- rw-- r--- ---- rwcu",
    "atta.support.type": "---- r--- ---- r--- r--- r--- ---- rwcu",
    "atta.volunteer": "---- ---- ---- rwc- ---- ---- r--- rwcu",
    "atta.volunteer.task": "---- ---- ---- rwc- ---- ---- rw-- rwcu",
}
