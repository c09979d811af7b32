from . import request_action_wizard
