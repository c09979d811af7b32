"""The workbook an association fills with its existing files: template, reading, cell values.

Plain functions (no Odoo): the wizard checks the values against the registry. Headers are matched
in Arabic or English, so a sheet whose second (English) header row was deleted still reads.
"""

import csv
import io
from datetime import date, datetime

from .identity import normalize_digits
from .xlsx import write_cells

# (key, Arabic header, English header, format note in Arabic, in English)
FAMILY_COLUMNS = [
    ("identity_number", "رقم الهوية", "Identity Number", "10 أرقام (هوية وطنية تبدأ بـ1، إقامة بـ2)", "10 digits"),
    ("identity_type", "نوع الهوية", "Identity Type", "هوية وطنية، إقامة، رقم حدود، هوية خليجية، جواز سفر", "Type"),
    ("name", "الاسم الرباعي", "Full Name", "كما في الهوية", "As on the identity card"),
    ("phone", "الجوال", "Mobile", "05XXXXXXXX", "05XXXXXXXX"),
    ("birth_date", "تاريخ الميلاد", "Birth Date", "هجري 24/03/1400 أو ميلادي 09/02/1980", "Hijri or Gregorian"),
    ("gender", "الجنس", "Gender", "ذكر أو أنثى", "Male or Female"),
    ("marital_status", "الحالة الاجتماعية", "Marital Status", "أعزب، متزوج، مطلق، أرمل، معلقة", "Status"),
    ("city", "المدينة", "City", "نص", "Text"),
    ("national_address", "العنوان الوطني المختصر", "Short National Address", "4 حروف و4 أرقام مثل RRRD2929", "Code"),
    ("iban", "الآيبان", "IBAN", "SA ثم 22 رقماً", "SA + 22 digits"),
    ("categories", "الفئات", "Categories", "أسماء الفئات مفصولة بفاصلة", "Names separated by commas"),
    ("household_size", "عدد أفراد الأسرة", "Household Size", "رب الأسرة ومن يسكن معه", "Head and those living with"),
    ("notes", "ملاحظات", "Notes", "نص", "Text"),
]
MEMBER_COLUMNS = [
    ("head_identity_number", "رقم هوية رب الأسرة", "Head's Identity Number", "كما في ورقة الأسر", "As on families"),
    ("name", "الاسم", "Name", "كما في سجل الأسرة", "As on the family card"),
    ("relation", "صلة القرابة", "Relation", "زوج/زوجة، ابن، ابنة، أب، أم، أخ، أخت، حفيد، قريب آخر", "Relation"),
    ("identity_number", "رقم الهوية", "Identity Number", "10 أرقام", "10 digits"),
    ("identity_type", "نوع الهوية", "Identity Type", "كما في ورقة الأسر", "As on families"),
    ("birth_date", "تاريخ الميلاد", "Birth Date", "هجري أو ميلادي", "Hijri or Gregorian"),
    ("gender", "الجنس", "Gender", "ذكر أو أنثى", "Male or Female"),
]
FAMILY_SHEET = ("الأسر", "Families")
MEMBER_SHEET = ("أفراد الأسر", "Members")
NOTES_SHEET = ("ملاحظات", "Notes")
# The template's example row says this in its notes cell; a row that still does is never imported.
EXAMPLE_MARK = "مثال - احذف هذا الصف / Example - delete this row"
EXAMPLE_FAMILY = {
    "identity_number": "1000000008",
    "identity_type": "هوية وطنية",
    "name": "فاطمة علي صالح القحطاني",
    "phone": "0501234567",
    "birth_date": "24/03/1400",
    "gender": "أنثى",
    "marital_status": "أرمل",
    "city": "الرياض",
    "national_address": "RRRD2929",
    "iban": "SA0380000000608010167519",
    "categories": "أسر الأيتام، أرامل",
    "household_size": "3",
    "notes": EXAMPLE_MARK,
}
EXAMPLE_MEMBERS = [
    {"head_identity_number": "1000000008", "name": "سارة", "relation": "ابنة", "identity_number": "1000000016"},
    {"head_identity_number": "1000000008", "name": "محمد", "relation": "ابن", "birth_date": "1/1/1440"},
]


