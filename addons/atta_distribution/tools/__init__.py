from .iban import saudi_iban_problem
from .xlsx import write_row
