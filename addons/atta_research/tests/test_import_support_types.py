import base64
import csv
import io

from stdnum import luhn

from odoo.tests import new_test_user, tagged

from odoo.addons.atta_beneficiary.tools.import_sheet import FAMILY_COLUMNS

from .common import AttaResearchCase


def nid(serial):
    body = f"1{serial:08d}"
    return body + luhn.calc_check_digit(body)


def families_csv(rows):
    """A CSV of the families sheet as the template lays it out, with the support types column."""
    keys = [column[0] for column in FAMILY_COLUMNS] + ["support_types"]
    output = io.StringIO()
    writer = csv.writer(output)
    writer.writerow([column[1] for column in FAMILY_COLUMNS] + ["أنواع الدعم السابقة"])
    writer.writerow([column[2] for column in FAMILY_COLUMNS] + ["Support Received"])
    for row in rows:
        writer.writerow([row.get(key, "") for key in keys])
    return base64.b64encode(output.getvalue().encode("utf-8-sig"))


@tagged("post_install", "-at_install")
class TestImportSupportTypes(AttaResearchCase):
    """The association's workbook says which support each family was receiving: read by name, kept on the file."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("ar_001")
        cls.cash.with_context(lang="ar_001").name = "مساعدة نقدية"
        cls.arabic_manager = new_test_user(
            cls.env, "r_import_ar", groups="atta_beneficiary.group_manager", name="Manager Noura", lang="ar_001"
        )
        cls.on_file = cls._complete_beneficiary(nid(500), "Already On File")

    def _checked(self, rows, user):
        Import = self.env["atta.beneficiary.import"].with_user(user).with_context(lang=user.lang)
        saved = Import.web_save({"file": families_csv(rows), "file_name": "old-files.csv"}, specification={})
        job = Import.browse(saved[0]["id"])
        job.action_check()
        return job

    def test_support_types_are_read_by_name_and_an_unknown_one_is_refused_in_arabic(self):
        rows = [
            {"identity_number": nid(501), "name": "Receives Two", "support_types": "مساعده نقديه، Food basket"},
            {"identity_number": nid(502), "name": "Unknown Support", "support_types": "cash, سبائك ذهب"},
            {"identity_number": nid(503), "name": "Nothing Before"},
            {"identity_number": nid(500), "name": "Already On File", "support_types": "food_basket"},
        ]
        files_before = self.env["atta.beneficiary"].search_count([])
        job = self._checked(rows, self.arabic_manager)
        lines = {line.row: line for line in job.line_ids}
        self.assertEqual(
            {r: lines[r].status for r in (3, 4, 5, 6)},
            {3: "to_create", 4: "refused", 5: "to_create", 6: "to_update"},
            job.line_ids.mapped("reason"),
        )
        self.assertEqual(
            lines[4].reason,
            "نوع الدعم «سبائك ذهب» غير مسجل: استخدموا الأسماء الموجودة في البحث الاجتماعي ← الإعدادات ← أنواع الدعم.",
        )
        self.assertEqual(self.env["atta.beneficiary"].search_count([]), files_before, "the check saves nothing")

        job.action_import()
        self.assertEqual(job.state, "done")
        Beneficiary = self.env["atta.beneficiary"].with_user(self.arabic_manager)
        created = Beneficiary.search([("identity_number", "in", [nid(501), nid(502), nid(503)])])
        self.assertEqual(sorted(created.mapped("identity_number")), [nid(501), nid(503)])
        read = {
            record["identity_number"]: record["imported_support_type_ids"]
            for record in created.web_read({"identity_number": {}, "imported_support_type_ids": {}})
        }
        self.assertEqual(sorted(read[nid(501)]), sorted((self.cash | self.food).ids))
        self.assertEqual(read[nid(503)], [])
        self.assertEqual(self.on_file.imported_support_type_ids, self.food, "a file on record gains what it lacked")

        # The same workbook again: every accepted family already has its support types; nothing changes.
        again = self._checked(rows, self.arabic_manager)
        self.assertEqual((again.new_count, again.update_count), (0, 0))
        self.assertEqual(again.unchanged_count, 3)

    def test_the_template_has_the_support_types_column_and_its_note(self):
        import openpyxl  # noqa: PLC0415

        job = self.env["atta.beneficiary.import"].with_user(self.manager).create({})
        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(job.template_file)), read_only=True)
        headers = list(book["الأسر"].iter_rows(values_only=True))[:2]
        self.assertEqual((headers[0][-1], headers[1][-1]), ("أنواع الدعم السابقة", "Support Received"))
        notes = [row[2] for row in book["ملاحظات"].iter_rows(values_only=True)]
        self.assertIn("Support Received", notes)
