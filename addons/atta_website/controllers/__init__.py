from . import apply
from . import complaint
from . import portal
from . import privacy
from . import public_pages
from . import follow