class SheetError(ValueError):
    """A file that cannot be read as the template: `reason` is "format", "headers", "member_headers",
    "members_as_families" or "empty"."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def _header_key(text):
    return " ".join(str(text or "").replace("\u00a0", " ").split()).lower()


def _header_map(columns):
    mapping = {}
    for key, arabic, english, *_notes in columns:
        mapping[_header_key(arabic)] = key
        mapping[_header_key(english)] = key
        mapping[key] = key
    return mapping


def cell_text(value):
    """A cell as the desk reads it: text with ASCII digits; whole numbers without '.0'; dates as d/m/Y."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return f"{value.day:02d}/{value.month:02d}/{value.year}"
    return normalize_digits(str(value).strip()) if isinstance(value, (int, float)) else str(value).strip()


def _rows_to_dicts(rows, columns):
    """(row number, {key: text}) of data rows; header rows (Arabic, English) and empty rows skipped."""
    mapping = _header_map(columns)
    keys = None
    for number, row in rows:
        cells = [cell_text(v) for v in row]
        if not any(cells):
            continue
        matched = [mapping.get(_header_key(c)) for c in cells]
        if sum(1 for m in matched if m) >= max(2, len([c for c in cells if c]) // 2):
            keys = keys or matched  # the first header row names the columns, the second is skipped
            continue
        if keys is None:
            raise SheetError("headers")
        yield number, {key: cells[i] for i, key in enumerate(keys) if key and i < len(cells) and cells[i]}


def _find_sheet(workbook, names):
    wanted = {_header_key(n) for n in names}
    for sheet in workbook.worksheets:
        if _header_key(sheet.title) in wanted:
            return sheet
    return None


def read_workbook(content, filename, family_columns=None, members_csv=None):
    """Yield ("family" | "member", row number, values) of an XLSX workbook, or of a CSV of families and
    (optionally) a CSV of members laid out as the template's members sheet.

    Read row by row (openpyxl's read-only mode, csv's reader): memory stays flat however long the sheet.
    `family_columns` are the template's columns with those other addons add.
    """
    family_columns = family_columns or FAMILY_COLUMNS
    name = (filename or "").lower()
    if name.endswith(".csv"):
        examples = yield from _read_families(_csv_rows(content), family_columns, csv_file=True)
        if members_csv:
            yield from _read_members(_csv_rows(members_csv), examples, csv_file=True)
        return
    import openpyxl  # noqa: PLC0415 - external dependency declared in the manifest

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 - any unreadable file is the same answer to the user
        raise SheetError("format") from error
    try:
        families = _find_sheet(workbook, FAMILY_SHEET) or workbook.worksheets[0]
        members = _find_sheet(workbook, MEMBER_SHEET)
        examples = yield from _read_families(_numbered(families), family_columns)
        if members is not None:
            yield from _read_members(_numbered(members), examples)
    finally:
        workbook.close()


def _read_families(rows, columns, csv_file=False):
    """The family rows; returns the identity numbers of the template's example families, skipped."""
    examples = set()
    for number, values in _rows_to_dicts(_not_members(rows) if csv_file else rows, columns):
        if values.get("notes") == EXAMPLE_MARK:
            examples.add(values.get("identity_number"))
            continue
        yield "family", number, values
    return examples


def _read_members(rows, examples, csv_file=False):
    """The member rows, without those given for the example family."""
    try:
        for number, values in _rows_to_dicts(rows, MEMBER_COLUMNS):
            if values.get("head_identity_number") not in examples:
                yield "member", number, values
    except SheetError as error:
        raise SheetError("member_headers" if csv_file and error.reason == "headers" else error.reason) from error


def _not_members(rows):
    """The rows of a CSV given as the families file, refused at once if its headers are the members sheet's."""
    mapping = _header_map(MEMBER_COLUMNS)
    first = True
    for number, row in rows:
        if first and any(cell_text(v) for v in row):
            first = False
            if "head_identity_number" in {mapping.get(_header_key(cell_text(v))) for v in row}:
                raise SheetError("members_as_families")
        yield number, row


def _numbered(sheet):
    return enumerate(sheet.iter_rows(values_only=True), start=1)


def _csv_rows(content):
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = content.decode("cp1256")  # Arabic Windows, as older Excel saves CSV
        except UnicodeDecodeError as error:
            raise SheetError("format") from error
    return enumerate(csv.reader(io.StringIO(text)), start=1)


# Letters typed in several ways in Arabic sheets (hamza forms, taa marbuta, alif maqsura) compared as one.
_ARABIC_FOLD = str.maketrans("أإآةى", "اااهي")


def folded(text):
    """A value as compared with the names of choices and categories: one spelling, no leading article."""
    value = " ".join(normalize_digits(str(text or "")).lower().split()).translate(_ARABIC_FOLD)
    return value[2:] if value.startswith("ال") and len(value) > 4 else value


def split_names(text):
    """Names in one cell separated by commas (Arabic or Latin), semicolons or new lines."""
    for separator in ("،", ";", "\n"):
        text = text.replace(separator, ",")
    return [part.strip() for part in text.split(",") if part.strip()]


def template_workbook(family_columns=None):
    """The template as XLSX bytes: families, members keyed by the head's number, and a notes sheet.

    `family_columns` are the template's columns with those other addons add.
    """
    import xlsxwriter  # noqa: PLC0415 - external dependency declared in the manifest

    family_columns = family_columns or FAMILY_COLUMNS
    output = io.BytesIO()
    book = xlsxwriter.Workbook(output, {"in_memory": True})
    header = book.add_format({"bold": True, "bg_color": "#D9EAD3", "border": 1})
    english = book.add_format({"italic": True, "font_color": "#666666", "border": 1})
    example = book.add_format({"font_color": "#999999", "num_format": "@"})
    text = book.add_format({"num_format": "@"})
    for (arabic, _english), columns, rows in (
        (FAMILY_SHEET, family_columns, [EXAMPLE_FAMILY]),
        (MEMBER_SHEET, MEMBER_COLUMNS, EXAMPLE_MEMBERS),
    ):
        sheet = book.add_worksheet(arabic)
        sheet.right_to_left()
        write_cells(sheet, 0, [c[1] for c in columns], header)
        write_cells(sheet, 1, [c[2] for c in columns], english)
        for index, row in enumerate(rows, start=2):
            write_cells(sheet, index, [row.get(c[0], "") for c in columns], example)
        # Every column as text: Excel would drop the 0 of 05... and turn dates into its own.
        sheet.set_column(0, len(columns) - 1, 22, text)
        sheet.freeze_panes(2, 0)
    notes = book.add_worksheet(NOTES_SHEET[0])
    notes.right_to_left()
    write_cells(notes, 0, ["الورقة / Sheet", "العمود", "Column", "الصيغة", "Format"], header)
    line = 1
    for (arabic, english), columns in ((FAMILY_SHEET, family_columns), (MEMBER_SHEET, MEMBER_COLUMNS)):
        for _key, column_ar, column_en, note_ar, note_en in columns:
            write_cells(notes, line, [f"{arabic} / {english}", column_ar, column_en, note_ar, note_en])
            line += 1
    write_cells(
        notes,
        line + 1,
        [
            "عام / General",
            "صف المثال لا يُستورد ما دامت ملاحظته كما هي؛ احذفه أو اكتب فوقه.",
            "The example row is never imported while its note is unchanged.",
            "يربط أفراد الأسرة برب الأسرة رقم هويته.",
            "Members are linked to their family by the head's identity number.",
        ],
    )
    write_cells(
        notes,
        line + 2,
        [
            "CSV",
            "ملف CSV يحمل ورقة واحدة: احفظ ورقة الأسر في ملف وورقة الأفراد في ملف ثانٍ بالعناوين نفسها.",
            "A CSV holds one sheet: save the families in one file and the members in a second one, same headers.",
        ],
    )
    notes.set_column(0, 4, 40)
    book.close()
    return output.getvalue()


def report_workbook(sheets):
    """The checked workbook again, each row with its status and reason, ready to be fixed and imported again.

    `sheets` is [((Arabic title, English title), columns, rows)], rows an iterable (a generator, for a long
    sheet) of (values, status, reason). constant_memory: xlsxwriter writes each row out as it comes.
    """
    import xlsxwriter  # noqa: PLC0415 - external dependency declared in the manifest

    output = io.BytesIO()
    book = xlsxwriter.Workbook(output, {"in_memory": False, "constant_memory": True})
    header = book.add_format({"bold": True, "bg_color": "#D9EAD3", "border": 1})
    english = book.add_format({"italic": True, "font_color": "#666666", "border": 1})
    for (arabic, _english), columns, rows in sheets:
        sheet = book.add_worksheet(arabic)
        sheet.right_to_left()
        sheet.set_column(0, len(columns) + 1, 22)
        write_cells(sheet, 0, [c[1] for c in columns] + ["الحالة", "السبب"], header)
        write_cells(sheet, 1, [c[2] for c in columns] + ["Status", "Reason"], english)
        for index, (values, status, reason) in enumerate(rows, start=2):
            write_cells(sheet, index, [values.get(c[0], "") for c in columns] + [status, reason])
    book.close()
    return output.getvalue()
