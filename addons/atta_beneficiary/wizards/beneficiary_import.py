import base64
import re

import psycopg2
from markupsafe import Markup
from stdnum.iso7064 import mod_97_10

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command
from odoo.tools import SQL

from ..tools import check_roles, identity_number_problem, normalize_digits, normalize_identity, phone_to_e164
from ..tools.hijri import HijriDateError, parse_date_either
from ..tools.import_sheet import (
    FAMILY_COLUMNS,
    FAMILY_SHEET,
    MEMBER_COLUMNS,
    MEMBER_SHEET,
    SheetError,
    folded,
    read_workbook,
    report_workbook,
    split_names,
    template_workbook,
)
from ..tools.roles import MANAGER

# SA, two check digits, then 22 characters (ISO 13616); the check digits are verified by mod 97.
SAUDI_IBAN = re.compile(r"SA\d{4}[0-9A-Z]{18}")

# Rows written to the database at once while reading, and families saved per savepoint.
READ_CHUNK = 1000
BATCH_SIZE = 100
# The family a row of the job belongs to: its own identity number on the families sheet, its head's on the
# members sheet; a row without one is a household of its own.
HOUSEHOLD = SQL(
    "COALESCE(CASE sheet WHEN 'family' THEN identity_number ELSE head_identity_number END, 'row ' || id::text)"
)
# A sheet with more families than this is imported by the scheduled job, batch after batch.
IMMEDIATE_LIMIT = 200
# Words an association's sheet uses for the values of a choice, beside the labels of the field.
SYNONYMS = {
    "identity_type": {
        "هوية": "national_id",
        "هوية وطنية": "national_id",
        "سعودي": "national_id",
        "اقامة": "iqama",
        "إقامة": "iqama",
        "هوية مقيم": "iqama",
        "حدود": "border_number",
        "رقم حدود": "border_number",
        "هوية خليجية": "gcc_id",
        "جواز": "passport",
        "جواز سفر": "passport",
    },
    "gender": {"ذكر": "male", "أنثى": "female", "انثى": "female", "m": "male", "f": "female"},
    "marital_status": {
        "أعزب": "single",
        "اعزب": "single",
        "عزباء": "single",
        "متزوج": "married",
        "متزوجة": "married",
        "مطلق": "divorced",
        "مطلقة": "divorced",
        "أرمل": "widowed",
        "ارمل": "widowed",
        "أرملة": "widowed",
        "ارملة": "widowed",
        "معلقة": "abandoned",
        "مهجورة": "abandoned",
    },
    "relation": {
        "زوج": "spouse",
        "زوجة": "spouse",
        "ابن": "son",
        "إبن": "son",
        "ابنة": "daughter",
        "بنت": "daughter",
        "أب": "father",
        "اب": "father",
        "أم": "mother",
        "ام": "mother",
        "أخ": "brother",
        "اخ": "brother",
        "أخت": "sister",
        "اخت": "sister",
        "حفيد": "grandchild",
        "حفيدة": "grandchild",
        "قريب": "other",
        "قريب آخر": "other",
    },
}
# What an existing file receives from the sheet when it lacks it; a value it holds is never replaced.
FILL_FIELDS = ("phone", "birth_date", "gender", "marital_status", "city", "national_address")


