"""Every screen of Beneficiaries opens for every role, the way the web client opens it.

A registered file and a draft one, a contact, letters and a data request are made by the relations
officer; then each role walks the menus it sees (lists, forms on one record per state, new records).
"""

from odoo.tests import tagged

from .common import AttaBeneficiaryCase
from .screen_walker import ScreenWalkMixin


@tagged("post_install", "-at_install")
class TestBeneficiaryScreens(ScreenWalkMixin, AttaBeneficiaryCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        officer_env = cls.env(user=cls.officer)
        registered = cls._complete_file(cls._beneficiary().with_env(officer_env))
        registered.action_register()
        cls._beneficiary("1000000016", name="Huda Nasser Alharbi", phone="0559876543").with_env(officer_env)
        officer_env["atta.interaction"].create(
            {
                "name": "Asked about the food basket",
                "beneficiary_id": registered.id,
                "channel_id": cls.channel_phone.id,
            }
        )
        officer_env["atta.letter"].create({"subject": "Decision", "direction": "outgoing", "date": "2026-11-26"})
        officer_env["atta.data.request"].create(
            {
                "kind": "access",
                "identity_type": registered.identity_type,
                "identity_number": registered.identity_number,
                "requester_name": registered.name,
                "channel_id": cls.channel_interview.id,
            }
        )
        cls.users = cls._screen_users()

    def test_every_role_opens_every_beneficiary_screen(self):
        walkers = self.assertScreensOpen(self.users, "atta_beneficiary", min_screens=15)
        opened = {(model, view) for _where, model, view, _count in walkers["officer"].opened}
        self.assertIn(("atta.beneficiary", "form"), opened)
        self.assertIn(("atta.data.request", "form"), opened)
