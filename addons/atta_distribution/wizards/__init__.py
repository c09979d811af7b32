from . import fund_donation
from . import fund_statement
