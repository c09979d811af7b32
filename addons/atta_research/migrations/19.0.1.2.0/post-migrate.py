"""19.0.1.2.0: a decision letter keeps the text it was issued with.

Letters issued before kept no text: every print read the request as it was at the time of printing.
Each is given its text now, from the committee decision it announced, while that decision is still on
record. Letters already erased with the person's data, and those of requests past their retention, stay
without text.
"""

import logging

from odoo import SUPERUSER_ID, api

_logger = logging.getLogger(__name__)


def capture_decision_letters(env):
    """Write the text of every issued decision letter that has none; returns how many were written."""
    letters = env["atta.letter"].search(
        [("res_model", "=", "atta.support.request"), ("body", "=", False), ("correspondent", "!=", False)]
    )
    requests = env["atta.support.request"].browse(set(letters.mapped("res_id"))).exists()
    kept = letters.filtered(lambda letter: letter.res_id in requests.filtered(lambda r: not r.anonymized_on).ids)
    return env["atta.support.request"]._write_decision_letter_texts(kept)


def migrate(cr, version):
    if not version:
        return
    captured = capture_decision_letters(api.Environment(cr, SUPERUSER_ID, {}))
    _logger.info("atta_research %s: the text of %s issued decision letters written", version, captured)
