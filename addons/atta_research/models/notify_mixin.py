import logging
import re

from odoo import api, models
from odoo.tools import email_normalize

_logger = logging.getLogger(__name__)


class AttaNotifyMixin(models.AbstractModel):
    """Tells a beneficiary about their file by the channel they chose [S3.4, S5].

    A record with a `beneficiary_id` inherits this mixin and calls
    `record._atta_notify("module.mail_template_xmlid", "module.sms_template_xmlid")` (either may be None):
    the e-mail and/or the SMS go out by the person's preference and the addresses on their file, rendered
    in their language (the `lang` of each template), never after consent is withdrawn or the file erased
    [PDPL]. What was sent, or why nothing was, is logged on the chatter of `_atta_notify_thread()`. A mail
    or SMS that cannot be sent never blocks the step that sends it.
    """

    _name = "atta.notify.mixin"
    _description = "Messages to the Beneficiary by Their Channel"

    def _atta_notify_thread(self):
        """The record whose chatter logs the message: the record itself unless a model says otherwise."""
        return self

    def _atta_notify_author(self):
        """The author of what is sent or noted: the member of staff taking the step, else (a step the website
        takes for a visitor) the association itself, never "Public user"."""
        return {} if self.env.user._is_internal() else {"author_id": self.env.company.partner_id.id}

    def _atta_notify(self, mail_xmlid=None, sms_xmlid=None):
        """Send the step's message to each record's beneficiary by their channel; returns nothing useful."""
        mail_template = self.env.ref(mail_xmlid, raise_if_not_found=False) if mail_xmlid else None
        sms_template = self.env.ref(sms_xmlid, raise_if_not_found=False) if sms_xmlid else None
        if not mail_template and not sms_template:
            return False
        for record in self:
            record._atta_notify_one(mail_template, sms_template)
        return True

    def _atta_notify_one(self, mail_template, sms_template):
        self.ensure_one()
        # Superuser mode: the step that calls this has checked who takes it; the message is the association's,
        # and the file's contact details and consents are read only to address it (a committee chair, for one,
        # cannot read consents).
        beneficiary = self.beneficiary_id.sudo()
        thread = self._atta_notify_thread().sudo()
        if not beneficiary:
            return
        if not beneficiary._atta_may_contact():
            thread.message_post(
                **self._atta_notify_author(),
                body=self.env._(
                    "No message sent to %(name)s: they may not be contacted (consent withdrawn or data erased).",
                    name=beneficiary.name,
                ),
            )
            return
        mobile = beneficiary._atta_mobile()
        email = email_normalize(beneficiary.email or "")
        by_mail, by_sms = self._atta_notify_channels(beneficiary.message_channel, bool(email), bool(mobile))
        if not by_mail and not by_sms:
            thread.message_post(
                **self._atta_notify_author(),
                body=self.env._(
                    "No message sent to %(name)s: their file has no mobile number or e-mail address to reach them. "
                    "Add one to the beneficiary file.",
                    name=beneficiary.name,
                ),
            )
            return
        # A step without a message for one channel (no template) sends nothing on it.
        if by_mail and mail_template:
            self._atta_notify_safely(
                self.env._("e-mail"), thread, lambda: self._atta_notify_mail(thread, mail_template, beneficiary)
            )
        if by_sms and sms_template:
            self._atta_notify_safely(
                self.env._("SMS"), thread, lambda: self._atta_notify_sms(thread, sms_template, beneficiary, mobile)
            )

    @api.model
    def _atta_notify_channels(self, preference, has_email, has_mobile):
        """(by mail, by SMS): the person's preference where their file reaches them by it, else what does."""
        by_mail = has_email and preference in ("email", "both")
        by_sms = has_mobile and preference in ("sms", "both")
        if not by_mail and not by_sms:
            # The preferred channel has no address on the file: the message still reaches the person by the
            # other one rather than not at all (e-mail first, as before SMS existed).
            by_mail, by_sms = has_email, has_mobile and not has_email
        return by_mail, by_sms

    def _atta_notify_safely(self, channel, thread, send):
        """Run one sending in a savepoint: its failure is logged on the chatter, the step goes on."""
        try:
            with self.env.cr.savepoint():
                send()
        except Exception:  # whatever breaks in sending (provider, template, address), the step goes on
            _logger.exception("Atta: the %s to the beneficiary of %s could not be sent", channel, thread)
            thread.message_post(
                **self._atta_notify_author(),
                body=self.env._(
                    "The %(channel)s to the beneficiary could not be sent. Contact them by another way, and tell "
                    "the administrator if this happens again.",
                    channel=channel,
                ),
            )

    def _atta_notify_mail(self, thread, template, beneficiary):
        """The e-mail, posted as a message to the person (queued like every mail of the chatter)."""
        record = self.sudo()
        if thread == record:
            thread.message_post_with_source(
                template,
                subtype_xmlid="mail.mt_comment",
                partner_ids=beneficiary.partner_id.ids,
                **self._atta_notify_author(),
            )
            return
        # Rendered on this record, logged on the thread (a visit tells the person through its request).
        values = template.sudo()._generate_template(record.ids, ("subject", "body_html"))[record.id]
        thread.message_post(
            **self._atta_notify_author(),
            body=values.get("body_html") or "",
            subject=values.get("subject"),
            message_type="notification",
            subtype_xmlid="mail.mt_comment",
            partner_ids=beneficiary.partner_id.ids,
        )

    def _atta_notify_sms(self, thread, template, beneficiary, mobile):
        """The SMS, rendered in the person's language and put in Odoo's SMS queue (its cron sends it)."""
        record = self.sudo()
        body = template.sudo()._render_field("body", record.ids, compute_lang=True)[record.id]
        partner = beneficiary.partner_id
        # The chatter keeps a copy without the applicant's private link (staff read the chatter, and the link
        # lets its holder act as the applicant); the queued SMS, which only the system reads, carries it.
        message = thread._message_sms(
            self._atta_mask_private_links(body, record, thread),
            partner_ids=partner.ids,
            sms_pid_to_number={partner.id: mobile},
            put_in_queue=True,
            **self._atta_notify_author(),
        )
        # Superuser mode: the SMS queue is the system's (no staff role reads it).
        self.env["sms.sms"].sudo().search([("mail_message_id", "=", message.id)]).write({"body": body})

    def _atta_mask_private_links(self, text, *records):
        """The text with every link that carries one of these records' access tokens replaced by a mark."""
        tokens = {
            token
            for record in records
            if "access_token" in record._fields
            # Superuser mode: the token is read only to find it in the text, never shown.
            for token in record.sudo().mapped("access_token")
            if token
        }
        for token in tokens:
            text = re.sub(
                rf"\S*{re.escape(token)}[\w%&=~-]*",
                self.env._("[private link to the request, sent to the applicant only]"),
                text,
            )
        return text
