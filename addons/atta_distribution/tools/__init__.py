from .iban import saudi_iban_problem
