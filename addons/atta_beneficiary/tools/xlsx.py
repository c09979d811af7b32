"""Spreadsheet cells written as what they are: text stays text.

xlsxwriter's generic `write` turns a string beginning with "=" into a live formula: a name typed
as "=HYPERLINK(...)" would run in the reader's spreadsheet. Every Atta export writes through here.
"""


def write_cells(sheet, row, values, cell_format=None):
    """Write `values` on `row` from the first column: strings as strings, numbers and dates as such."""
    for column, value in enumerate(values):
        if value is None or value is False:
            sheet.write_blank(row, column, None, cell_format)
        elif isinstance(value, str):
            sheet.write_string(row, column, value, cell_format)
        else:
            sheet.write(row, column, value, cell_format)
