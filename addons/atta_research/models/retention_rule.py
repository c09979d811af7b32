from odoo import fields, models


class AttaRetentionRule(models.Model):
    """Closed requests that were refused or cancelled keep their numbers and decision, not their texts."""

    _inherit = "atta.retention.rule"

    kind = fields.Selection(
        selection_add=[("closed_request", "Refused or cancelled requests")], ondelete={"closed_request": "cascade"}
    )

    def _retention_closed_request_domain(self, cutoff):
        return "atta.support.request", [
            ("state", "in", ("rejected", "cancelled")),
            ("anonymized_on", "=", False),
            ("write_date", "<", cutoff),
        ]

    def _retention_closed_request_anonymize(self, requests):
        requests._atta_anonymize()
