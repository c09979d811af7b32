"""The kinds of a household's monthly money: on its file (income and expense lines) and on a visit."""

INCOME_TYPES = [
    ("salary", "Salary"),
    ("pension", "Retirement pension"),
    ("social_security", "Social security (Al-Daman)"),
    ("citizen_account", "Citizen Account"),
    ("disability_allowance", "Disability allowance"),
    ("other_charity", "Support from other associations"),
    ("other", "Other"),
]

EXPENSE_TYPES = [
    ("rent", "Rent"),
    ("electricity", "Electricity"),
    ("water", "Water"),
    ("telecom", "Phone and internet"),
    ("medical", "Medical"),
    ("transport", "Transport"),
    ("debt", "Debt instalments"),
    ("education", "Education"),
    ("other", "Other"),
]
