from odoo import api, models
from odoo.fields import Command
from odoo.tools import email_normalize
from odoo.tools.mail import email_normalize_all, email_split_and_format


class MailMail(models.Model):
    """Every email leaving Odoo is checked against the beneficiaries' consent [PDPL].

    Checked when the mail is queued and again when it is actually sent (consent may be withdrawn in
    between), on every recipient: contacts (recipient_ids, matched by contact and by address), and the
    addresses typed in To and Cc. A person who withdrew consent (or whose data was erased) is taken
    off; a mail left with no one to send to is kept, cancelled, with the reason, so nothing is lost
    silently.
    """

    _inherit = "mail.mail"

    @api.model_create_multi
    def create(self, vals_list):
        mails = super().create(vals_list)
        mails._atta_hold_back_uncontactable()
        return mails

    def _send(
        self,
        auto_commit=False,
        raise_exception=False,
        smtp_session=None,
        alias_domain_id=False,
        mail_server=False,
        post_send_callback=None,
    ):
        # Before anything leaves (and before a test server short-cuts the sending): consent as it is now.
        self._atta_hold_back_uncontactable()
        return super()._send(
            auto_commit=auto_commit,
            raise_exception=raise_exception,
            smtp_session=smtp_session,
            alias_domain_id=alias_domain_id,
            mail_server=mail_server,
            post_send_callback=post_send_callback,
        )

    def _atta_addresses(self):
        """The normalised addresses typed in To and Cc."""
        self.ensure_one()
        return set(email_normalize_all(self.email_to or "")) | set(email_normalize_all(self.email_cc or ""))

    @api.model
    def _atta_without(self, text, blocked_emails):
        """`text` (a To or Cc line) without the blocked addresses; unchanged when none is in it."""
        if not text or not blocked_emails:
            return text
        addresses = email_split_and_format(text)
        kept = [address for address in addresses if email_normalize(address) not in blocked_emails]
        return text if len(kept) == len(addresses) else ", ".join(kept)

    def _atta_hold_back_uncontactable(self):
        # Superuser mode: mail.mail and its notifications are the system's queue; the check must see
        # every recipient, whoever queued or sends the mail.
        mails = self.sudo().filtered(lambda mail: mail.state == "outgoing")
        partners = mails.recipient_ids
        if not partners and not any(mail.email_to or mail.email_cc for mail in mails):
            return
        Beneficiary = self.env["atta.beneficiary"]
        blocked_pids = Beneficiary._atta_uncontactable_partner_ids(set(partners.ids))
        addresses = set(filter(None, partners.mapped("email_normalized")))
        for mail in mails:
            addresses |= mail._atta_addresses()
        blocked_emails = Beneficiary._atta_uncontactable_emails(addresses)
        if not blocked_pids and not blocked_emails:
            return
        reason = self.env._("Not sent: the beneficiary withdrew consent to being contacted.")
        for mail in mails:
            stopped = mail.recipient_ids.filtered(
                lambda p: p.id in blocked_pids or (p.email_normalized and p.email_normalized in blocked_emails)
            )
            email_to = self._atta_without(mail.email_to, blocked_emails)
            email_cc = self._atta_without(mail.email_cc, blocked_emails)
            if not stopped and email_to == mail.email_to and email_cc == mail.email_cc:
                continue
            vals = {
                "recipient_ids": [Command.unlink(partner.id) for partner in stopped],
                "email_to": email_to,
                "email_cc": email_cc,
            }
            if not (mail.recipient_ids - stopped) and not (email_to or "").strip() and not (email_cc or "").strip():
                vals.update(state="cancel", failure_type="mail_optout", failure_reason=reason)
            mail.write(vals)
            # The chatter shows these recipients as not notified, with the reason, instead of waiting.
            self.env["mail.notification"].sudo().search(
                [
                    ("mail_mail_id", "=", mail.id),
                    ("notification_status", "in", ("ready", "exception")),
                    "|",
                    ("res_partner_id", "in", stopped.ids),
                    ("mail_email_address", "in", list(blocked_emails)),
                ]
            ).write({"notification_status": "canceled", "failure_type": "mail_optout", "failure_reason": reason})
