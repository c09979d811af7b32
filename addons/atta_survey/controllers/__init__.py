from . import export
from . import portal_feedback
