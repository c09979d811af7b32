from . import improvement_action
