from . import binary
from . import report
from . import export
from . import portal
