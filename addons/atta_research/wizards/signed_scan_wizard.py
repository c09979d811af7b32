import base64
import binascii

from odoo import fields, models
from odoo.exceptions import UserError

from odoo.addons.atta_beneficiary.tools import EXTENSIONS, check_roles, check_upload
from odoo.addons.atta_beneficiary.tools.roles import OFFICER

PAPERS = [
    ("request_form", "Request form filled in by hand"),
    ("request_summary", "Request summary and declaration"),
    ("visit_form", "Home visit form"),
    ("delivery_receipt", "Delivery receipt"),
    ("decision_letter", "Decision letter"),
    ("other", "Other signed paper"),
]


class AttaSignedScanWizard(models.TransientModel):
    """A signed paper of a request, scanned at the desk and attached to the request in one step [S6.4, S7.4]."""

    _name = "atta.signed.scan.wizard"
    _description = "Attach a Signed Scan to a Request"

    request_id = fields.Many2one("atta.support.request", required=True, readonly=True, ondelete="cascade")
    paper = fields.Selection(PAPERS, required=True, default="request_summary")
    scan = fields.Binary(required=True, attachment=False)
    scan_name = fields.Char(string="File Name")

    def action_attach(self):
        """Check the scan like a document sent from the website, keep it on the request, say so in its chatter."""
        self.ensure_one()
        check_roles(self, (OFFICER,), self.env._("attach a signed paper to a request"))
        request = self.request_id
        request.check_access("write")
        data = self._scan_bytes()
        upload, problem = check_upload(self.env, data, self.scan_name, self.env.company._atta_form_limits())
        if problem:
            raise UserError(problem)
        paper = dict(self._fields["paper"]._description_selection(self.env))[self.paper]
        attachment = self.env["ir.attachment"].create(
            {
                # Named after the request and the paper, never after the sender's file name.
                "name": f"{request.name} - {paper}{EXTENSIONS[upload['mimetype']][0]}",
                "raw": upload["raw"],
                "mimetype": upload["mimetype"],
                "res_model": request._name,
                "res_id": request.id,
            }
        )
        request.message_post(
            body=self.env._("Signed paper scanned and attached: %(paper)s.", paper=paper),
            attachment_ids=attachment.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        return {"type": "ir.actions.act_window_close"}

    def _scan_bytes(self):
        try:
            data = base64.b64decode(self.scan or b"", validate=True)
        except (binascii.Error, ValueError):
            data = b""
        if not data:
            raise UserError(self.env._("Choose the scanned file of the signed paper, then attach it."))
        return data
