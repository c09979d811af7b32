from odoo import api, models
from odoo.fields import Domain

RESEARCH_READERS = ("atta_research.group_social_researcher", "atta_research.group_committee_member")


class IrAttachment(models.Model):
    """The photos and papers of a home visit are for the researcher and the committee only [S7.3].

    Officers read the research report (score, recommendation) but not its findings; its files follow the
    findings, whichever route asks for them (the report's field, /web/content, ir.attachment searches).
    """

    _inherit = "ir.attachment"

    def _atta_hides_research_files(self):
        return not self.env.su and not any(self.env.user.has_group(group) for group in RESEARCH_READERS)

    @api.model
    def _search(self, domain, *args, **kwargs):
        if self._atta_hides_research_files():
            domain = Domain(domain) & Domain("res_model", "!=", "atta.research.visit")
        return super()._search(domain, *args, **kwargs)

    def _inaccessible_comodel_records(self, model_and_ids, operation):
        yield from super()._inaccessible_comodel_records(model_and_ids, operation)
        if self._atta_hides_research_files():
            for res_id in model_and_ids.get("atta.research.visit", ()):
                yield "atta.research.visit", res_id
