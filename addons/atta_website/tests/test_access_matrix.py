from odoo.tests import new_test_user, tagged

from odoo.addons.atta_beneficiary.tests.access_matrix import OPERATIONS, ROLES
from odoo.addons.atta_research.tests.common import AttaResearchCase

from .access_matrix import MATRIX


@tagged("post_install", "-at_install")
class TestWebsiteAccessMatrix(AttaResearchCase):
    """Every model of atta_website x every role x read/write/create/unlink: the public reach none directly."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = {
            "public": cls.env.ref("base.public_user"),
            "portal": cls._portal_beneficiary("w_portal"),
            "internal": cls.employee,
            "officer": cls.officer,
            "researcher": cls.researcher,
            "committee": cls.chair,
            "volunteer": new_test_user(cls.env, "w_matrix_volunteer", groups="atta_research.group_volunteer"),
            "manager": cls.manager,
        }

    def test_the_table_covers_every_model_of_the_addon(self):
        own = {
            name
            for name, model in self.env.registry.items()
            if model._original_module == "atta_website" and not model._abstract and not model._transient
        }
        self.assertEqual(set(MATRIX), own)

    def test_every_cell_of_the_access_matrix(self):
        self.assertAccessMatrix(MATRIX, ROLES, OPERATIONS, self.users)
