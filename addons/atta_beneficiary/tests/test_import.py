import base64
import io
from unittest.mock import patch

from stdnum import luhn

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from ..tools.import_sheet import EXAMPLE_MARK, FAMILY_COLUMNS, MEMBER_COLUMNS
from ..tools.roles import MANAGER
from ..wizards import beneficiary_import
from .common import AttaBeneficiaryCase

IBAN = "SA0380000000608010167519"


def nid(serial, prefix="1"):
    """A valid synthetic identity number (Luhn) for this test."""
    body = f"{prefix}{serial:08d}"
    return body + luhn.calc_check_digit(body)


def arabic_digits(text):
    return text.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))


def workbook(families, members):
    """An XLSX as the template lays it out: Arabic headers, English headers, then the rows."""
    import xlsxwriter  # noqa: PLC0415

    output = io.BytesIO()
    book = xlsxwriter.Workbook(output, {"in_memory": True})
    for title, columns, rows in (("الأسر", FAMILY_COLUMNS, families), ("أفراد الأسر", MEMBER_COLUMNS, members)):
        sheet = book.add_worksheet(title)
        for index, column in enumerate(columns):
            sheet.write_string(0, index, column[1])
            sheet.write_string(1, index, column[2])
        for row, values in enumerate(rows, start=2):
            for index, column in enumerate(columns):
                if column[0] in values:
                    sheet.write_string(row, index, values[column[0]])
    book.close()
    return base64.b64encode(output.getvalue())


