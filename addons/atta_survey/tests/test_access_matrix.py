from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.atta_beneficiary.tests.access_matrix import OPERATIONS, ROLES

from .access_matrix import MATRIX
from .common import AttaSurveyCase


@tagged("post_install", "-at_install")
class TestAccessMatrix(AttaSurveyCase):
    """Every model of atta_survey x every role x read/write/create/unlink, then the record rules case by case."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = cls._matrix_staff("s")

    def test_the_table_covers_every_model_of_the_addon(self):
        self.assertMatrixCoversTheAddon(MATRIX, "atta_survey")

    def test_every_cell_of_the_access_matrix(self):
        self.assertAccessMatrix(MATRIX, ROLES, OPERATIONS, self.users)

    # ------------------------------------------------------------------ record rules
    def test_staff_see_their_own_improvement_actions_and_acknowledgements(self):
        Action = self.env["atta.improvement.action"]
        own = Action.create({"title": "Waiting room too hot", "owner_id": self.officer.id, "source": "suggestion"})
        other = Action.create({"title": "Late call back", "owner_id": self.manager.id, "source": "complaint"})
        self.assertEqual(Action.with_user(self.officer).search([("id", "in", (own | other).ids)]), own)
        self.assertEqual(Action.with_user(self.manager).search([("id", "in", (own | other).ids)]), own | other)
        policy = self.env["atta.policy"].search([], limit=1)
        version = policy.version_ids[:1]
        Ack = self.env["atta.policy.acknowledgement"]
        with self.assertRaises(AccessError):
            Ack.with_user(self.officer).create({"version_id": version.id, "user_id": self.researcher.id})

    def test_managers_edit_the_satisfaction_survey_and_other_staff_cannot(self):
        survey = self.env.ref("atta_survey.survey_satisfaction")
        survey.with_user(self.manager).write({"title": "How did we serve you?"})
        self.assertEqual(survey.title, "How did we serve you?")
        for role in ("officer", "researcher", "committee"):
            with self.assertRaises(AccessError):
                survey.with_user(self.users[role]).write({"title": "Changed"})
