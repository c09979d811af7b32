"""Every screen of Distribution — and the research screens it extends — opens for every role.

Funds, programmes (cash and in kind), enrolments (one by the committee's decision), rounds and a
payment batch signed once are made by their roles; then each role walks the menus as the web
client does.
"""

from odoo import fields
from odoo.tests import tagged

from odoo.addons.atta_research.tests.test_screens import ResearchScreensData

from .common import AttaDistributionCase


@tagged("post_install", "-at_install")
class TestDistributionScreens(ResearchScreensData, AttaDistributionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._research_screens_data()
        cls.allowance = cls._allowance(amount=1000)
        cls.basket = cls._basket()
        cls._stock(cls.rice, 100)
        cls._stock(cls.oil, 100)
        families = cls._families(3)
        cls._enrol_in_bulk(cls.allowance, families, fields.Date.today())
        cls._enrol_in_bulk(cls.basket, families[:1], fields.Date.today())
        case = cls("run")
        # One family enrolled by the committee's decision; its request is what members open.
        cls.enrolled_request = case._request(beneficiary=cls._household())
        case._decide_enrolment(cls.enrolled_request, cls._allowance(fund=cls.general_fund, name="Rent help"))
        case._register(cls.enrolled_request.beneficiary_id)
        cls.enrolled_request.with_user(cls.officer).action_enrol()
        # A cash round signed once, an in-kind round prepared.
        batch = case._approve(case._round(cls.allowance)).batch_id
        batch.with_user(cls.finance_a).action_approve()
        case._round(cls.basket)
        cls.users = cls._screen_users()

    def test_every_role_opens_every_distribution_screen(self):
        walkers = self.assertScreensOpen(self.users, "atta_distribution", min_screens=10)
        opened = {(model, view) for _where, model, view, _count in walkers["finance"].opened}
        self.assertIn(("atta.payment.batch", "form"), opened)

    def test_every_role_opens_the_research_screens_distribution_extends(self):
        self.assertScreensOpen(self.users, "atta_research", min_screens=20)
