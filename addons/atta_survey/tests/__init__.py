from . import test_improvement_action
from . import test_invitations
