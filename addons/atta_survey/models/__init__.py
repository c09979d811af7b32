from . import improvement_action
from . import survey_trigger
from . import survey_user_input
from . import support_request
from . import beneficiary
from . import interaction
from . import satisfaction_report
