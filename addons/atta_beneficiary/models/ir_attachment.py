from collections import defaultdict

from odoo import api, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import clean_context

from ..tools import values_with_context_defaults

# What makes an attachment the file it is, the record it belongs to, and who may open it: a sealed file is not
# renamed, retyped, made public or given a share token by a client (Odoo's portal reads it by a signed token of
# its own, and the code's sharing runs in superuser mode).
CONTENT_FIELDS = frozenset(
    {
        "datas",
        "raw",
        "db_datas",
        "store_fname",
        "url",
        "type",
        "checksum",
        "res_model",
        "res_id",
        "res_field",
        "name",
        "mimetype",
        "public",
        "access_token",
    }
)
OWNER_FIELDS = frozenset({"res_model", "res_id", "res_field"})
# What a file holds: written only through its record's field when that field inspects what is uploaded.
DATA_FIELDS = frozenset({"datas", "raw", "db_datas", "store_fname", "url", "type"})


def _ids_of(rows):
    return [row["id"] for row in rows]


class IrAttachment(models.Model):
    """Reading the files of Atta records through ir.attachment itself leaves an audit row [PDPL].

    The scans of a beneficiary's documents are stored as attachments: a client listing or reading them
    directly (`search_read` on `res_model = atta.beneficiary.document` returns every ID scan) is a read
    of personal data like any other. One row per call names the attachments of Atta records it returned;
    the attachments of other records are not logged. Downloads are logged by ir.binary.

    The file of a verified, signed or issued record is sealed: its content and owner cannot be written, nor the
    file removed, except by the record's own steps (which run in superuser mode).
    """

    _inherit = "ir.attachment"

    # ------------------------------------------------------------------ sealed files
    @api.model
    def _atta_sealed_owners(self, owners):
        """Of these (model, id) pairs, those whose files are sealed: the owner model says which, through
        `_atta_files_sealed` (a verified document, an issued decision letter, a delivery handed over...)."""
        by_model = defaultdict(set)
        for model, res_id in owners:
            if model in self.env and res_id and hasattr(self.env[model], "_atta_files_sealed"):
                by_model[model].add(res_id)
        sealed = set()
        for model, ids in by_model.items():
            # Superuser mode to read the owners' status only; nothing of them is returned to the caller.
            records = self.env[model].sudo().with_context(active_test=False).browse(ids).exists()
            sealed.update((model, res_id) for res_id in records._atta_files_sealed().ids)
        return sealed

    def _atta_check_not_sealed(self, vals=None):
        """Refuse to change, move or remove the file of a sealed record, or to move any file onto one."""
        if self.env.su:
            return
        # Superuser mode to read where these files belong; the caller's own rights are checked by the ORM.
        owners = {(attachment.res_model, attachment.res_id) for attachment in self.sudo()}
        # A file moved onto another record (with or without its field) may become, or stand beside, a sealed file.
        if vals and OWNER_FIELDS & set(vals):
            owners |= {
                (vals.get("res_model", attachment.res_model), vals.get("res_id", attachment.res_id))
                for attachment in self.sudo()
            }
        if self._atta_sealed_owners(owners):
            self._atta_refuse_sealed()

    @api.model
    def _atta_check_inspected(self, targets):
        """Refuse to write a file of a field that inspects its uploads (a document's scan) except through the
        field: `targets` are (model, field) pairs."""
        if self.env.su:
            return
        for model, field in targets:
            if field and model in self.env and field in getattr(self.env[model], "_atta_inspected_fields", ()):
                raise UserError(
                    self.env._(
                        "A scan is uploaded on the document itself, where it is checked like a document sent from "
                        "the website; it cannot be written into the stored file directly."
                    )
                )

    @api.model
    def _atta_loose_files_refused(self, owners):
        """Of these (model, id) pairs, the sealed records that keep only their checked file (a verified document)."""
        return self._atta_sealed_owners(
            {
                (model, res_id)
                for model, res_id in owners
                if getattr(self.env.get(model or ""), "_atta_sealed_keeps_one_file", False)
            }
        )

    @api.model
    def _atta_refuse_sealed(self, error=UserError):
        raise error(
            self.env._(
                "This file belongs to a record that is verified, signed or issued, and stays as it is. To "
                "replace a document, upload the new scan on the document itself: it will be checked again."
            )
        )

    @api.model_create_multi
    def create(self, vals_list):
        if any(key.startswith("default_") for key in self.env.context):
            # The record a file belongs to, given as a default of the context, is checked like a value; a file of
            # Atta's records takes no other default (made public, given a share token) from the context.
            vals_list = [dict(vals, **values_with_context_defaults(self, vals, OWNER_FIELDS)) for vals in vals_list]
            if any((vals.get("res_model") or "").startswith("atta.") for vals in vals_list):
                return self.with_context(clean_context(self.env.context)).create(vals_list)
        if not self.env.su:
            # A sealed record's field is not given another file; a record that keeps only the file that was
            # checked (a verified document, `_atta_sealed_keeps_one_file`) takes no loose file beside it either.
            fields = {(vals.get("res_model"), vals.get("res_id")) for vals in vals_list if vals.get("res_field")}
            loose = {(vals.get("res_model"), vals.get("res_id")) for vals in vals_list if not vals.get("res_field")}
            if self._atta_sealed_owners(fields) or self._atta_loose_files_refused(loose):
                self._atta_refuse_sealed()
            self._atta_check_inspected({(vals.get("res_model"), vals.get("res_field")) for vals in vals_list})
        return super().create(vals_list)

    def write(self, vals):
        if CONTENT_FIELDS & set(vals):
            self._atta_check_not_sealed(vals)
        if DATA_FIELDS & set(vals) or "res_field" in vals:
            # Superuser mode to read which field each file belongs to; the caller's rights are checked by the ORM.
            targets = {(attachment.res_model, attachment.res_field) for attachment in self.sudo()}
            targets |= {(vals.get("res_model", a.res_model), vals.get("res_field", a.res_field)) for a in self.sudo()}
            self._atta_check_inspected(targets)
        return super().write(vals)

    def _post_add_create(self, **kwargs):
        # The upload routes (the chatter's paperclip) create the file in superuser mode on a record the user may
        # post on, then call this: a loose file on a verified document is taken back and refused there too.
        if self._atta_loose_files_refused({(a.res_model, a.res_id) for a in self.sudo() if not a.res_field}):
            self.sudo().unlink()
            self._atta_refuse_sealed(AccessError)
        return super()._post_add_create(**kwargs)

    def _delete_and_notify(self, message=None):
        # The chatter's routes delete in superuser mode once the user may edit the record: a sealed file stays.
        if self._atta_sealed_owners({(attachment.res_model, attachment.res_id) for attachment in self.sudo()}):
            self._atta_refuse_sealed(AccessError)
        return super()._delete_and_notify(message=message)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_sealed(self):
        self._atta_check_not_sealed()

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
