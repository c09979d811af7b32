from odoo import api, models

# What Odoo's portal accepts, besides the user's own rights, to open a record's chatter routes.
PORTAL_ACCESS_PARAMS = ("token", "hash", "pid")


class AttaSupportRequest(models.Model):
    """The tracking link of a request reads it; it never writes on it through Odoo's chatter routes.

    Odoo's portal lets a record's access token (or the hash and pid of a notification link) open every
    chatter route as if its holder could write: /mail/message/post, /mail/attachment/upload, edits and
    reactions. On a support request that would accept any file, in any state, without the content checks
    of the tracking page's own upload [S3.4]. Here the token keeps read access only; what the applicant
    sends goes through /my/requests/<id>/documents, and staff keep the rights their roles give them.
    """

    _inherit = "atta.support.request"

    @api.model
    def _get_thread_with_access(self, thread_id, *, mode="read", **kwargs):
        if mode != "read":
            kwargs = {key: value for key, value in kwargs.items() if key not in PORTAL_ACCESS_PARAMS}
        return super()._get_thread_with_access(thread_id, mode=mode, **kwargs)
