from . import request_action_wizard
from . import signed_scan_wizard
from . import research_settings
from . import research_referral_wizard
from . import beneficiary_import
