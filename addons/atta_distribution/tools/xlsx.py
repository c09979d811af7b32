"""Spreadsheet cells written as what they are: a name typed as "=HYPERLINK(...)" stays text."""


def write_row(sheet, row, values, cell_format=None):
    for column, value in enumerate(values):
        if value is None or value is False:
            sheet.write_blank(row, column, None, cell_format)
        elif isinstance(value, str):
            sheet.write_string(row, column, value, cell_format)
        else:
            sheet.write_number(row, column, value, cell_format)
