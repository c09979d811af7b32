import os
import tempfile

from werkzeug.exceptions import Forbidden

from odoo import fields, http
from odoo.http import request

from odoo.addons.atta_beneficiary.tools.roles import MANAGER


class AttaSatisfactionExport(http.Controller):
    @http.route("/atta/satisfaction/export.xlsx", type="http", auth="user", methods=["GET"])
    def export_satisfaction(self, **kwargs):
        if not request.env.user.has_group(MANAGER):
            raise Forbidden()
        handle, path = tempfile.mkstemp(suffix=".xlsx")
        os.close(handle)
        request.env["atta.satisfaction.report"]._export_xlsx(path)
        filename = f"satisfaction-{fields.Date.context_today(request.env.user)}.xlsx"
        with open(path, "rb") as stream:
            content = stream.read()
        os.unlink(path)
        return request.make_response(
            content,
            headers=[
                ("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
                ("Content-Disposition", f'attachment; filename="{filename}"'),
            ],
        )
