from .iban import compact_iban, saudi_iban_problem
