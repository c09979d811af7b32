from lxml import html

from odoo.tests import BaseCase, tagged

from odoo.addons.atta_beneficiary.tools.rtl_print import split_mixed_runs

PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"/><script>var label = "الاسم: ";</script></head>
<body dir="rtl"><div class="page">
    <h5>الإقرار (الإصدار 1)</h5>
    <td>الاسم الكامل</td>
    <p>
        طُبع في <bdi dir="ltr">03/12/2026</bdi> م، <bdi dir="ltr">23/6/1448</bdi> هـ
    </p>
    <div>Name: ______</div>
</div></body></html>"""


@tagged("at_install")
class TestRtlPrint(BaseCase):
    """Arabic mixed with digits or punctuation is cut into runs of one kind for wkhtmltopdf, and nothing else
    changes: the same text in the same order."""

    def setUp(self):
        super().setUp()
        self.before = html.document_fromstring(PAGE)
        self.after = html.document_fromstring(split_mixed_runs(PAGE))

    def test_each_run_of_a_mixed_text_gets_its_own_span(self):
        heading = self.after.find(".//h5")
        self.assertEqual([span.text for span in heading], ["الإقرار", " (", "الإصدار", " 1)"])
        paragraph = self.after.find(".//p")
        runs = [child.text for child in paragraph if child.tag == "span"]
        self.assertEqual(runs, ["طُبع في", "م", "، ", "هـ"])

    def test_the_text_is_unchanged(self):
        for path in (".//h5", ".//p", ".//td", ".//div[@class='page']"):
            with self.subTest(path=path):
                self.assertEqual(self.after.find(path).text_content(), self.before.find(path).text_content())
        self.assertEqual(split_mixed_runs("<p>Name: ______</p>"), "<p>Name: ______</p>", "no Arabic, no change")

    def test_one_arabic_run_latin_text_and_scripts_are_left_as_they_are(self):
        self.assertEqual(len(self.after.find(".//td")), 0)
        self.assertEqual(len(self.after.find(".//div/div")), 0)
        self.assertEqual(self.after.find(".//script").text, 'var label = "الاسم: ";')
