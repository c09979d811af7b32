from odoo import http
from odoo.http import request
from odoo.tools import SQL

from odoo.addons.web.controllers.binary import Binary


def _is_atta_file(args):
    """The route serves a file of an Atta record (a binary field, or an attachment of one)."""
    model = args.get("model") or "ir.attachment"
    if model.startswith("atta."):
        return True
    if model == "ir.attachment" and args.get("id"):
        request.env.cr.execute(SQL("SELECT res_model FROM ir_attachment WHERE id = %s", int(args["id"])))
        row = request.env.cr.fetchone()
        return bool(row and row[0] and row[0].startswith("atta."))
    return False


def _readonly_unless_atta_file(controller, rule, args):
    # Downloading an Atta file writes its audit row: such a request needs a read/write cursor
    # (a read-only one would fail the insert and be retried). Every other file stays read-only.
    return not _is_atta_file(args)


class AttaBinary(Binary):
    """/web/content and /web/image on Atta files write the audit trail (see ir.binary)."""

    @http.route(readonly=_readonly_unless_atta_file)
    def content_common(self, *args, **kwargs):
        return super().content_common(*args, **kwargs)

    @http.route(readonly=_readonly_unless_atta_file)
    def content_image(self, *args, **kwargs):
        return super().content_image(*args, **kwargs)
