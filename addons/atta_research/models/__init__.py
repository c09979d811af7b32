from . import support_type
