from odoo import http
from odoo.http import request
from odoo.tools import format_date, is_html_empty

from odoo.addons.atta_beneficiary.tools import hijri_date_string


class AttaPublicPages(http.Controller):
    """The service catalogue and the policies in force, open to everyone [S3.3, S5.7]."""

    @http.route("/services", type="http", auth="public", website=True, sitemap=True, methods=["GET"])
    def services(self, **kwargs):
        # Only the active support types offered online (read as superuser by the website helper):
        # what each is for, the documents it needs and the decision period are the applicant's to know.
        support_types = request.website._atta_public_support_types()
        return request.render("atta_website.services_page", {"support_types": support_types})

    @http.route("/policies", type="http", auth="public", website=True, sitemap=True, methods=["GET"])
    def policies(self, **kwargs):
        # Visitors hold no right on the policy library: read as superuser, and show only the version in
        # force of the policies a manager published — never a draft, a superseded text or the review notes.
        policies = (
            request.env["atta.policy"]
            .sudo()
            .search([("website_published", "=", True), ("current_version_id", "!=", False)])
        )
        lang = request.env.lang or "en_US"
        versions = [
            {
                "policy": policy,
                "version": policy.current_version_id,
                # The version's full text when it has one; a text written clause by clause otherwise.
                "body": not is_html_empty(policy.current_version_id.body) and policy.current_version_id.body,
                "clauses": policy.current_version_id.clause_ids,
                "date": format_date(request.env, policy.current_version_id.approval_date, lang_code=lang),
                "hijri": self._hijri(policy.current_version_id, lang),
            }
            for policy in policies
        ]
        return request.render("atta_website.policies_page", {"versions": versions})

    @staticmethod
    def _hijri(version, lang):
        """The Hijri date as the board minutes wrote it, else as computed from the Gregorian date."""
        if version.approval_date_hijri:
            era = "هـ" if lang.startswith("ar") else "AH"
            return f"{version.approval_date_hijri} {era}"
        return hijri_date_string(version.approval_date, lang)
