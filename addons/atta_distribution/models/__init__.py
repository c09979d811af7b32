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

# Last: its SQL view reads the tables and columns of the models above.
from . import distribution_report
from . import home