class AttaBeneficiaryImport(models.TransientModel):
    """Bring the association's existing files into Atta: check every row as the desk would, then import.

    The check saves nothing but the report. The import saves the valid rows only, in batches that each
    stand or fall together (a failing batch is redone row by row, the bad row reported), keyed by the
    identity number: the same workbook imported twice changes nothing the second time [S7.2].
    """

    _name = "atta.beneficiary.import"
    _description = "Import of Existing Beneficiary Files"
    _order = "id desc"
    # A long import runs for a while after the check: the job and its report are kept a week.
    _transient_max_hours = 24 * 7

    file = fields.Binary(string="Workbook", help="The filled template (XLSX) or a CSV of the families sheet.")
    file_name = fields.Char()
    is_csv = fields.Boolean(string="CSV File", compute="_compute_is_csv")
    members_file = fields.Binary(
        string="Members (CSV)",
        help="A CSV holds one sheet: the members go in a second CSV with the headers of the template's "
        "members sheet, each member with the identity number of the head of the family.",
    )
    members_file_name = fields.Char()
    state = fields.Selection(
        [
            ("draft", "To Check"),
            ("checked", "Checked"),
            ("queued", "Importing"),
            ("done", "Imported"),
        ],
        default="draft",
        required=True,
    )
    line_ids = fields.One2many("atta.beneficiary.import.line", "import_id", string="Rows")
    refused_line_ids = fields.One2many(
        "atta.beneficiary.import.line", "import_id", domain=[("status", "=", "refused")], string="Refused Rows"
    )
    family_count = fields.Integer(compute="_compute_counts", string="Families")
    member_count = fields.Integer(compute="_compute_counts", string="Members")
    new_count = fields.Integer(compute="_compute_counts", string="New")
    update_count = fields.Integer(compute="_compute_counts", string="To Update")
    unchanged_count = fields.Integer(compute="_compute_counts", string="Unchanged")
    refused_count = fields.Integer(compute="_compute_counts", string="Refused")
    done_count = fields.Integer(compute="_compute_counts", string="Saved")
    families_to_import = fields.Integer(readonly=True)
    families_done = fields.Integer(readonly=True)
    progress = fields.Float(compute="_compute_progress")
    report_file = fields.Binary(string="Report", readonly=True)
    report_name = fields.Char(readonly=True)
    template_file = fields.Binary(string="Template", compute="_compute_template_file")
    template_name = fields.Char(compute="_compute_template_file")
    imported_on = fields.Datetime(readonly=True)

    def _compute_counts(self):
        groups = self.env["atta.beneficiary.import.line"]._read_group(
            [("import_id", "in", self.ids)], ["import_id", "sheet", "status"], ["__count"]
        )
        counts = {}
        for job, sheet, status, count in groups:
            counts.setdefault(job.id, []).append((sheet, status, count))
        for job in self:
            found = counts.get(job.id, [])
            job.family_count = sum(c for s, _st, c in found if s == "family")
            job.member_count = sum(c for s, _st, c in found if s == "member")
            job.new_count = sum(c for _s, st, c in found if st == "to_create")
            job.update_count = sum(c for _s, st, c in found if st == "to_update")
            job.unchanged_count = sum(c for _s, st, c in found if st == "unchanged")
            job.refused_count = sum(c for _s, st, c in found if st == "refused")
            job.done_count = sum(c for _s, st, c in found if st in ("created", "updated"))

    @api.depends("file_name")
    def _compute_is_csv(self):
        for job in self:
            job.is_csv = (job.file_name or "").lower().endswith(".csv")

    @api.depends("families_to_import", "families_done")
    def _compute_progress(self):
        for job in self:
            job.progress = 100.0 * job.families_done / job.families_to_import if job.families_to_import else 0.0

    def _compute_template_file(self):
        content = base64.b64encode(template_workbook(self._family_columns()))
        for job in self:
            job.template_file = content
            job.template_name = "atta_beneficiaries_template.xlsx"

    # ------------------------------------------------------------------ actions
    def action_check(self):
        """The dry run: every row read and checked; nothing saved but the report."""
        self.ensure_one()
        self._check_manager()
        if self.state not in ("draft", "checked"):
            raise UserError(self.env._("This workbook is being imported or was imported: start a new import."))
        if not self.file:
            raise UserError(self.env._("Choose the filled workbook (XLSX) or a CSV file first."))
        self._check_rows()
        self.state = "checked"
        return self._reopen()

    def action_import(self):
        """Save the valid rows: right away for a short sheet, by the scheduled job for a long one."""
        self.ensure_one()
        self._check_manager()
        if self.state != "checked":
            raise UserError(self.env._("Check the workbook first: the import saves only rows the check accepted."))
        # Counted in the database: reading every row into memory would grow with the sheet.
        families = self.env["atta.beneficiary.import.line"].search_count(
            [("import_id", "=", self.id), ("sheet", "=", "family"), ("status", "in", ("to_create", "to_update"))]
        )
        self.write({"families_to_import": families, "families_done": 0, "state": "queued"})
        if families <= IMMEDIATE_LIMIT:
            self._import_batches()
        else:
            self.env.ref("atta_beneficiary.ir_cron_beneficiary_import")._trigger()
        return self._reopen()

    def action_new_import(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "view_mode": "form",
            "target": "new",
            "name": self.env._("Import Files"),
        }

    def _reopen(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
            "name": self.env._("Import Files"),
        }

    def _check_manager(self):
        check_roles(self, (MANAGER,), self.env._("import files"))

    # ------------------------------------------------------------------ reading and checking each row
    def _check_rows(self):
        Line = self.env["atta.beneficiary.import.line"]
        self.line_ids.unlink()
        self.write({"report_file": False, "report_name": False})
        lookups = self._lookups()
        buffer = []
        try:
            members_csv = base64.b64decode(self.members_file) if self.members_file and self.is_csv else None
            rows = read_workbook(base64.b64decode(self.file), self.file_name, self._family_columns(), members_csv)
            for sheet, row, cells in rows:
                parse = self._parse_family if sheet == "family" else self._parse_member
                values, problems = parse(cells, lookups)
                buffer.append(
                    {
                        "import_id": self.id,
                        "sheet": sheet,
                        "row": row,
                        "identity_number": values.get("identity_number") or False,
                        "head_identity_number": values.get("head_identity_number") or False,
                        "name": cells.get("name") or False,
                        "mobile": values.get("phone") or False,
                        "iban": values.get("iban") or False,
                        "household_size": values.get("household_size") or 0,
                        "status": "refused" if problems else "to_create",
                        "reason": "\n".join(problems) or False,
                        "raw": cells,
                        "values": values,
                    }
                )
                if len(buffer) >= READ_CHUNK:
                    Line.create(buffer)
                    buffer = []
                    self.env.invalidate_all()  # keep memory flat: rows already written are read back later
        except SheetError as error:
            raise UserError(self._sheet_error_message(error.reason)) from error
        if buffer:
            Line.create(buffer)
        self.env.flush_all()
        if not Line.search_count([("import_id", "=", self.id)], limit=1):
            raise UserError(self._sheet_error_message("empty"))
        self._check_across_rows()
        self._check_against_registry()
        self._write_report()

    def _sheet_error_message(self, reason):
        return {
            "format": self.env._(
                "This file cannot be read as a workbook. Save it from Excel as .xlsx (or as CSV UTF-8) and try again."
            ),
            "headers": self.env._(
                "The columns of this file are not those of the template: download the template and copy your "
                "rows under its headers."
            ),
            "member_headers": self.env._(
                "The columns of the members file are not those of the template's members sheet: copy the members "
                "under its headers, beginning with the head's identity number."
            ),
            "members_as_families": self.env._(
                "This CSV holds members: choose the CSV of the families as the workbook and this one as the members "
                "file."
            ),
            "empty": self.env._("The file holds no row to import under the template's headers."),
        }[reason]

    # ------------------------------------------------------------------ columns other addons add
    @api.model
    def _import_extra_columns(self):
        """Columns another addon adds to the families sheet, with the check of their cells.

        A list of (column, check): `column` as in FAMILY_COLUMNS (key, Arabic header, English header, Arabic
        note, English note); `check(text, lookups, problems)` returns the value kept in the row's values under
        the column's key and appends to `problems` why the row is refused, in the reader's language.
        What the value means for the file is said by `_import_extra_changes`.
        """
        return []

    @api.model
    def _import_extra_changes(self, beneficiary, values):
        """The values the extra columns of a checked row add to `beneficiary` (empty: the new file)."""
        return {}

    @api.model
    def _family_columns(self):
        return FAMILY_COLUMNS + [column for column, _check in self._import_extra_columns()]

    @api.model
    def _lookups(self):
        """Choices and categories by every name the sheet may use: the labels in each installed language."""
        languages = [code for code, _name in self.env["res.lang"].get_installed()]
        Beneficiary = self.env["atta.beneficiary"]
        Member = self.env["atta.family.member"]
        choices = {}
        for key, model in (
            ("identity_type", Beneficiary),
            ("gender", Beneficiary),
            ("marital_status", Beneficiary),
            ("relation", Member),
        ):
            names = {}
            for lang in languages:
                for value, label in model._fields[key]._description_selection(self.env(context={"lang": lang})):
                    names[folded(label)] = value
                    names[folded(value)] = value
            names.update({folded(word): value for word, value in SYNONYMS[key].items()})
            choices[key] = names
        categories = {}
        for lang in languages:
            for category in (
                self.env["atta.beneficiary.category"].with_context(lang=lang).search([("active", "=", True)])
            ):
                categories[folded(category.name)] = category.id
                categories[folded(category.code)] = category.id
        return {"choices": choices, "categories": categories}

    def _choice(self, key, text, lookups, problems, label):
        if not text:
            return False
        value = lookups["choices"][key].get(folded(text))
        if not value:
            problems.append(
                self.env._("%(label)s “%(value)s” is not one of the accepted values.", label=label, value=text)
            )
        return value or False

    def _parse_identity(self, cells, lookups, problems, required=True):
        number = normalize_identity(cells.get("identity_number"))
        identity_type = self._choice(
            "identity_type", cells.get("identity_type"), lookups, problems, self.env._("Identity type")
        )
        identity_type = identity_type or "national_id"
        if not number:
            if required:
                problems.append(self.env._("The identity number is missing."))
            return number, identity_type
        problem = identity_number_problem(identity_type, number)
        if problem:
            problems.append(self.env["atta.beneficiary"]._identity_problem_message(problem, number))
        return number, identity_type

    def _parse_date(self, text, problems):
        if not text:
            return False
        try:
            value, _calendar = parse_date_either(text)
        except HijriDateError:
            problems.append(
                self.env._(
                    "The date “%(date)s” cannot be read: write it as day/month/year, Hijri (24/03/1400) or "
                    "Gregorian (09/02/1980).",
                    date=text,
                )
            )
            return False
        if value > fields.Date.context_today(self):
            problems.append(self.env._("The birth date %(date)s is in the future.", date=text))
            return False
        return value.isoformat()

    def _parse_family(self, cells, lookups):
        problems = []
        number, identity_type = self._parse_identity(cells, lookups, problems)
        values = {"identity_number": number, "identity_type": identity_type, "name": cells.get("name", "")}
        if not values["name"]:
            problems.append(self.env._("The name is missing."))
        if cells.get("phone"):
            values["phone"] = phone_to_e164(cells["phone"])
            if not values["phone"]:
                problems.append(
                    self.env._(
                        "The mobile %(phone)s is not a phone number: write a Saudi mobile such as 0501234567.",
                        phone=cells["phone"],
                    )
                )
        values["birth_date"] = self._parse_date(cells.get("birth_date"), problems)
        values["gender"] = self._choice("gender", cells.get("gender"), lookups, problems, self.env._("Gender"))
        values["marital_status"] = self._choice(
            "marital_status", cells.get("marital_status"), lookups, problems, self.env._("Marital status")
        )
        values["city"] = cells.get("city") or False
        if cells.get("national_address"):
            try:
                values["national_address"] = self.env["atta.beneficiary"]._atta_normalize_national_address(
                    cells["national_address"]
                )
            except ValidationError as error:
                problems.append(error.args[0])
        if cells.get("iban"):
            iban = normalize_digits(cells["iban"]).upper().replace(" ", "")
            if not (SAUDI_IBAN.fullmatch(iban) and mod_97_10.is_valid(iban[4:] + iban[:4])):
                problems.append(
                    self.env._(
                        "The IBAN %(iban)s is not a valid Saudi IBAN: SA followed by 22 digits, as on the IBAN "
                        "certificate.",
                        iban=cells["iban"],
                    )
                )
            values["iban"] = iban
        category_ids = []
        for name in split_names(cells.get("categories", "")):
            category = lookups["categories"].get(folded(name))
            if category:
                category_ids.append(category)
            else:
                problems.append(
                    self.env._(
                        "The category “%(name)s” does not exist: use the names under Configuration → "
                        "Beneficiary Categories.",
                        name=name,
                    )
                )
        values["category_ids"] = category_ids
        if cells.get("household_size"):
            size = normalize_digits(cells["household_size"])
            if size.isdigit() and int(size) >= 1:
                values["household_size"] = int(size)
            else:
                problems.append(
                    self.env._("The household size “%(size)s” is not a number of people.", size=cells["household_size"])
                )
        values["notes"] = cells.get("notes") or False
        for column, check in self._import_extra_columns():
            values[column[0]] = check(cells.get(column[0], ""), lookups, problems)
        return values, problems

    def _parse_member(self, cells, lookups):
        problems = []
        head = normalize_identity(cells.get("head_identity_number"))
        if not head:
            problems.append(self.env._("The head's identity number is missing: it links the member to the family."))
        number, identity_type = self._parse_identity(cells, lookups, problems, required=False)
        values = {
            "head_identity_number": head,
            "identity_number": number,
            "identity_type": identity_type if number else False,
            "name": cells.get("name", ""),
        }
        if not values["name"]:
            problems.append(self.env._("The name is missing."))
        values["relation"] = self._choice("relation", cells.get("relation"), lookups, problems, self.env._("Relation"))
        if not cells.get("relation"):
            problems.append(self.env._("The relation to the head of the family is missing."))
        values["birth_date"] = self._parse_date(cells.get("birth_date"), problems)
        values["gender"] = self._choice("gender", cells.get("gender"), lookups, problems, self.env._("Gender"))
        return values, problems

    # ------------------------------------------------------------------ checks across rows (in SQL: flat memory)
    # Each check is one query over the job's rows and its verdicts are written a thousand rows per statement:
    # the check costs the same few queries for 50 rows as for 40,000, and no query compares every row with
    # every other (the rows have no statistics yet when checked, so nothing may rest on the planner's guess).
    def _refuse(self, verdicts):
        """Refuse each row of (line id, reason); a row refused already keeps its first reason and gains this one."""
        self._append("reason", verdicts, refuse=True)

    def _add_notes(self, notes):
        """Add each (line id, note) to what the row shares with other rows or files."""
        self._append("note", notes)

    def _append(self, column, texts, refuse=False):
        Line = self.env["atta.beneficiary.import.line"]
        Line.flush_model()
        texts = list(texts)
        for start in range(0, len(texts), READ_CHUNK):
            chunk = texts[start : start + READ_CHUNK]
            self.env.cr.execute(
                SQL(
                    """
                    UPDATE atta_beneficiary_import_line l
                       SET %(column)s = concat_ws(E'\\n', NULLIF(l.%(column)s, ''), v.text)%(status)s
                      FROM (SELECT id, string_agg(text, E'\\n' ORDER BY n) AS text
                              FROM unnest(%(ids)s::int[], %(texts)s::text[]) WITH ORDINALITY AS u(id, text, n)
                             GROUP BY id) v
                     WHERE l.id = v.id""",
                    column=SQL.identifier(column),
                    status=SQL(", status = 'refused'") if refuse else SQL(),
                    ids=[line_id for line_id, _text in chunk],
                    texts=[text for _line_id, text in chunk],
                )
            )
        if texts:
            Line.invalidate_model([column, "status"])

    def _rows(self, query, **params):
        self.env.flush_all()
        self.env.cr.execute(SQL(query, job=self.id, **params))
        return self.env.cr.fetchall()

    def _update_rows(self, query, **params):
        """Run one UPDATE of the job's rows, and forget what the cache held of them."""
        self.env.flush_all()
        self.env.cr.execute(SQL(query, job=self.id, **params))
        self.env["atta.beneficiary.import.line"].invalidate_model()

    def _file_labels(self, file_ids):
        """{file id: its label as the person checking may see it}, the files read together."""
        Beneficiary = self.env["atta.beneficiary"]
        return {file.id: Beneficiary._atta_file_label(file) for file in Beneficiary.browse(set(file_ids))}

    def _repeated_rows(self, sheet):
        """(line, first row) of each row of `sheet` whose identity number an earlier row of it already holds."""
        return self._rows(
            """
            SELECT id, first_row FROM (
                SELECT id, row, min(row) OVER (PARTITION BY identity_number) AS first_row
                  FROM atta_beneficiary_import_line
                 WHERE import_id = %(job)s AND sheet = %(sheet)s AND identity_number IS NOT NULL) d
             WHERE row > first_row""",
            sheet=sheet,
        )

    def _check_across_rows(self):
        # A family listed twice: the first row stands, the others are refused.
        self._refuse(
            (line_id, self.env._("This family is already on row %(row)s of the families sheet.", row=first_row))
            for line_id, first_row in self._repeated_rows("family")
        )
        # A member who is the head of their own family, or heads another family of the sheet (said once, with
        # the first row of a family listed twice).
        self._refuse(
            (
                line_id,
                self.env._("This member is the head of the family and cannot also be its member.")
                if head == number
                else self.env._(
                    "This person heads the family on row %(row)s of the families sheet: one household only.",
                    row=family_row,
                ),
            )
            for line_id, head, number, family_row in self._rows("""
                SELECT id, head_identity_number, identity_number, family_row FROM (
                    SELECT id, sheet, head_identity_number, identity_number,
                           min(row) FILTER (WHERE sheet = 'family') OVER (PARTITION BY identity_number) AS family_row
                      FROM atta_beneficiary_import_line
                     WHERE import_id = %(job)s AND identity_number IS NOT NULL) s
                 WHERE sheet = 'member' AND family_row IS NOT NULL""")
        )
        # A member listed twice, in the same family or in two.
        self._refuse(
            (
                line_id,
                self.env._(
                    "This person is already listed on row %(row)s of the members sheet: one household only.",
                    row=first_row,
                ),
            )
            for line_id, first_row in self._repeated_rows("member")
        )
        # Each family with its members: the sheet's rows grouped by the family's identity number, in one pass.
        households = SQL(
            """
            SELECT id, sheet, household_size, head_identity_number,
                   count(*) FILTER (WHERE sheet = 'family') OVER household AS families,
                   count(*) FILTER (WHERE sheet = 'member') OVER household AS members
              FROM atta_beneficiary_import_line
             WHERE import_id = %(job)s
            WINDOW household AS (PARTITION BY %(household)s)""",
            job=self.id,
            household=HOUSEHOLD,
        )
        # A member whose head is not on the families sheet.
        self._refuse(
            (line_id, self.env._("No family on the families sheet has this head's identity number."))
            for (line_id,) in self._rows(
                """SELECT id FROM (%(households)s) h
                    WHERE sheet = 'member' AND families = 0 AND head_identity_number IS NOT NULL""",
                households=households,
            )
        )
        # The household size against the members given for it (the head counts as one).
        self._refuse(
            (
                line_id,
                self.env._(
                    "The household size is %(size)s but the members sheet lists the head and %(members)s member(s).",
                    size=size,
                    members=members,
                ),
            )
            for line_id, size, members in self._rows(
                """
                SELECT id, household_size, members FROM (%(households)s) h
                 WHERE sheet = 'family' AND household_size > 0 AND household_size != members + 1""",
                households=households,
            )
        )
        # A mobile or an IBAN on two families of the sheet: imported, and noted on both rows.
        shared = {
            "mobile": self.env._("the mobile"),
            "iban": self.env._("the IBAN"),
        }
        for column, label in shared.items():
            self._add_notes(
                (
                    line_id,
                    self.env._(
                        "Shares %(what)s with the families on rows %(rows)s: shown under Possible Duplicates.",
                        what=label,
                        rows=", ".join(map(str, rows)),
                    ),
                )
                for line_id, rows in self._rows(
                    """
                    SELECT id, array_remove(rows, row) FROM (
                        SELECT id, row, array_agg(row) OVER same AS rows, count(*) OVER same AS count
                          FROM atta_beneficiary_import_line
                         WHERE import_id = %(job)s AND sheet = 'family' AND %(column)s IS NOT NULL
                        WINDOW same AS (PARTITION BY %(column)s ORDER BY row
                                        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)) s
                     WHERE count > 1""",
                    column=SQL.identifier(column),
                )
            )

    # ------------------------------------------------------------------ checks against the registry
    def _check_against_registry(self):
        # Heads already on file: updated, never doubled; an archived file is reopened at the desk only.
        self._update_rows("""
            UPDATE atta_beneficiary_import_line l
               SET beneficiary_id = b.id, status = CASE WHEN l.status = 'refused' THEN l.status ELSE 'to_update' END
              FROM atta_beneficiary b
             WHERE l.import_id = %(job)s AND l.sheet = 'family'
               AND b.identity_number = l.identity_number AND b.erased_on IS NULL AND b.active""")
        archived = self._rows("""
            SELECT l.id, b.id FROM atta_beneficiary_import_line l
              JOIN atta_beneficiary b ON b.identity_number = l.identity_number AND b.erased_on IS NULL AND NOT b.active
             WHERE l.import_id = %(job)s AND l.sheet = 'family'""")
        labels = self._file_labels(file_id for _line_id, file_id in archived)
        self._refuse(
            (
                line_id,
                self.env._(
                    "An archived file has this identity number (%(file)s): reopen it at the desk instead.",
                    file=labels[file_id],
                ),
            )
            for line_id, file_id in archived
        )
        # A head listed as a member of another household; a member heading or listed in another household.
        elsewhere = self._rows("""
            SELECT l.id, m.beneficiary_id FROM atta_beneficiary_import_line l
              JOIN atta_family_member m ON m.identity_number = l.identity_number
              JOIN atta_beneficiary b ON b.id = m.beneficiary_id AND b.erased_on IS NULL
             WHERE l.import_id = %(job)s AND l.identity_number IS NOT NULL
               AND b.identity_number != COALESCE(l.head_identity_number, l.identity_number)
            UNION
            SELECT l.id, b.id FROM atta_beneficiary_import_line l
              JOIN atta_beneficiary b ON b.identity_number = l.identity_number AND b.erased_on IS NULL
             WHERE l.import_id = %(job)s AND l.sheet = 'member'
               AND l.identity_number != COALESCE(l.head_identity_number, '')
             ORDER BY 1, 2""")
        labels = self._file_labels(file_id for _line_id, file_id in elsewhere)
        self._refuse(
            (
                line_id,
                self.env._(
                    "This person is already listed in another household: %(file)s. A person belongs to one "
                    "household at a time: remove them from the other file first, or ask a manager to record an "
                    "exception.",
                    file=labels[file_id],
                ),
            )
            for line_id, file_id in elsewhere
        )
        # Members of a refused family are refused with it (a family listed twice keeps its first row's members).
        self._refuse(
            (line_id, self.env._("The family on row %(row)s of the families sheet is refused.", row=family_row))
            for line_id, family_row in self._rows(
                """
                SELECT id, family_row FROM (
                    SELECT id, sheet,
                           min(row) FILTER (WHERE sheet = 'family') OVER household AS family_row,
                           bool_and(status = 'refused') FILTER (WHERE sheet = 'family') OVER household AS refused
                      FROM atta_beneficiary_import_line
                     WHERE import_id = %(job)s
                    WINDOW household AS (PARTITION BY %(household)s)) h
                 WHERE sheet = 'member' AND refused""",
                household=HOUSEHOLD,
            )
        )
        # Members already in their own family's file: nothing to add.
        self._update_rows("""
            UPDATE atta_beneficiary_import_line l SET status = 'unchanged'
             WHERE l.import_id = %(job)s AND l.sheet = 'member' AND l.status = 'to_create'
               AND EXISTS (SELECT 1 FROM atta_beneficiary b
                             JOIN atta_family_member m ON m.beneficiary_id = b.id
                            WHERE b.identity_number = l.head_identity_number AND b.active
                              AND (m.identity_number = l.identity_number
                                   OR (l.identity_number IS NULL AND m.identity_number IS NULL
                                       AND m.name = l.name)))""")
        # A mobile or an IBAN another file holds: imported, noted, and shown under Possible Duplicates.
        shares_mobile = self._rows("""
            SELECT l.id, b.id FROM atta_beneficiary_import_line l
              JOIN atta_beneficiary b ON b.signal_mobile = l.mobile AND b.active
             WHERE l.import_id = %(job)s AND l.sheet = 'family' AND b.identity_number != l.identity_number
             ORDER BY l.id, b.id""")
        labels = self._file_labels(file_id for _line_id, file_id in shares_mobile)
        self._add_notes(
            (line_id, self.env._("Shares the mobile with %(file)s.", file=labels[file_id]))
            for line_id, file_id in shares_mobile
        )
        shares_iban = self._rows("""
            SELECT l.id, b.id FROM atta_beneficiary_import_line l
              JOIN res_partner_bank bank ON bank.sanitized_acc_number = l.iban AND bank.active
              JOIN atta_beneficiary b ON b.partner_id = bank.partner_id AND b.active
             WHERE l.import_id = %(job)s AND l.sheet = 'family' AND b.identity_number != l.identity_number
             ORDER BY l.id, b.id""")
        labels = self._file_labels(file_id for _line_id, file_id in shares_iban)
        self._add_notes(
            (line_id, self.env._("Shares the IBAN with %(file)s.", file=labels[file_id]))
            for line_id, file_id in shares_iban
        )
        # Files on record: updated only where the sheet brings something they lack.
        Line = self.env["atta.beneficiary.import.line"]
        last_id = 0
        while True:  # a batch at a time, read fresh: memory stays flat
            batch = Line.search(
                [
                    ("import_id", "=", self.id),
                    ("sheet", "=", "family"),
                    ("status", "=", "to_update"),
                    ("id", ">", last_id),
                ],
                order="id",
                limit=BATCH_SIZE,
            )
            if not batch:
                break
            last_id = batch[-1].id
            new_members = self._member_lines(batch, ("to_create",))
            notes, unchanged = [], []
            for line in batch:
                changes, kept = self._changes(line.beneficiary_id, line.values)
                if kept:
                    notes.append(
                        (line.id, self.env._("The file keeps its own value for: %(fields)s.", fields=", ".join(kept)))
                    )
                if not changes and not new_members.get(line.identity_number):
                    unchanged.append(line.id)
            self._add_notes(notes)
            if unchanged:
                self._update_rows(
                    "UPDATE atta_beneficiary_import_line l SET status = 'unchanged' WHERE l.id = ANY(%(ids)s)",
                    ids=unchanged,
                )
            self.env.invalidate_all()

    def _member_lines(self, family_lines, statuses):
        """{head's identity number: member lines} of these families, in one search."""
        members = self.env["atta.beneficiary.import.line"].search(
            [
                ("import_id", "=", self.id),
                ("sheet", "=", "member"),
                ("status", "in", list(statuses)),
                ("head_identity_number", "in", family_lines.mapped("identity_number")),
            ]
        )
        grouped = {}
        for member in members:
            grouped.setdefault(member.head_identity_number, self.env["atta.beneficiary.import.line"])
            grouped[member.head_identity_number] |= member
        return grouped

    def _changes(self, beneficiary, values):
        """(values to write on an existing file, labels of fields it keeps despite the sheet)."""
        changes, kept = {}, []
        for name in FILL_FIELDS:
            value = values.get(name)
            if not value:
                continue
            current = beneficiary[name]
            stored = fields.Date.to_string(current) if name == "birth_date" and current else current
            if not current:
                changes[name] = value
            elif stored != value:
                kept.append(beneficiary._fields[name]._description_string(self.env))
        missing = set(values.get("category_ids") or []) - set(beneficiary.category_ids.ids)
        if missing:
            changes["category_ids"] = [Command.link(category) for category in sorted(missing)]
        if values.get("iban") and values["iban"] not in beneficiary.partner_id.bank_ids.mapped("sanitized_acc_number"):
            changes["iban"] = values["iban"]
        changes.update(self._import_extra_changes(beneficiary, values))
        return changes, kept

    # ------------------------------------------------------------------ the import
    def _import_batches(self, max_batches=None):
        """Save the families still to import, BATCH_SIZE at a time; returns True when none is left."""
        Line = self.env["atta.beneficiary.import.line"]
        done_batches = 0
        while max_batches is None or done_batches < max_batches:
            batch = Line.search(
                [("import_id", "=", self.id), ("sheet", "=", "family"), ("status", "in", ("to_create", "to_update"))],
                order="row",
                limit=BATCH_SIZE,
            )
            if not batch:
                break
            try:
                with self.env.cr.savepoint():
                    self._import_families(batch)
            except (UserError, AccessError, psycopg2.Error):
                # Redo the batch row by row: the valid families are saved, the bad one is reported.
                for line in batch:
                    try:
                        with self.env.cr.savepoint():
                            self._import_families(line)
                    except (UserError, AccessError, psycopg2.Error) as error:
                        self._refuse([(line.id, self._error_message(error))])
                        members = self._member_lines(line, ("to_create",)).get(line.identity_number, Line)
                        refused = self.env._("The family on row %(row)s is refused.", row=line.row)
                        self._refuse((member.id, refused) for member in members)
            self.families_done += len(batch)
            done_batches += 1
            self.env.flush_all()
            if self.env.context.get("ir_cron_progress_id"):
                # Commits the batch: the manager sees the progress, and a stop loses at most one batch.
                remaining = max(self.families_to_import - self.families_done, 0)
                if self.env["ir.cron"]._commit_progress(len(batch), remaining=remaining) <= 0:
                    break
            self.env.invalidate_all()  # flat memory: the next batch is read fresh
        left = Line.search_count(
            [("import_id", "=", self.id), ("sheet", "=", "family"), ("status", "in", ("to_create", "to_update"))],
            limit=1,
        )
        if not left:
            self._finish()
        return not left

    def _error_message(self, error):
        """What the desk reads for a family the database or a check refused at import time."""
        if isinstance(error, UserError | AccessError):
            return error.args[0]
        if isinstance(error, psycopg2.IntegrityError):
            return self.env["atta.beneficiary"]._sql_error_to_message(error)
        return self.env._("The database refused this family; check its values against the other rows.")

    def _import_families(self, lines):
        """Create or complete the files of these family rows, with their members, bank accounts and the trail."""
        Beneficiary = self.env["atta.beneficiary"].with_context(
            tracking_disable=True, mail_create_nosubscribe=True, mail_create_nolog=True
        )
        members = self._member_lines(lines, ("to_create",))
        to_create, created_lines, touched = [], [], Beneficiary
        now = fields.Datetime.now()
        origin = {
            "import_file_name": self.file_name or False,
            "imported_on": now,
            "imported_by_id": self.env.user.id,
        }
        # A file opened at the desk since the check would meet the unique index: refused here, with its name.
        numbers = [line.identity_number for line in lines if line.status == "to_create"]
        opened = Beneficiary.with_context(active_test=False).search_fetch(
            [("identity_number", "in", numbers)], ["identity_number"]
        )
        if opened:
            raise ValidationError(
                self.env._(
                    "A file with this identity number was opened since the check: %(file)s.",
                    file=Beneficiary._atta_file_label(opened),
                )
            )
        for line in lines:
            values = line.values
            member_commands = [
                Command.create(self._member_vals(m.values)) for m in members.get(line.identity_number, [])
            ]
            if line.status == "to_create":
                vals = {
                    key: values[key]
                    for key in ("name", "identity_type", "identity_number", *FILL_FIELDS)
                    if values.get(key)
                }
                vals.update(origin, category_ids=[Command.set(values.get("category_ids") or [])])
                vals["family_member_ids"] = member_commands
                vals.update(self._import_extra_changes(Beneficiary, values))
                if values.get("notes"):
                    vals["notes"] = Markup("<p>%s</p>") % values["notes"]
                to_create.append(vals)
                created_lines.append(line)
            else:
                beneficiary = line.beneficiary_id
                changes, _kept = self._changes(beneficiary, values)
                iban = changes.pop("iban", False)
                if member_commands:
                    changes["family_member_ids"] = member_commands
                if changes:
                    beneficiary.with_context(tracking_disable=True).write(changes)
                if iban:
                    self._add_bank_account(beneficiary, iban)
                line.status = "updated"
                touched |= beneficiary
        if to_create:
            created = Beneficiary.create(to_create)
            for line, beneficiary in zip(created_lines, created, strict=True):
                line.write({"status": "created", "beneficiary_id": beneficiary.id})
                if line.values.get("iban"):
                    self._add_bank_account(beneficiary, line.values["iban"])
            touched |= created
        done_members = sum(members.values(), self.env["atta.beneficiary.import.line"])
        done_members.write({"status": "created"})
        self.env["atta.audit.log"]._log(
            "import",
            touched,
            detail=self.env._("Imported from a workbook (import %(job)s)", job=self.id),
        )
        self.env.flush_all()

    @api.model
    def _member_vals(self, values):
        vals = {
            key: values[key]
            for key in ("name", "relation", "identity_type", "identity_number", "gender")
            if values.get(key)
        }
        if values.get("birth_date"):
            vals["birth_date"] = values["birth_date"]
        return vals

    def _add_bank_account(self, beneficiary, iban):
        self.env["res.partner.bank"].create({"partner_id": beneficiary.partner_id.id, "acc_number": iban})

    def _finish(self):
        self.write({"state": "done", "imported_on": fields.Datetime.now()})
        self._write_report()
        user = self.create_uid
        localized = self.with_context(lang=user.lang or "en_US")
        # Written to the person who ran the import, in their language, in their Odoo inbox.
        localized.env["mail.thread"].message_notify(
            partner_ids=user.partner_id.ids,
            subject=localized.env._("Import of %(file)s finished", file=self.file_name or ""),
            body=localized.env._(
                "The import of %(file)s is finished: %(saved)s row(s) saved, %(unchanged)s already on file, "
                "%(refused)s refused. Open Beneficiaries → Import Files to download the report.",
                file=self.file_name or "",
                saved=self.done_count,
                unchanged=self.unchanged_count,
                refused=self.refused_count,
            ),
        )

    # ------------------------------------------------------------------ the report
    def _write_report(self):
        status_labels = dict(
            self.env["atta.beneficiary.import.line"]._fields["status"]._description_selection(self.env)
        )
        Line = self.env["atta.beneficiary.import.line"]

        def rows(sheet):
            last_id = 0
            while True:  # read in chunks, in row order: memory stays flat
                chunk = Line.search(
                    [("import_id", "=", self.id), ("sheet", "=", sheet), ("id", ">", last_id)],
                    order="id",
                    limit=READ_CHUNK,
                )
                if not chunk:
                    return
                for line in chunk:
                    reason = "\n".join(filter(None, [line.reason, line.note]))
                    yield line.raw or {}, status_labels[line.status], reason
                last_id = chunk[-1].id
                self.env.invalidate_all()

        content = report_workbook(
            [(FAMILY_SHEET, self._family_columns(), rows("family")), (MEMBER_SHEET, MEMBER_COLUMNS, rows("member"))]
        )
        stem = (self.file_name or "workbook").rsplit(".", 1)[0]
        self.write({"report_file": base64.b64encode(content), "report_name": f"{stem}_report.xlsx"})

    # ------------------------------------------------------------------ scheduled job
    @api.model
    def _cron_run_imports(self, batches_per_run=20):
        """Run queued imports batch after batch, as the manager who started them; again soon if any is left."""
        # Superuser mode to find the jobs of every manager (a wizard is visible to its author only).
        jobs = self.sudo().search([("state", "=", "queued")], order="id")
        left = False
        for job in jobs:
            user = job.create_uid
            mine = job.with_user(user).with_context(lang=user.lang or "en_US")
            if not mine._import_batches(max_batches=batches_per_run):
                left = True
                break
        if left:
            self.env.ref("atta_beneficiary.ir_cron_beneficiary_import")._trigger()
        return len(jobs)
