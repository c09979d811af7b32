from . import binary
from . import report
