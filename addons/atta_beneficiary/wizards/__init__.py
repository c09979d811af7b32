from . import beneficiary_status_wizard
from . import beneficiary_import_line
from . import beneficiary_import
