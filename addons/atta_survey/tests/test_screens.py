"""Every screen of Satisfaction — and the research screens it extends — opens for every role.

Improvement actions are raised by the relations officer and worked on by their owner; the research
records come from the research walk's data. Each role then walks the menus as the web client does.
"""

from odoo.tests import new_test_user, tagged

from odoo.addons.atta_beneficiary.tools.roles import IMPROVEMENT_USER
from odoo.addons.atta_research.tests.test_screens import ResearchScreensData

from .common import AttaSurveyCase


@tagged("post_install", "-at_install")
class TestSurveyScreens(ResearchScreensData, AttaSurveyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._research_screens_data()
        cls.improver = new_test_user(cls.env, "s_improver", groups=IMPROVEMENT_USER, name="Improver Lama", lang="en_US")
        Action = cls.env["atta.improvement.action"].with_user(cls.officer)
        values = {"source": "complaint", "category": "speed", "owner_id": cls.improver.id}
        Action.create(dict(values, title="Callers wait too long on the phone"))
        started = Action.create(dict(values, title="Explain the research visit better"))
        started.with_user(cls.improver).action_start()
        cls.users = cls._screen_users()

    def test_every_role_opens_every_satisfaction_screen(self):
        walkers = self.assertScreensOpen(self.users, "atta_survey", min_screens=5)
        opened = {(model, view) for _where, model, view, _count in walkers["improvement"].opened}
        self.assertIn(("atta.improvement.action", "form"), opened)

    def test_every_role_opens_the_research_screens_satisfaction_extends(self):
        self.assertScreensOpen(self.users, "atta_research", min_screens=20)
