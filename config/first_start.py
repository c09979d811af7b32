"""The association's first start, run in `odoo shell` on a database with the Atta addons and Arabic.

Fed on standard input by config/start-atta.sh (setup) and by the test step `first start` of
tests/run.py, so that the tests walk a database made by this very code. Odoo's shell gives `env`.
Reads .env: ATTA_NAME, ATTA_EMAIL, ATTA_PHONE, ATTA_CITY, ATTA_LOGO (a file of config/),
ATTA_COMMITTEE_CHAIR and ODOO_ADMIN_PASSWORD.
"""

import base64
import os
from pathlib import Path

env = globals()["env"]  # given by `odoo shell`
# Where config/ is mounted in the image (docker-compose.yml); ATTA_CONFIG_DIR elsewhere.
CONFIG_DIR = Path(os.environ.get("ATTA_CONFIG_DIR") or "/opt/atta/config")

logo = os.environ.get("ATTA_LOGO")
values = {
    "name": os.environ["ATTA_NAME"],
    "email": os.environ.get("ATTA_EMAIL"),
    "phone": os.environ.get("ATTA_PHONE"),
    "city": os.environ.get("ATTA_CITY"),
    "logo": logo and base64.b64encode((CONFIG_DIR / logo).read_bytes()),
}
env["website"].get_current_website()._atta_setup_association(values)
# A committee deciding every support type, chaired by ATTA_COMMITTEE_CHAIR's login or else the admin.
env["atta.committee"]._atta_setup_default_committee(os.environ.get("ATTA_COMMITTEE_CHAIR") or None)
# Letters print at once, not after Odoo's layout configurator.
env["res.company"]._atta_setup_papers()
admin = env.ref("base.user_admin")
admin.write({"password": os.environ["ODOO_ADMIN_PASSWORD"], "lang": "ar_001", "tz": "Asia/Riyadh"})
env.cr.commit()
