from . import beneficiary_status_wizard
