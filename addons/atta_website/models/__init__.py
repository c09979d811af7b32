from . import online_application
from . import follow_request
from . import website
from . import beneficiary
from . import support_request
from . import home
from . import ir_http
