"""Odoo's spreadsheet export (/web/export/xlsx) with text written as text.

xlsxwriter turns a string that begins with "=" into a live formula and one that looks like an address into a
link: a name or a complaint typed on the website as "=HYPERLINK(...)" would run in the reader's spreadsheet.
Only the cell writer changes; what is exported, and who may export it, stay Odoo's.
"""

from odoo.addons.web.controllers.export import ExcelExport, ExportXlsxWriter, GroupExportXlsxWriter


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
