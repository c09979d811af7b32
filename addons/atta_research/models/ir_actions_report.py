import textwrap

from markupsafe import Markup

from odoo import fields, models
from odoo.exceptions import AccessError
from odoo.tools import html2plaintext

from odoo.addons.atta_beneficiary.tools import hijri_date_string

# The wkhtmltopdf of the papers does not wrap a long Arabic line: free texts are cut into lines this long.
PAPER_LINE_CHARS = 70


class IrActionsReport(models.Model):
    """The papers of a request carry both calendars and are printed only by who may read the record."""

    _inherit = "ir.actions.report"

    def _get_rendering_context(self, report, docids, data):
        model = self.env.get(report.model)
        if (
            (report.report_name or "").startswith("atta_research.")
            and model is not None
            and hasattr(model, "_atta_volunteer_only")
            and model._atta_volunteer_only()
        ):
            # A volunteer reads a visit or delivery in part; its paper holds the household behind it.
            raise AccessError(
                self.env._("The association's papers are printed by its staff; a volunteer does not print them.")
            )
        values = super()._get_rendering_context(report, docids, data)
        if not (report.report_name or "").startswith("atta_research."):
            return values
        return self._atta_paper_context(
            values, atta_hijri=self._atta_paper_hijri, atta_declaration=self._atta_declaration_text
        )

    def _atta_paper_context(self, values, **extra):
        """What every Atta paper reads beside its records (both calendars, its language, short lines)."""
        docs = values.get("docs")
        if docs is not None and not self.env.su:
            # Who may print a paper is who may read its record [S1]: checked once for the whole record,
            # before any field is read for the page.
            docs.check_access("read")
        values.update(
            atta_today=fields.Date.context_today(self),
            atta_gregorian=lambda value: value.strftime("%d/%m/%Y") if value else "",
            atta_paper_lang=self._atta_paper_lang,
            atta_lines=self._atta_paper_lines,
            **extra,
        )
        return values

    def _atta_declaration_text(self, request=None):
        """The declaration an applicant signs: the version they signed, else the one in force [S7.4].

        Superuser mode: the wording is the association's public text, and a signed declaration is read
        for its wording only; researchers and committee members, who print the request, hold no right
        on consents.
        """
        signed = request and request.sudo().declaration_id
        if signed:
            return signed.text_id
        return self.env["atta.consent.text"].sudo()._current("declaration")

    def _atta_paper_hijri(self, value, lang=None):
        """The Hijri date of a paper: its digits in a left-to-right isolate, then the era («24/3/1445 هـ»).

        Without the isolate, a right-to-left line sets «هـ» over the first digit of the date.
        """
        text = hijri_date_string(value, lang or self.env.lang or "ar")
        digits, _blank, era = text.rpartition(" ")
        if not digits:
            return text
        return Markup('<bdi dir="ltr">%s</bdi> %s') % (digits, era)

    def _atta_paper_lines(self, text):
        """A free text (plain or HTML) as short lines, each printed on its own."""
        if isinstance(text, Markup):
            text = html2plaintext(text)
        lines = []
        for paragraph in (text or "").splitlines():
            lines += textwrap.wrap(paragraph, PAPER_LINE_CHARS)
        return lines

    def _atta_paper_lang(self, partner=None):
        """The language of a paper: the person's own, else Arabic, the association's working language."""
        if partner and partner.lang:
            return partner.lang
        if self.env["res.lang"]._lang_get("ar_001"):
            return "ar_001"
        return self.env.user.lang
