"""Who may do what on the models of atta_website, in the form of atta_survey/tests/access_matrix.py.

The README's table is that table and this one, merged (tests/static/helpers.py).
"""

ROLES = ("public", "portal", "internal", "officer", "researcher", "committee", "volunteer", "manager")
OPERATIONS = ("read", "write", "create", "unlink")

MATRIX = {
    "atta.follow.request": "---- ---- ---- ---- ---- ---- ---- r---",
    "atta.online.application": "---- ---- ---- r--- ---- ---- ---- rwcu",
}
