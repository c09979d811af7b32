from odoo import api, models
from odoo.fields import Domain

from odoo.addons.atta_beneficiary.tools.roles import COMMITTEE_MEMBER, RESEARCHER

RESEARCH_READERS = (RESEARCHER, COMMITTEE_MEMBER)
VOLUNTEER_RESTRICTED = "atta.volunteer.restricted.mixin"


class IrAttachment(models.Model):
    """The photos and papers of a home visit are for the researcher and the committee only [S7.3].

    Officers read the research report (score, recommendation) but not its findings; its files follow the
    findings, whichever route asks for them (the report's field, /web/content, ir.attachment searches).

    A volunteer reads a visit or a delivery they help with in part [S5.6], and none of its files: neither a
    file field (the signed receipt) nor what was attached in its chatter.
    """

    _inherit = "ir.attachment"

    def _atta_hides_research_files(self):
        return not self.env.su and not any(self.env.user.has_group(group) for group in RESEARCH_READERS)

    def _atta_closed_models(self):
        """The models whose files the current user may not open, by whichever route."""
        closed = set()
        if self._atta_hides_research_files():
            closed.add("atta.research.visit")
        if self.env[VOLUNTEER_RESTRICTED]._atta_volunteer_only():
            # Every model a volunteer reads in part, including any that inherits the mixin later.
            closed.update(self.env.registry[VOLUNTEER_RESTRICTED]._inherit_children)
        return closed

    @api.model
    def _search(self, domain, *args, **kwargs):
        closed = self._atta_closed_models()
        if closed:
            domain = Domain(domain) & Domain("res_model", "not in", sorted(closed))
        return super()._search(domain, *args, **kwargs)

    def _inaccessible_comodel_records(self, model_and_ids, operation):
        yield from super()._inaccessible_comodel_records(model_and_ids, operation)
        for model in self._atta_closed_models():
            for res_id in model_and_ids.get(model, ()):
                yield model, res_id
