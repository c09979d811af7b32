from odoo import api, models

from odoo.addons.atta_beneficiary.tools.roles import COMMITTEE_MEMBER, OFFICER, RESEARCHER, VOLUNTEER

# Roles that read these records in full; a volunteer holding one of them is staff, not only a volunteer.
STAFF_GROUPS = (
    OFFICER,
    RESEARCHER,
    COMMITTEE_MEMBER,
)


class AttaVolunteerRestrictedMixin(models.AbstractModel):
    """A record a volunteer helps with [S5.6]: they read what the task needs, nothing of the file behind it.

    Each model lists the fields a volunteer may read (`_atta_volunteer_fields`); every other field is closed
    to them on every route (read, search, group by, the chatter's tracking), and so is the chatter itself:
    the researcher's notes and files on a visit are not part of helping with it. A field added later stays
    closed until it is listed.
    """

    _name = "atta.volunteer.restricted.mixin"
    _description = "Record a Volunteer Reads in Part"

    _atta_volunteer_fields = frozenset()

    @api.model
    def _atta_volunteer_only(self):
        """The current user is a volunteer and holds no staff role."""
        user = self.env.user
        return (
            not self.env.su and user.has_group(VOLUNTEER) and not any(user.has_group(group) for group in STAFF_GROUPS)
        )

    @api.model
    def _has_field_access(self, field, operation):
        if field.name not in self._atta_volunteer_fields and self._atta_volunteer_only():
            return False
        return super()._has_field_access(field, operation)

    def _mail_get_operation_for_mail_message_operation(self, message_operation):
        if self._atta_volunteer_only():
            # No document right opens the messages, notes and files of the chatter to a volunteer.
            return dict.fromkeys(self, None)
        return super()._mail_get_operation_for_mail_message_operation(message_operation)

    def _compute_display_name(self):
        if not self._atta_volunteer_only():
            return super()._compute_display_name()
        # The name (a request number) is built from records a volunteer does not read: superuser mode for it only.
        sudoed = self.sudo()
        super(AttaVolunteerRestrictedMixin, sudoed)._compute_display_name()
        for record, sudo_record in zip(self, sudoed, strict=True):
            record.display_name = sudo_record.display_name
        return None
