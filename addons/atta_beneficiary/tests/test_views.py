from lxml import etree

from odoo.tests import tagged

from .common import AttaBeneficiaryCase


@tagged("post_install", "-at_install")
class TestArabicViews(AttaBeneficiaryCase):
    def test_beneficiary_form_renders_in_arabic(self):
        self.env["res.lang"]._activate_lang("ar_001")
        self.env["ir.module.module"]._load_module_terms(["atta_beneficiary"], ["ar_001"], overwrite=True)
        arabic = self.env["res.lang"]._lang_get("ar_001")
        self.assertEqual(arabic.direction, "rtl")
        env = self.env(user=self.officer, context={"lang": "ar_001"})
        views = env["atta.beneficiary"].get_views(
            [(False, "form"), (False, "list"), (False, "kanban"), (False, "search")]
        )
        form = etree.fromstring(views["views"]["form"]["arch"])
        buttons = [b.get("string") for b in form.iter("button") if b.get("name") == "action_register"]
        self.assertEqual(buttons, ["تسجيل الملف"])
        self.assertEqual(views["models"]["atta.beneficiary"]["fields"]["identity_number"]["string"], "رقم الهوية")
        beneficiary = self._beneficiary(birth_date="2023-10-09").with_env(env)
        self.assertEqual(beneficiary.birth_date_hijri, "24/3/1445 هـ")
        self.assertEqual(dict(beneficiary._fields["state"]._description_selection(env))["draft"], "مسودة")
