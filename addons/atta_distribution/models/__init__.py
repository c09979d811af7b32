from . import res_company
from . import account_chart_template
from . import beneficiary_category
from . import fund
from . import programme_kit_line
from . import programme
from . import enrolment
from . import distribution_round
from . import distribution_line
from . import payment_batch
from . import beneficiary
from . import committee_decision
from . import support_request
from . import support_delivery
from . import res_partner
from . import res_partner_bank
from . import beneficiary_document
from . import account_payment
from . import account_move
from . import stock_move
from . import ir_actions_report

# Last: its SQL view reads the tables and columns of the models above.
from . import distribution_report
from . import home
