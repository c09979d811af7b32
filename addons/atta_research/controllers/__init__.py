from . import apply
from . import portal
from . import privacy
