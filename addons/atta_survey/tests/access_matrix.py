"""Who may do what on the models of atta_survey (roles and letters: atta_beneficiary's tests/access_matrix.py)."""

MATRIX = {
    "atta.improvement.action": "---- ---- ---- r-c- ---- ---- ---- rwcu",
    "atta.satisfaction.report": "---- ---- ---- r--- ---- ---- ---- r---",
    "atta.survey.trigger": "---- ---- ---- r--- ---- ---- ---- rwcu",
}
