from odoo import models
from odoo.exceptions import AccessError


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    def _process_attachments_for_post(self, attachments, attachment_ids, message_values):
        # Posting moves or creates the files in superuser mode: a verified document takes no loose file this way either.
        if (attachments or attachment_ids) and self.ids:
            Attachment = self.env["ir.attachment"]
            if Attachment._atta_loose_files_refused({(self._name, res_id) for res_id in self.ids}):
                Attachment._atta_refuse_sealed(AccessError)
        return super()._process_attachments_for_post(attachments, attachment_ids, message_values)
