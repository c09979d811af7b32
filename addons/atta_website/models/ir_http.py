from werkzeug.exceptions import BadRequest

from odoo import models
from odoo.http import SAFE_HTTP_METHODS, request


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _pre_dispatch(cls, rule, args):
        # Odoo reads the CSRF token as text: one sent as a file ended in a server error (500) on every public form
        # instead of Odoo's answer to a bad token (400, nothing done).
        if (
            request.httprequest.method not in SAFE_HTTP_METHODS
            and rule.endpoint.routing.get("csrf", True)
            and "csrf_token" in request.httprequest.files
        ):
            raise BadRequest()
        return super()._pre_dispatch(rule, args)
