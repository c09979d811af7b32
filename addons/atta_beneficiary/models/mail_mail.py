from odoo import api, models
from odoo.fields import Command


class MailMail(models.Model):
    """Every email leaving Odoo is checked against the beneficiaries' consent [PDPL].

    A person who withdrew consent (or whose data was erased) is taken off the recipients; a mail
    left with no one to send to is kept, cancelled, with the reason, so nothing is lost silently.
    """

    _inherit = "mail.mail"

    @api.model_create_multi
    def create(self, vals_list):
        blocked = self.env["atta.beneficiary"]._atta_uncontactable_partner_ids(
            {pid for vals in vals_list for pid in self._atta_recipient_ids(vals)})
        for vals in vals_list:
            stopped = set(self._atta_recipient_ids(vals)) & blocked
            if not stopped:
                continue
            remaining = [pid for pid in self._atta_recipient_ids(vals) if pid not in stopped]
            vals["recipient_ids"] = [Command.set(remaining)]
            if not remaining and not vals.get("email_to") and not vals.get("email_cc"):
                vals.update(state="cancel", failure_reason=self.env._(
                    "Not sent: the beneficiary withdrew consent to being contacted."))
        return super().create(vals_list)

    @api.model
    def _atta_recipient_ids(self, vals):
        ids = []
        for command in vals.get("recipient_ids") or []:
            if isinstance(command, (list, tuple)):
                if command[0] == Command.LINK:
                    ids.append(command[1])
                elif command[0] == Command.SET:
                    ids.extend(command[2])
            elif isinstance(command, int):
                ids.append(command)
        return ids
