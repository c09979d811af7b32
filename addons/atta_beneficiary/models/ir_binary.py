from odoo import models

# Small pictures a list or a kanban card loads by the dozen: the list's own entry already covers them.
THUMBNAILS = ("avatar_", "image_128", "image_256", "image_512", "image_1024")


class IrBinary(models.AbstractModel):
    """Downloading a file of an Atta record (an ID scan, a document, a letter, an export) leaves an audit row.

    Both ways to a file pass here: /web/content or /web/image on the record's binary field, and
    /web/content on the ir.attachment itself (chatter files, exports attached to a data request).
    """

    _inherit = "ir.binary"

    def _record_to_stream(self, record, field_name):
        stream = super()._record_to_stream(record, field_name)
        if record.env.su:
            return stream  # a token link (the person's own portal) or the code itself
        if record._name == "ir.attachment":
            owner_model, owner_id = record.sudo().res_model, record.sudo().res_id
            if owner_model and owner_id and owner_model.startswith("atta.") and owner_model in self.env:
                self.env["atta.audit.log"]._log(
                    "download", record.env[owner_model].browse(owner_id), detail=self.env._("Attached file")
                )
        elif record._name.startswith("atta.") and not field_name.startswith(THUMBNAILS):
            self.env["atta.audit.log"]._log(
                "download", record, detail=record._fields[field_name]._description_string(self.env)
            )
        return stream
