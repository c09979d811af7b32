from odoo import api, models
from odoo.fields import Domain

from odoo.addons.atta_beneficiary.tools import normalize_digits, phone_to_e164


class SmsSms(models.Model):
    """Every SMS leaving Odoo is checked against the beneficiaries' consent, like every e-mail [PDPL].

    Checked when the SMS is queued and again just before it is sent (consent may be withdrawn in
    between), by contact and by number. A stopped SMS is kept, cancelled as opted out: the chatter shows
    that it was not sent, and why.
    """

    _inherit = "sms.sms"

    @api.model_create_multi
    def create(self, vals_list):
        blocked_pids, blocked_numbers = self._atta_uncontactable(
            {vals.get("partner_id") for vals in vals_list} - {None, False},
            {vals.get("number") for vals in vals_list} - {None, False},
        )
        for vals in vals_list:
            if vals.get("partner_id") in blocked_pids or vals.get("number") in blocked_numbers:
                vals.update(state="canceled", failure_type="sms_optout")
        return super().create(vals_list)

    def _send(self, unlink_failed=False, unlink_sent=True, raise_exception=False):
        # Superuser mode: the queue is the system's; the check must see every recipient, whoever sends.
        outgoing = self.sudo().filtered(lambda sms: sms.state == "outgoing")
        blocked_pids, blocked_numbers = self._atta_uncontactable(
            set(outgoing.partner_id.ids), set(filter(None, outgoing.mapped("number")))
        )
        stopped = outgoing.filtered(lambda sms: sms.partner_id.id in blocked_pids or sms.number in blocked_numbers)
        if stopped:
            stopped.write({"state": "canceled", "failure_type": "sms_optout"})
            self.env["mail.notification"].sudo().search(
                [("sms_id_int", "in", stopped.ids), ("notification_type", "=", "sms")]
            ).write({"notification_status": "canceled", "failure_type": "sms_optout"})
        if not self - stopped:
            return None
        return super(SmsSms, self - stopped)._send(
            unlink_failed=unlink_failed, unlink_sent=unlink_sent, raise_exception=raise_exception
        )

    @api.model
    def _atta_uncontactable(self, partner_ids, numbers):
        """(contacts, numbers) of these that belong to a beneficiary who withdrew consent or was erased.

        Numbers are compared in E.164, whatever their writing on the SMS or on the file: a file may keep
        a number as it was typed before numbers were normalised ('0559998887', '055 999 8887'), and the
        SMS goes to '+966559998887'.
        """
        Beneficiary = self.env["atta.beneficiary"]
        blocked_pids = Beneficiary._atta_uncontactable_partner_ids(partner_ids)
        by_e164 = {}
        for number in numbers:
            by_e164.setdefault(phone_to_e164(number) or number, set()).add(number)
        if not by_e164:
            return blocked_pids, set()
        # Narrow the files on the subscriber's last digits, whatever the separators (the phone search of
        # Odoo's contacts strips them), then compare in E.164.
        tails = {"".join(filter(str.isdigit, normalize_digits(e164)))[-9:] for e164 in by_e164}
        digits = Domain.OR(Domain("partner_id.phone_mobile_search", "like", tail) for tail in tails if len(tail) >= 3)
        # Superuser mode: a number typed in the SMS composer may be anyone's file.
        withdrawn = (
            Beneficiary.sudo()
            .with_context(active_test=False)
            .search(Domain("consent_withdrawn", "=", True) & (digits | Domain("phone", "in", list(numbers))))
        )
        blocked_numbers = set()
        for phone in set(withdrawn.mapped("phone")):
            blocked_numbers |= by_e164.get(phone_to_e164(phone) or phone, set())
        return blocked_pids, blocked_numbers
