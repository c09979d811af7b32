from . import test_improvement_action
from . import test_invitations
from . import test_answer_online
from . import test_reporting
from . import test_feedback
