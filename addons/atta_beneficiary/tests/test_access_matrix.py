from odoo.tests import tagged

from .access_matrix import MATRIX, OPERATIONS, ROLES
from .common import AttaBeneficiaryCase


@tagged("post_install", "-at_install")
class TestBeneficiaryAccessMatrix(AttaBeneficiaryCase):
    """Every model of atta_beneficiary x every role installed x read/write/create/unlink."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = cls._matrix_users("b")

    def test_the_table_covers_every_model_of_the_addon(self):
        self.assertMatrixCoversTheAddon(MATRIX, "atta_beneficiary")

    def test_every_cell_of_the_access_matrix(self):
        checked = self.assertAccessMatrix(MATRIX, ROLES, OPERATIONS, self.users)
        self.assertGreaterEqual(checked, len(MATRIX) * 5 * len(OPERATIONS), "at least the roles of this addon")
