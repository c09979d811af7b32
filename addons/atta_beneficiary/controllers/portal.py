from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


class AttaContactPortal(CustomerPortal):
    """A beneficiary's contact changed from the portal's address form goes through their file [S1, PDPL].

    Odoo's form writes the contact in superuser mode; for a beneficiary, the file's own step writes it instead (the
    same checks of mobile and e-mail, tracking on the file, the audit trail), and a refusal is shown beside the form
    with nothing saved. A beneficiary's contact has no other addresses of its own: the file holds one.
    """

    def _create_or_update_address(self, partner_sudo, *args, **kwargs):
        current = request.env.user.partner_id
        # Superuser mode to know whether a file stands behind the contact only; nothing of it is shown.
        files = request.env["atta.beneficiary"].sudo().with_context(active_test=False)
        if not files.search_count([("partner_id", "in", (partner_sudo or current).ids)], limit=1):
            return super()._create_or_update_address(partner_sudo, *args, **kwargs)
        try:
            with request.env.cr.savepoint():
                return super()._create_or_update_address(
                    partner_sudo.with_context(atta_portal_contact=True), *args, **kwargs
                )
        except (AccessError, UserError, ValidationError) as error:
            return partner_sudo, {"invalid_fields": [], "messages": [error.args[0]]}
