from . import test_support_type
from . import test_deadline
from . import test_lifecycle
from . import test_committee
from . import test_research
from . import test_access
from . import test_mail
from . import test_apply
