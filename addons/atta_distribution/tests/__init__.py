from . import test_access_matrix
from . import test_attacks
from . import test_enrolment
from . import test_in_kind
from . import test_money
from . import test_payments
from . import test_report
from . import test_round
