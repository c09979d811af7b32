from . import fund_donation
