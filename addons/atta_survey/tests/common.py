from odoo.addons.atta_research.tests.common import AttaResearchCase


class AttaSurveyCase(AttaResearchCase):
    """The research roles and a complete file (AttaResearchCase), and the association's satisfaction survey."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.survey = cls.env.ref("atta_survey.survey_satisfaction")
