"""Who may do what on the models of atta_website (roles and letters: atta_beneficiary's tests/access_matrix.py)."""

MATRIX = {
    "atta.follow.request": "---- ---- ---- ---- ---- ---- ---- r---",
    "atta.online.application": "---- ---- ---- r--- ---- ---- ---- rwcu",
}
