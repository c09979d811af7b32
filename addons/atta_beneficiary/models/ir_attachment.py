from odoo import api, models


def _ids_of(rows):
    return [row["id"] for row in rows]


class IrAttachment(models.Model):
    """Reading the files of Atta records through ir.attachment itself leaves an audit row [PDPL].

    The scans of a beneficiary's documents are stored as attachments: a client listing or reading them
    directly (`search_read` on `res_model = atta.beneficiary.document` returns every ID scan) is a read
    of personal data like any other. One row per call names the attachments of Atta records it returned;
    the attachments of other records are not logged. Downloads are logged by ir.binary.
    """

    _inherit = "ir.attachment"

    def _atta_audit_kept(self):
        """The attachments of Atta records among these (the only ones the trail is about)."""
        owned = self.sudo().filtered(lambda attachment: (attachment.res_model or "").startswith("atta."))
        return owned.with_env(self.env)

    def _atta_audit_reference(self):
        """The owner's number (a file number), never a file name that may carry the person's name."""
        self.ensure_one()
        if self.res_model not in self.env or not self.res_id:
            return False
        owner = self.env[self.res_model].browse(self.res_id).exists()
        return owner._atta_audit_reference() if owner and hasattr(owner, "_atta_audit_reference") else False

    def _atta_audit(self, call, touched=None, detail=False):
        return self.env["atta.audit.log"]._log_call("view", self, call, touched=touched, detail=detail)

    def read(self, fields=None, load="_classic_read"):
        return self._atta_audit(
            lambda: super(IrAttachment, self).read(fields, load=load), detail=self.env._("Attached files read")
        )

    read._readonly = False

    @api.model
    def search_read(self, domain=None, fields=None, offset=0, limit=None, order=None, **read_kwargs):
        return self._atta_audit(
            lambda: super(IrAttachment, self).search_read(
                domain, fields, offset=offset, limit=limit, order=order, **read_kwargs
            ),
            touched=_ids_of,
            detail=self.env._("Attached files searched and read"),
        )

    search_read._readonly = False

    @api.model
    def web_search_read(self, domain, specification, offset=0, limit=None, order=None, count_limit=None):
        return self._atta_audit(
            lambda: super(IrAttachment, self).web_search_read(
                domain, specification, offset=offset, limit=limit, order=order, count_limit=count_limit
            ),
            touched=lambda result: _ids_of(result["records"]),
            detail=self.env._("Attached files listed"),
        )

    web_search_read._readonly = False
