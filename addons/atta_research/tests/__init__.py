from . import test_support_type