@tagged("post_install", "-at_install")
class TestImportFiles(AttaBeneficiaryCase):
    """A manager brings the association's workbook: checked row by row, imported once, never doubled."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.on_file = cls._beneficiary(nid(1), name="Already On File", phone="0509999999")
        cls.other_household = cls._beneficiary(nid(2), name="Other Household", phone="0507777777")
        cls.env["atta.family.member"].create(
            {
                "beneficiary_id": cls.other_household.id,
                "name": "Listed Elsewhere",
                "relation": "son",
                "identity_number": nid(3),
            }
        )
        cls.archived = cls._beneficiary(nid(4), name="Archived File", phone="0506666666")
        cls.archived._set_status("archived", "Moved away")
        F = {
            "identity_number": nid(10),
            "name": "First Family",
            "phone": "0501111111",
            "birth_date": arabic_digits("24/03/1400"),
            "gender": "أنثى",
            "marital_status": "أرملة",
            "categories": "أسر الأيتام، أرامل",
            "household_size": "3",
            "iban": IBAN,
        }
        cls.families = [
            F,  # row 3: new, with two members
            {
                "identity_number": arabic_digits(nid(20)),
                "name": "Second Family",
                "birth_date": "1980-02-09",
                "gender": "male",
                "national_address": "rrrd2929",
            },  # row 4
            {
                "identity_number": nid(1),
                "name": "Already On File",
                "phone": "0508888888",
                "birth_date": "01/01/1400",
            },  # row 5: on file, gains its birth date, keeps its mobile
            {"name": "No Number"},  # row 6
            {"identity_number": "12345", "name": "Short Number"},  # row 7
            {"identity_number": "2000000006", "name": "Iqama As National ID"},  # row 8
            {"identity_number": "1000000000", "name": "Bad Check Digit"},  # row 9
            {"identity_number": nid(30), "identity_type": "بطاقة عائلة", "name": "Unknown Type"},  # row 10
            {"identity_number": nid(31)},  # row 11: no name
            {"identity_number": nid(32), "name": "Bad Mobile", "phone": "12345"},  # row 12
            {"identity_number": nid(33), "name": "Bad Date", "birth_date": "أمس"},  # row 13
            {"identity_number": nid(34), "name": "Future Date", "birth_date": "01/01/2090"},  # row 14
            {"identity_number": nid(35), "name": "Unknown Category", "categories": "فئة غير موجودة"},  # row 15
            {"identity_number": nid(36), "name": "Unknown Gender", "gender": "X"},  # row 16
            {"identity_number": nid(37), "name": "Bad IBAN", "iban": "SA0000000000000000000000"},  # row 17
            {"identity_number": nid(38), "name": "Bad Address", "national_address": "ABC"},  # row 18
            {"identity_number": nid(39), "name": "Size In Words", "household_size": "خمسة"},  # row 19
            {"identity_number": nid(40), "name": "Size Mismatch", "household_size": "4"},  # row 20
            {"identity_number": nid(10), "name": "First Family Again"},  # row 21
            {"identity_number": nid(3), "name": "Member Of Another Household"},  # row 22
            {"identity_number": nid(4), "name": "Archived File"},  # row 23
            {"identity_number": nid(22), "name": "Same Mobile", "phone": "0501111111"},  # row 24
            {"identity_number": nid(41), "name": "Unknown Status", "marital_status": "غير ذلك"},  # row 25
            {"identity_number": nid(42), "name": "Example", "notes": EXAMPLE_MARK},  # never read
        ]
        cls.members = [
            {"head_identity_number": nid(10), "name": "Sara", "relation": "ابنة", "identity_number": nid(11)},  # 3
            {"head_identity_number": nid(10), "name": "Mohammed", "relation": "ابن", "birth_date": "1/1/1440"},  # 4
            {"head_identity_number": nid(20), "name": "Elsewhere", "relation": "son", "identity_number": nid(3)},  # 5
            {"head_identity_number": nid(50), "name": "No Family", "relation": "son"},  # 6
            {"head_identity_number": nid(20), "name": "Head Again", "relation": "son", "identity_number": nid(20)},  # 7
            {
                "head_identity_number": nid(20),
                "name": "Sara Twice",
                "relation": "daughter",
                "identity_number": nid(11),
            },  # 8
            {"head_identity_number": nid(20), "name": "Neighbour", "relation": "جار"},  # 9
            {"head_identity_number": nid(20), "relation": "son"},  # 10: no name
            {
                "head_identity_number": nid(20),
                "name": "Heads Row 24",
                "relation": "son",
                "identity_number": nid(22),
            },  # 11
            {"head_identity_number": nid(40), "name": "Of Mismatch", "relation": "son"},  # 12
            {
                "head_identity_number": nid(20),
                "name": "Bad Number",
                "relation": "son",
                "identity_number": "1000000000",
            },  # 13
            {"name": "No Head", "relation": "son"},  # 14
        ]
        cls.expected_refusals = {
            ("family", 6): "The identity number is missing.",
            ("family", 7): "must have exactly 10 digits",
            ("family", 8): "does not match its type",
            ("family", 9): "its check digit is wrong",
            ("family", 10): "Identity type “بطاقة عائلة” is not one of the accepted values.",
            ("family", 11): "The name is missing.",
            ("family", 12): "The mobile 12345 is not a phone number",
            ("family", 13): "The date “أمس” cannot be read",
            ("family", 14): "The birth date 01/01/2090 is in the future.",
            ("family", 15): "The category “فئة غير موجودة” does not exist",
            ("family", 16): "Gender “X” is not one of the accepted values.",
            ("family", 17): "is not a valid Saudi IBAN",
            ("family", 18): "is not a short national address",
            ("family", 19): "The household size “خمسة” is not a number of people.",
            ("family", 20): "The household size is 4 but the members sheet lists the head and 1 member(s).",
            ("family", 21): "This family is already on row 3 of the families sheet.",
            ("family", 22): "This person is already listed in another household: " + cls.other_household.reference,
            ("family", 23): "An archived file has this identity number",
            ("family", 25): "Marital status “غير ذلك” is not one of the accepted values.",
            ("member", 5): "This person is already listed in another household: " + cls.other_household.reference,
            ("member", 6): "No family on the families sheet has this head's identity number.",
            ("member", 7): "This member is the head of the family and cannot also be its member.",
            ("member", 8): "This person is already listed on row 3 of the members sheet",
            ("member", 9): "Relation “جار” is not one of the accepted values.",
            ("member", 10): "The name is missing.",
            ("member", 11): "This person heads the family on row 24 of the families sheet",
            ("member", 12): "The family on row 20 of the families sheet is refused.",
            ("member", 13): "its check digit is wrong",
            ("member", 14): "The head's identity number is missing",
        }

    def _job(self, user=None, families=None, members=None, name="families-1445.xlsx"):
        """A new import as the web client saves it, then checked."""
        user = user or self.manager
        Import = self.env["atta.beneficiary.import"].with_user(user).with_context(lang=user.lang)
        content = workbook(
            self.families if families is None else families, self.members if members is None else members
        )
        saved = Import.web_save({"file": content, "file_name": name}, specification={"state": {}})
        job = Import.browse(saved[0]["id"])
        job.action_check()
        return job

    def _lines_by_row(self, job):
        return {(line.sheet, line.row): line for line in job.line_ids}

    def test_the_check_refuses_exactly_the_bad_rows_with_their_reason_and_saves_nothing(self):
        files_before = self.env["atta.beneficiary"].with_context(active_test=False).search_count([])
        job = self._job()
        lines = self._lines_by_row(job)
        self.assertEqual(len(lines), 23 + 12, "every row read, the template's example row left out")
        refused = {key for key, line in lines.items() if line.status == "refused"}
        self.assertEqual(refused, set(self.expected_refusals))
        for key, text in self.expected_refusals.items():
            with self.subTest(row=key):
                self.assertIn(text, lines[key].reason)
        self.assertEqual(lines["family", 3].status, "to_create")
        self.assertEqual(lines["family", 4].status, "to_create")
        self.assertEqual(lines["family", 5].status, "to_update")
        self.assertIn("The file keeps its own value for: Phone", lines["family", 5].note)
        self.assertIn("Shares the mobile with the families on rows 24", lines["family", 3].note)
        self.assertEqual(lines["family", 24].status, "to_create", "a shared mobile is reported, not refused")
        self.assertEqual(self.env["atta.beneficiary"].with_context(active_test=False).search_count([]), files_before)
        # The report is the sheet again with a status and a reason on each row.
        import openpyxl  # noqa: PLC0415

        report = openpyxl.load_workbook(io.BytesIO(base64.b64decode(job.report_file)), read_only=True)
        families = list(report.worksheets[0].iter_rows(values_only=True))
        self.assertEqual(families[1][-2:], ("Status", "Reason"))
        self.assertEqual(families[6][0], "12345", "sheet row 7, under the two header rows")
        self.assertEqual(families[6][-2], "Refused")
        self.assertIn("must have exactly 10 digits", families[6][-1])

    def test_the_import_saves_the_valid_rows_as_drafts_with_members_in_their_household(self):
        job = self._job()
        job.action_import()
        self.assertEqual(job.state, "done")
        first = self.env["atta.beneficiary"].search([("identity_number", "=", nid(10))])
        self.assertEqual(first.state, "draft")
        self.assertEqual(first.phone, "+966501111111")
        self.assertEqual(str(first.birth_date), "1980-02-11", "24/03/1400 AH in Arabic-Indic digits")
        self.assertEqual(first.category_ids.mapped("code"), ["orphans", "widows"])
        self.assertEqual(sorted(first.family_member_ids.mapped("name")), ["Mohammed", "Sara"])
        self.assertEqual(first.household_size, 3)
        self.assertEqual(first.partner_id.bank_ids.sanitized_acc_number, IBAN)
        self.assertEqual(first.import_file_name, "families-1445.xlsx")
        self.assertEqual(first.imported_by_id, self.manager)
        self.assertTrue(first.consent_to_collect)
        self.assertFalse(first.consent_ids)
        second = self.env["atta.beneficiary"].search([("identity_number", "=", nid(20))])
        self.assertEqual(second.national_address, "RRRD2929")
        self.assertFalse(second.family_member_ids, "every member given for it was refused")
        self.assertEqual(str(self.on_file.birth_date), "1979-11-20")
        self.assertEqual(self.on_file.phone, "+966509999999", "the file's own mobile is kept")
        self.assertFalse(self.env["atta.beneficiary"].search([("identity_number", "in", [nid(31), nid(40)])]))
        self.assertEqual(len(self.other_household.family_member_ids), 1)
        same_mobile = self.env["atta.beneficiary"].search([("identity_number", "=", nid(22))])
        trail = self.env["atta.audit.log"].search([("action", "=", "import")])
        self.assertEqual(trail.user_id, self.manager)
        self.assertEqual(
            set(map(int, trail.res_ids.split(","))), set((first | second | same_mobile | self.on_file).ids)
        )
        # The desk still has to complete the file: not registered until the declaration is signed.
        with self.assertRaisesText(Exception, "has not signed the declaration"):
            first.with_user(self.officer).action_register()

    def test_importing_the_same_workbook_again_creates_and_changes_nothing(self):
        self._job().action_import()
        Beneficiary = self.env["atta.beneficiary"].with_context(active_test=False)
        counts = (
            Beneficiary.search_count([]),
            self.env["atta.family.member"].search_count([]),
            self.env["res.partner.bank"].search_count([]),
        )
        self.env.flush_all()
        self.env.cr.execute("SELECT id, write_date FROM atta_beneficiary ORDER BY id")
        stamps = self.env.cr.fetchall()
        again = self._job()
        self.assertEqual((again.new_count, again.update_count), (0, 0))
        self.assertEqual(self._lines_by_row(again)["family", 3].status, "unchanged")
        self.assertEqual(self._lines_by_row(again)["member", 3].status, "unchanged")
        again.action_import()
        self.assertEqual(again.done_count, 0)
        self.assertEqual(
            counts,
            (
                Beneficiary.search_count([]),
                self.env["atta.family.member"].search_count([]),
                self.env["res.partner.bank"].search_count([]),
            ),
        )
        self.env.flush_all()
        self.env.cr.execute("SELECT id, write_date FROM atta_beneficiary ORDER BY id")
        self.assertEqual(self.env.cr.fetchall(), stamps)

    def test_a_member_already_in_another_household_is_refused_and_that_household_untouched(self):
        job = self._job(
            families=[{"identity_number": nid(60), "name": "New Family"}],
            members=[
                {"head_identity_number": nid(60), "name": "Elsewhere", "relation": "son", "identity_number": nid(3)}
            ],
        )
        job.action_import()
        family = self.env["atta.beneficiary"].search([("identity_number", "=", nid(60))])
        self.assertTrue(family)
        self.assertFalse(family.family_member_ids)
        self.assertEqual(self.other_household.family_member_ids.identity_number, nid(3))
        self.assertIn(self.other_household.reference, self._lines_by_row(job)["member", 3].reason)

    def test_a_batch_that_fails_is_redone_row_by_row_and_only_the_bad_row_is_refused(self):
        job = self._job(
            families=[{"identity_number": nid(70 + i), "name": f"Family {i}"} for i in range(3)], members=[]
        )
        # Between the check and the import, the desk opens a file for the second family.
        self._beneficiary(nid(71), name="Opened At The Desk", phone="0505555555")
        job.action_import()
        lines = self._lines_by_row(job)
        self.assertEqual([lines["family", r].status for r in (3, 4, 5)], ["created", "refused", "created"])
        self.assertIn("was opened since the check", lines["family", 4].reason)
        self.assertEqual(self.env["atta.beneficiary"].search_count([("identity_number", "=", nid(71))]), 1)

    def test_a_long_workbook_is_imported_by_the_scheduled_job_which_tells_the_manager(self):
        families = [{"identity_number": nid(100 + i), "name": f"Family {i}"} for i in range(5)]
        job = self._job(families=families, members=[])
        with patch.object(beneficiary_import, "IMMEDIATE_LIMIT", 2), patch.object(beneficiary_import, "BATCH_SIZE", 2):
            job.action_import()
            self.assertEqual(job.state, "queued")
            self.assertEqual(job.progress, 0)
            self.env["atta.beneficiary.import"]._cron_run_imports(batches_per_run=1)
            self.assertEqual((job.state, job.families_done), ("queued", 2))
            self.assertEqual(round(job.progress), 40)
            self.env["atta.beneficiary.import"]._cron_run_imports()
        self.assertEqual(job.state, "done")
        self.assertEqual(self.env["atta.beneficiary"].search_count([("imported_by_id", "=", self.manager.id)]), 5)
        notice = self.env["mail.message"].search([("partner_ids", "in", self.manager.partner_id.ids)], limit=1)
        self.assertIn("The import of families-1445.xlsx is finished: 5 row(s) saved", str(notice.body))

    def test_reasons_are_written_in_arabic_for_an_arabic_session(self):
        self.env["res.lang"]._activate_lang("ar_001")
        arabic_manager = new_test_user(self.env, "import_ar_manager", groups=MANAGER, lang="ar_001")
        job = self._job(user=arabic_manager, families=[{"identity_number": nid(80)}], members=[])
        reason = job.line_ids.reason
        self.assertNotIn("The name is missing", reason)
        self.assertRegex(reason, "[\u0600-\u06ff]")

    def test_a_relations_officer_cannot_import_or_run_a_managers_import(self):
        content = workbook(self.families[:1], [])
        with self.assertRaises(AccessError):
            self.env["atta.beneficiary.import"].with_user(self.officer).web_save(
                {"file": content, "file_name": "x.xlsx"}, specification={}
            )
        job = (
            self.env["atta.beneficiary.import"].with_user(self.manager).create({"file": content, "file_name": "x.xlsx"})
        )
        with self.assertRaises(AccessError):
            job.with_user(self.officer).action_check()
        self.assertFalse(job.line_ids)
        self.assertFalse(self.env["atta.beneficiary"].search([("identity_number", "=", nid(10))]))

    def test_the_template_downloads_with_both_sheets_and_the_notes(self):
        import openpyxl  # noqa: PLC0415

        job = self.env["atta.beneficiary.import"].with_user(self.manager).create({})
        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(job.template_file)), read_only=True)
        self.assertEqual(book.sheetnames, ["الأسر", "أفراد الأسر", "ملاحظات"])
        rows = list(book["الأسر"].iter_rows(values_only=True))
        self.assertEqual((rows[0][0], rows[1][0], rows[2][0]), ("رقم الهوية", "Identity Number", "1000000008"))
        # The template as downloaded imports nothing: its example rows are marked.
        job.write({"file": job.template_file, "file_name": "template.xlsx"})
        with self.assertRaisesText(UserError, "holds no row to import"):
            job.action_check()
        self.assertFalse(job.line_ids)

    def test_acceptance_thirty_rows_yield_exactly_their_reasons_and_a_second_import_changes_nothing(self):
        """S7.2 acceptance, as the manager: 30 rows, one refusal reason each where refused, every reason met."""
        self.env["atta.family.member"].create(
            {
                "beneficiary_id": self.other_household.id,
                "name": "Also Elsewhere",
                "relation": "daughter",
                "identity_number": nid(5),
            }
        )
        Beneficiary = self.env["atta.beneficiary"]
        elsewhere = (
            f"This person is already listed in another household: {Beneficiary._atta_file_label(self.other_household)}"
            ". A person belongs to one household at a time: remove them from the other file first, or ask a "
            "manager to record an exception."
        )
        families = [
            {
                "identity_number": nid(200),
                "name": "Acceptance Family",
                "phone": "0502222222",
                "birth_date": arabic_digits("24/03/1400"),
                "categories": "أرامل",
                "iban": IBAN,
            },  # 3: new, with its two members
            {"identity_number": nid(1), "name": "Already On File", "birth_date": "01/01/1400"},  # 4: gains a date
            {"name": "No Number"},
            {"identity_number": "12345", "name": "Short Number"},
            {"identity_number": "2000000006", "name": "Iqama As National ID"},
            {"identity_number": "1000000000", "name": "Bad Check Digit"},
            {"identity_number": nid(201), "identity_type": "بطاقة عائلة", "name": "Unknown Type"},
            {"identity_number": nid(202)},
            {"identity_number": nid(203), "name": "Bad Mobile", "phone": "12345"},  # 11
            {"identity_number": nid(204), "name": "Bad Date", "birth_date": "أمس"},
            {"identity_number": nid(205), "name": "Future Date", "birth_date": "01/01/2090"},
            {"identity_number": nid(206), "name": "Unknown Category", "categories": "فئة غير موجودة"},
            {"identity_number": nid(207), "name": "Unknown Gender", "gender": "X"},
            {"identity_number": nid(208), "name": "Bad IBAN", "iban": "SA0000000000000000000000"},
            {"identity_number": nid(209), "name": "Bad Address", "national_address": "ABC"},
            {"identity_number": nid(210), "name": "Size In Words", "household_size": "خمسة"},
            {"identity_number": nid(211), "name": "Size Mismatch", "household_size": "4"},  # 19
            {"identity_number": nid(200), "name": "Acceptance Family Again"},
            {"identity_number": nid(5), "name": "Member Of Another Household"},
            {"identity_number": nid(4), "name": "Archived File"},  # 22
        ]
        members = [
            {"head_identity_number": nid(200), "name": "Sara", "relation": "ابنة", "identity_number": nid(212)},
            {"head_identity_number": nid(200), "name": "Mohammed", "relation": "ابن", "birth_date": "1/1/1440"},
            {"head_identity_number": nid(200), "name": "Head Again", "relation": "son", "identity_number": nid(200)},
            {"head_identity_number": nid(200), "name": "Heads Row 11", "relation": "son", "identity_number": nid(203)},
            {
                "head_identity_number": nid(200),
                "name": "Sara Twice",
                "relation": "daughter",
                "identity_number": nid(212),
            },
            {"head_identity_number": nid(200), "name": "No Relation"},
            {"head_identity_number": nid(200), "name": "Elsewhere", "relation": "son", "identity_number": nid(3)},
            {"head_identity_number": nid(250), "name": "No Family", "relation": "son"},
            {"name": "No Head", "relation": "son"},
            {"head_identity_number": nid(211), "name": "Of Mismatch", "relation": "son"},  # 12
        ]
        expected = {
            ("family", 5): "The identity number is missing.",
            (
                "family",
                6,
            ): "The identity number 12345 must have exactly 10 digits. Copy it again from the identity card.",
            ("family", 7): "The identity number 2000000006 does not match its type: a Saudi national ID starts with 1 "
            "and an Iqama starts with 2. Correct the number or the identity type.",
            ("family", 8): "The identity number 1000000000 is not a valid number (its check digit is wrong). One digit "
            "was probably typed wrong: copy it again from the identity card.",
            ("family", 9): "Identity type “بطاقة عائلة” is not one of the accepted values.",
            ("family", 10): "The name is missing.",
            ("family", 11): "The mobile 12345 is not a phone number: write a Saudi mobile such as 0501234567.",
            ("family", 12): "The date “أمس” cannot be read: write it as day/month/year, Hijri (24/03/1400) or "
            "Gregorian (09/02/1980).",
            ("family", 13): "The birth date 01/01/2090 is in the future.",
            ("family", 14): "The category “فئة غير موجودة” does not exist: use the names under Configuration → "
            "Beneficiary Categories.",
            ("family", 15): "Gender “X” is not one of the accepted values.",
            ("family", 16): "The IBAN SA0000000000000000000000 is not a valid Saudi IBAN: SA followed by 22 digits, as "
            "on the IBAN certificate.",
            ("family", 17): "ABC is not a short national address: type the four letters and four digits of the "
            "address card, such as RRRD2929.",
            ("family", 18): "The household size “خمسة” is not a number of people.",
            ("family", 19): "The household size is 4 but the members sheet lists the head and 1 member(s).",
            ("family", 20): "This family is already on row 3 of the families sheet.",
            ("family", 21): elsewhere,
            ("family", 22): "An archived file has this identity number "
            f"({Beneficiary._atta_file_label(self.archived)}): reopen it at the desk instead.",
            ("member", 5): "This member is the head of the family and cannot also be its member.",
            ("member", 6): "This person heads the family on row 11 of the families sheet: one household only.",
            ("member", 7): "This person is already listed on row 3 of the members sheet: one household only.",
            ("member", 8): "The relation to the head of the family is missing.",
            ("member", 9): elsewhere,
            ("member", 10): "No family on the families sheet has this head's identity number.",
            ("member", 11): "The head's identity number is missing: it links the member to the family.",
            ("member", 12): "The family on row 19 of the families sheet is refused.",
        }
        files_before = Beneficiary.with_context(active_test=False).search_count([])
        job = self._job(families=families, members=members)
        lines = self._lines_by_row(job)
        self.assertEqual(len(lines), 30)
        refused = {key: line.reason for key, line in lines.items() if line.status == "refused"}
        self.assertEqual(refused, expected, "exactly these rows refused, each with exactly its reason")
        self.assertEqual(set(refused.values()), set(expected.values()))
        self.assertEqual(Beneficiary.with_context(active_test=False).search_count([]), files_before)

        job.action_import()
        self.assertEqual((job.state, job.done_count), ("done", 4))
        family = Beneficiary.search([("identity_number", "=", nid(200))])
        self.assertEqual(sorted(family.family_member_ids.mapped("name")), ["Mohammed", "Sara"])
        self.assertEqual(str(self.on_file.birth_date), "1979-11-20")
        self.assertEqual(
            sorted(self.other_household.family_member_ids.mapped("identity_number")),
            [nid(3), nid(5)],
            "the other household keeps its members",
        )
        self.assertEqual(Beneficiary.with_context(active_test=False).search_count([]), files_before + 1)

        counts = (
            Beneficiary.with_context(active_test=False).search_count([]),
            self.env["atta.family.member"].search_count([]),
            self.env["res.partner.bank"].search_count([]),
        )
        self.env.flush_all()
        self.env.cr.execute("SELECT id, write_date FROM atta_beneficiary ORDER BY id")
        stamps = self.env.cr.fetchall()
        again = self._job(families=families, members=members)
        self.assertEqual((again.new_count, again.update_count, again.unchanged_count), (0, 0, 4))
        self.assertEqual(
            {k: line.reason for k, line in self._lines_by_row(again).items() if line.status == "refused"}, expected
        )
        again.action_import()
        self.assertEqual(again.done_count, 0)
        self.assertEqual(
            counts,
            (
                Beneficiary.with_context(active_test=False).search_count([]),
                self.env["atta.family.member"].search_count([]),
                self.env["res.partner.bank"].search_count([]),
            ),
        )
        self.env.flush_all()
        self.env.cr.execute("SELECT id, write_date FROM atta_beneficiary ORDER BY id")
        self.assertEqual(self.env.cr.fetchall(), stamps)

    def test_a_csv_of_families_brings_its_members_from_a_second_csv(self):
        def csv_file(columns, rows):
            lines = [",".join(c[1] for c in columns)] + [",".join(row.get(c[0], "") for c in columns) for row in rows]
            return base64.b64encode("\n".join(lines).encode("utf-8-sig"))

        families = csv_file(
            FAMILY_COLUMNS, [{"identity_number": nid(300), "name": "CSV Family", "household_size": "2"}]
        )
        members = csv_file(MEMBER_COLUMNS, [{"head_identity_number": nid(300), "name": "Noura", "relation": "ابنة"}])
        Import = self.env["atta.beneficiary.import"].with_user(self.manager)
        # The members CSV chosen as the families file: the manager is told which file goes where.
        wrong = Import.browse(Import.web_save({"file": members, "file_name": "members.csv"}, specification={})[0]["id"])
        with self.assertRaisesText(UserError, "This CSV holds members"):
            wrong.action_check()
        saved = Import.web_save(
            {"file": families, "file_name": "families.csv", "members_file": members, "members_file_name": "m.csv"},
            specification={"is_csv": {}},
        )
        self.assertTrue(saved[0]["is_csv"], "the form shows the members file beside a CSV")
        job = Import.browse(saved[0]["id"])
        job.action_check()
        self.assertEqual((job.family_count, job.member_count, job.refused_count), (1, 1, 0))
        job.action_import()
        family = self.env["atta.beneficiary"].search([("identity_number", "=", nid(300))])
        self.assertEqual(family.family_member_ids.mapped("name"), ["Noura"])
        self.assertEqual(family.household_size, 2)

    def test_a_queued_import_shows_its_progress_and_tells_an_arabic_manager_in_arabic(self):
        self.env["res.lang"]._activate_lang("ar_001")
        arabic_manager = new_test_user(
            self.env, "import_ar_queue", groups="atta_beneficiary.group_manager", lang="ar_001"
        )
        families = [{"identity_number": nid(400 + i), "name": f"Family {i}"} for i in range(4)]
        job = self._job(user=arabic_manager, families=families, members=[])
        with patch.object(beneficiary_import, "IMMEDIATE_LIMIT", 2), patch.object(beneficiary_import, "BATCH_SIZE", 2):
            job.action_import()
            # The scheduled job runs in English, as the server does; it writes as the manager, in Arabic.
            self.env["atta.beneficiary.import"].with_context(lang="en_US")._cron_run_imports(batches_per_run=1)
            shown = job.web_read({"state": {}, "progress": {}})[0]
            self.assertEqual((shown["state"], round(shown["progress"])), ("queued", 50))
            self.env["atta.beneficiary.import"].with_context(lang="en_US")._cron_run_imports()
        self.assertEqual(job.state, "done")
        notice = self.env["mail.message"].search([("partner_ids", "in", arabic_manager.partner_id.ids)], limit=1)
        self.assertEqual(notice.subject, "انتهى استيراد families-1445.xlsx")
        self.assertIn("انتهى استيراد families-1445.xlsx: حُفظ 4 صف", str(notice.body))
