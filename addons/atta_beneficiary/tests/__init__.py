from . import test_identity
from . import test_registration
from . import test_access
from . import test_interaction
from . import test_policy
from . import test_views
from . import test_intake_tour
from . import test_crons
