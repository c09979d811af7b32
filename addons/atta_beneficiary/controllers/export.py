"""Odoo's spreadsheet exports (/web/export/xlsx and /web/export/csv) with text written as text.

xlsxwriter turns a string that begins with "=" into a live formula and one that looks like an address into a
link: a name or a complaint typed on the website as "=HYPERLINK(...)" would run in the reader's spreadsheet.
A CSV file has no cell types: the spreadsheet that opens it reads a cell beginning with "=", "+", "-", "@", a tab
or a carriage return as a formula, and Odoo escapes only the first three. Only the cell writing changes; what is
exported, and who may export it, stay Odoo's.
"""

from odoo.addons.web.controllers.export import CSVExport, ExcelExport, ExportXlsxWriter, GroupExportXlsxWriter

# What makes a spreadsheet read a CSV cell as a formula (OWASP's list): such a text is written after a quote.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(value):
    """A text that a spreadsheet would read as a formula, with Odoo's leading quote; anything else as it was."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class TextCellsMixin:
    def write(self, row, column, cell_value, style=None):
        if isinstance(cell_value, str):
            return self.worksheet.write_string(row, column, cell_value, style)
        return super().write(row, column, cell_value, style)


class AttaExportXlsxWriter(TextCellsMixin, ExportXlsxWriter):
    pass


class AttaGroupExportXlsxWriter(TextCellsMixin, GroupExportXlsxWriter):
    pass


class AttaExcelExport(ExcelExport):
    # The same loops as Odoo's, with the writers above: Odoo names its writer classes inside these methods.
    def from_group_data(self, fields, columns_headers, groups):
        with AttaGroupExportXlsxWriter(fields, columns_headers, groups.count) as xlsx_writer:
            x, y = 1, 0
            for group_name, group in groups.children.items():
                x, y = xlsx_writer.write_group(x, y, group_name, group)
        return xlsx_writer.value

    def from_data(self, fields, columns_headers, rows):
        with AttaExportXlsxWriter(fields, columns_headers, len(rows)) as xlsx_writer:
            for row_index, row in enumerate(rows):
                for cell_index, cell_value in enumerate(row):
                    xlsx_writer.write_cell(row_index + 1, cell_index, cell_value)
        return xlsx_writer.value


class AttaCSVExport(CSVExport):
    def from_data(self, fields, columns_headers, rows):
        # A quoted text starts with "'", so Odoo's own escaping leaves it as it is.
        return super().from_data(
            fields,
            [formula_safe(header) for header in columns_headers],
            [[formula_safe(v) for v in row] for row in rows],
        )
