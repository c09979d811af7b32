from . import online_application
from . import follow_request
from . import website
