from odoo import http
from odoo.http import request

FOLLOW_FIELDS = ("identity_number", "mobile", "request_number")


class AttaFollowPage(http.Controller):
    """ "Follow my request" for a visitor without an account [S3.4]: the private link is sent again by SMS.

    The answer never depends on who is on file: a well-formed form always gets the same page, and a
    text message leaves only towards the mobile registered on a matching file. The visitor's address is
    resolved behind a proxy with `proxy_mode` (see the README).
    """

    @http.route("/follow", type="http", auth="public", website=True, sitemap=True, methods=["GET"])
    def follow_form(self, **kwargs):
        return self._render({}, {})

    @http.route("/follow", type="http", auth="public", website=True, sitemap=False, methods=["POST"], csrf=True)
    def follow_post(self, **kwargs):
        # A visitor records their own look-up and, on a match, sends one SMS to the file's mobile: hence sudo.
        Follow = request.env["atta.follow.request"].sudo()
        values, errors = Follow._read_form(kwargs)
        if errors:
            return self._render(kwargs, errors)
        problem = Follow._follow(values, request.httprequest.remote_addr)
        if problem:
            return self._render(kwargs, {"_form": problem})
        return request.render("atta_website.follow_sent")

    def _render(self, raw, errors):
        # Only text the visitor typed is shown back.
        typed = {name: raw.get(name) for name in FOLLOW_FIELDS if isinstance(raw.get(name), str)}
        return request.render(
            "atta_website.follow_page",
            {
                "typed": typed,
                "errors": errors,
                "form_error": errors.get("_form")
                or (errors and request.env._("Some answers need your attention: they are marked in red.")),
            },
        )
