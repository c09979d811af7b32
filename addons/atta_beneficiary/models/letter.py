from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools import hijri_date_string, number_new_records, values_with_context_defaults

# What a letter issued by a step says and to whom: its number, text, file, recipient and the record it answers.
ISSUED_FIELDS = frozenset(
    {
        "name",
        "direction",
        "date",
        "subject",
        "correspondent",
        "beneficiary_id",
        "body",
        "attachment",
        "attachment_name",
        "res_model",
        "res_id",
        "company_id",
    }
)
# Set only by the step that issues the letter (a committee's decision), never by a client.
ISSUER_FIELDS = ("res_model", "res_id")


class AttaLetter(models.Model):
    """The letters register: incoming and outgoing correspondence, each with its own numbering.

    A letter issued by a step of the process (a decision letter, `res_model`/`res_id` naming the request) is
    what the person received: its number, text, file, recipient and request stay as issued for every role, and
    it is never deleted. Only the erasure of the person's data [PDPL] blanks what names them.
    """

    _name = "atta.letter"
    _description = "Letter"
    _inherit = ["mail.thread", "mail.activity.mixin", "atta.audit.mixin"]
    _order = "date desc, id desc"

    name = fields.Char(string="Number", readonly=True, copy=False, default="/", index="btree")
    direction = fields.Selection(
        [("incoming", "Incoming"), ("outgoing", "Outgoing")], required=True, default="outgoing", tracking=True
    )
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    date_hijri = fields.Char(compute="_compute_date_hijri")
    subject = fields.Char(required=True, tracking=True)
    correspondent = fields.Char(help="Who sent or receives the letter.")
    beneficiary_id = fields.Many2one("atta.beneficiary", index=True)
    body = fields.Html()
    attachment = fields.Binary(attachment=True)
    attachment_name = fields.Char()
    res_model = fields.Char(string="Related Document Model", readonly=True, copy=False)
    res_id = fields.Many2oneReference(string="Related Document", model_field="res_model", readonly=True, copy=False)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)

    @api.depends("date")
    @api.depends_context("lang")
    def _compute_date_hijri(self):
        for letter in self:
            letter.date_hijri = hijri_date_string(letter.date, self.env.lang or "en_US")

    # A search on who a letter went to, or on what it says, is a look-up of a person.
    _atta_audit_search_fields = ("correspondent", "body")

    def _atta_audit_reference(self):
        return self.name

    def _atta_issued(self):
        """The letters among these issued by a step of the process (a decision letter)."""
        return self.filtered(lambda letter: letter.res_model and letter.res_id)

    def _atta_files_sealed(self):
        """Issued letters: their files stay as they were sent."""
        return self._atta_issued()

    def _atta_erasing(self):
        return self.env.su and self.env.context.get("atta_erasing")

    def _atta_issuer_fields(self):
        """Fields set only by the step that issues a letter, never by a client."""
        return ISSUER_FIELDS

    def _atta_refuse_number(self, vals, creating=False):
        # A number typed by hand could repeat an issued letter's, or take the next one of the register; a number
        # blanked would be lost.
        if self.env.su or "name" not in vals or (creating and vals["name"] in (None, False, "/")):
            return
        raise UserError(self.env._("The register gives each letter its number: leave the number empty."))

    def _atta_refuse_direction(self, vals):
        if self.env.su or "direction" not in vals:
            return
        numbered = self.filtered(lambda letter: letter.name != "/" and letter.direction != vals["direction"])
        if numbered:
            raise UserError(
                self.env._(
                    "Letter %(number)s has its number in the register of its direction: record it again as a new "
                    "letter in the other register.",
                    number=numbered[0].name,
                )
            )

    def _atta_refuse_issuer(self, vals):
        if not self.env.su and any(vals.get(name) for name in self._atta_issuer_fields()):
            raise UserError(
                self.env._(
                    "A letter is linked to a request only by the step that issues it (the committee's decision); "
                    "record other correspondence without that link."
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            # A default sent in the context is stored like a value: checked as one, and numbered by.
            given = values_with_context_defaults(self, vals, (*self._atta_issuer_fields(), "name"))
            self._atta_refuse_issuer(given)
            self._atta_refuse_number(given, creating=True)
            vals.update(values_with_context_defaults(self, vals, ("direction", "date")))
        incoming = [vals for vals in vals_list if vals.get("direction") == "incoming"]
        outgoing = [vals for vals in vals_list if vals.get("direction") != "incoming"]
        number_new_records(self, incoming, "atta.letter.incoming", "IN", date_field="date")
        number_new_records(self, outgoing, "atta.letter.outgoing", "OUT", date_field="date")
        return super().create(vals_list)

    def write(self, vals):
        self._atta_refuse_issuer(vals)
        # Binary fields write their file in superuser mode, past the seal of ir.attachment: refused here, whoever
        # writes, the code's own steps included.
        issued = self._atta_issued() if ISSUED_FIELDS & set(vals) else self.browse()
        if issued and not self._atta_erasing():
            raise UserError(
                self.env._(
                    "Letter %(number)s was issued by the association and stays as it was sent: its number, text, "
                    "file, recipient and request cannot be changed. Write a new letter if something must be added.",
                    number=issued[0].name,
                )
            )
        self._atta_refuse_number(vals)
        self._atta_refuse_direction(vals)
        return super().write(vals)

    def copy_data(self, default=None):
        vals_list = super().copy_data(default=default)
        for letter, vals in zip(self, vals_list, strict=True):
            if letter._atta_issued():
                # A copy is a new letter: the issued text and file name the original's number and recipient.
                for name in ("body", "attachment", "attachment_name"):
                    if name not in (default or {}):
                        vals.pop(name, None)
        return vals_list

    @api.ondelete(at_uninstall=False)
    def _unlink_never_issued(self):
        issued = self._atta_issued()
        if issued:
            raise UserError(
                self.env._(
                    "Letter %(number)s was issued by the association: it stays in the register and cannot be deleted.",
                    number=issued[0].name,
                )
            )
