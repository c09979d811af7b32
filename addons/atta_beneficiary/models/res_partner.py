from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

from ..tools import field_labels
from .beneficiary import WRITING_THROUGH_FILE

# The contact of a beneficiary that is part of their file: written through the file, whichever model is written.
FILE_CONTACT_FIELDS = frozenset(
    {
        "name",
        "phone",
        "email",
        "vat",
        "street",
        "street2",
        "city",
        "zip",
        "state_id",
        "country_id",
        "comment",
        "ref",
        "function",
        "website",
        "image_1920",
    }
)
# A search on these looks a person up by their contact (a probe by mobile or e-mail), in any of the forms Odoo keeps
# them: as typed, normalised (the e-mail in lower case, the mobile in E.164) or the mobile's digits only.
SEARCHED_CONTACT_FIELDS = ("phone", "email", "vat", "email_normalized", "phone_sanitized", "phone_mobile_search")


class ResPartner(models.Model):
    """The contact behind a beneficiary file is part of the file [S1, PDPL].

    Its contact fields change through the file (the same checks of mobile and e-mail, tracking on the file, the
    audit trail), whichever model a client writes; reading it or looking it up by mobile or e-mail leaves a row
    in the audit trail like reading the file. Other contacts are untouched.
    """

    _name = "res.partner"
    _inherit = ["res.partner", "atta.audit.core"]
    _atta_audit_search_fields = SEARCHED_CONTACT_FIELDS

    # The beneficiary file behind a contact: its record rules follow the file's [S1].
    atta_beneficiary_ids = fields.One2many(
        "atta.beneficiary", "partner_id", string="Beneficiary Files", context={"active_test": False}
    )

    # ------------------------------------------------------------------ the file's contact
    @api.model
    def _atta_file_contact_fields(self):
        """The contact fields that are part of a beneficiary's file (res.users writes them on its partner)."""
        return FILE_CONTACT_FIELDS

    def _atta_files(self):
        """The files behind these contacts, archived ones included, in the caller's environment."""
        if not self:
            return self.env["atta.beneficiary"]
        # Superuser mode to find the files only: the write below runs with the caller's own rights.
        files = (
            self.env["atta.beneficiary"].sudo().with_context(active_test=False).search([("partner_id", "in", self.ids)])
        )
        return files.with_env(self.env)

    def write(self, vals):
        if "atta_beneficiary_ids" in vals and not self.env.su:
            raise AccessError(
                self.env._("A beneficiary file is never moved to another contact: it stays with its own person.")
            )
        contact = FILE_CONTACT_FIELDS & set(vals)
        # Set by the portal's address form, which writes in superuser mode: the person's file writes it instead.
        portal = self.env.context.get("atta_portal_contact")
        # The code's own writes in superuser mode (an erasure, a migration of old data) are its own business.
        if not contact or WRITING_THROUGH_FILE.get() or (self.env.su and not portal):
            return super().write(vals)
        files = self._atta_files()
        if not files:
            return super().write(vals)
        if portal:
            for file in files:
                file._atta_write_contact_from_portal({name: vals[name] for name in contact})
        elif not files.has_access("write"):
            raise AccessError(
                self.env._(
                    "This contact is a beneficiary's: their name, mobile, e-mail and address change on their file, by "
                    "the relations officers."
                )
            )
        else:
            # Through the file: the mobile in E.164, the e-mail checked, the change tracked there and audited.
            files.write({name: vals[name] for name in contact})
        rest = {name: value for name, value in vals.items() if name not in contact}
        others = self - files.partner_id
        if rest:
            super(ResPartner, self & files.partner_id).write(rest)
        if others:
            super(ResPartner, others).write(vals)
        return True

    @api.constrains("parent_id")
    def _check_beneficiary_contact_apart(self):
        """A beneficiary's contact is not put under a company or another contact, nor given contacts of its own:
        Odoo would then copy addresses and the tax number between them, around the file."""
        linked = self.filtered("parent_id")
        if linked and (linked | linked.parent_id)._atta_files():
            raise ValidationError(
                self.env._(
                    "A beneficiary's contact stays on its own: it cannot belong to a company or another contact, "
                    "nor have contacts of its own. Record relatives as family members on the file."
                )
            )

    # ------------------------------------------------------------------ reads of the file's contact
    def _atta_audit_kept(self):
        """The contacts of beneficiaries among these: the only ones the trail is about."""
        kept = (
            self.env["atta.beneficiary"]
            .sudo()
            .with_context(active_test=False)
            .search([("partner_id", "in", [id_ for id_ in self._ids if isinstance(id_, int)])])
        )
        return self.browse(kept.partner_id.ids)

    def _atta_audit_reference(self):
        """The file number, never the person's name (called in superuser mode by the trail)."""
        return ", ".join(filter(None, self.with_context(active_test=False).atta_beneficiary_ids.mapped("reference")))

    def _atta_audit_read_details(self):
        return self.env._("Contact read"), self.env._("Contact copied (values read)")

    @api.model
    def _atta_is_contact_field(self, name, seen=frozenset()):
        """Whether the field holds the file's contact or is computed from it: grouping by the normalised e-mail,
        the sanitised mobile or the full name lists the people as grouping by the e-mail, mobile or name does."""
        if name in FILE_CONTACT_FIELDS:
            return True
        field = self._fields.get(name)
        if field is None or name in seen or not (field.compute or field.related):
            return False
        return any(
            self._atta_is_contact_field(path.split(".")[0], seen | {name})
            for path in self.pool.field_depends.get(field, ())
        )

    def _atta_audit_group_field(self, name):
        return self._atta_is_contact_field(name)

    def _atta_audit_group_detail(self, names):
        return self.env._("Contacts listed by group: %(fields)s", fields=field_labels(self, names))

    # The public reads write their audit row: marked for a read/write cursor (not a read-only replica).
    def read(self, fields=None, load="_classic_read"):  # pylint: disable=redefined-outer-name
        return super().read(fields, load=load)

    read._readonly = False

    @api.model
    def search_read(self, domain=None, fields=None, offset=0, limit=None, order=None, **read_kwargs):  # pylint: disable=redefined-outer-name
        return super().search_read(domain, fields, offset=offset, limit=limit, order=order, **read_kwargs)

    search_read._readonly = False

    def web_read(self, specification):
        return super().web_read(specification)

    web_read._readonly = False

    @api.model
    def web_search_read(self, domain, specification, offset=0, limit=None, order=None, count_limit=None):
        return super().web_search_read(
            domain, specification, offset=offset, limit=limit, order=order, count_limit=count_limit
        )

    web_search_read._readonly = False
