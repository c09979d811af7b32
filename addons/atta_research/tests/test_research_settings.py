"""A manager of Beneficiary Relations edits the Social Research settings (Configuration → Settings)
without being an Odoo administrator, through the calls the web client makes."""

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import AttaResearchCase

SPEC = {
    "atta_calendar_id": {"fields": {"display_name": {}}},
    "atta_appeal_window_days": {},
    "atta_reminder_days": {},
    "atta_apply_limit_per_ip_hour": {},
    "atta_apply_max_upload_mb": {},
    "atta_apply_captcha": {},
}


@tagged("post_install", "-at_install")
class TestResearchSettings(AttaResearchCase):
    def _open(self, user):
        Settings = self.env["atta.research.settings"].with_user(user)
        return Settings.onchange({}, [], SPEC)["value"]

    def test_a_manager_reads_and_saves_the_settings(self):
        self.env["ir.config_parameter"].set_param("atta_research.apply_limit_per_ip_hour", "7")
        shown = self._open(self.manager)
        self.assertEqual(shown["atta_appeal_window_days"], self.env.company.atta_appeal_window_days)
        self.assertEqual(shown["atta_apply_limit_per_ip_hour"], 7)
        self.assertEqual(shown["atta_calendar_id"]["id"], self.calendar.id)
        self.assertFalse(shown["atta_apply_captcha"])
        settings = self.env["atta.research.settings"].with_user(self.manager)
        [record] = settings.web_save(
            {"atta_appeal_window_days": 45, "atta_apply_limit_per_ip_hour": 9, "atta_apply_max_upload_mb": 2.5},
            {"id": {}},
        )
        settings.browse(record["id"]).execute()
        self.assertEqual(self.env.company.atta_appeal_window_days, 45)
        params = self.env["ir.config_parameter"]
        self.assertEqual(params.get_param("atta_research.apply_limit_per_ip_hour"), "9")
        self.assertEqual(params.get_param("atta_research.apply_max_upload_mb"), "2.5")
        # Values the manager did not touch keep what they were.
        self.assertEqual(self._open(self.manager)["atta_reminder_days"], self.env.company.atta_reminder_days)

    def test_a_value_out_of_bounds_is_refused_and_nothing_changes(self):
        before = self.env.company.atta_appeal_window_days
        settings = self.env["atta.research.settings"].with_user(self.manager)
        [record] = settings.web_save({"atta_appeal_window_days": 0}, {"id": {}})
        with self.assertRaisesText(UserError, "must be at least 1"):
            settings.browse(record["id"]).execute()
        self.assertEqual(self.env.company.atta_appeal_window_days, before)

    def test_other_roles_cannot_open_or_save_the_settings(self):
        before = self.env.company.atta_appeal_window_days
        for user in (self.officer, self.researcher, self.chair, self.employee):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.env["atta.research.settings"].with_user(user).web_save({"atta_appeal_window_days": 99}, {})
        self.assertEqual(self.env.company.atta_appeal_window_days, before)
