import logging

from odoo import api, fields, models
from odoo.fields import Domain

_logger = logging.getLogger(__name__)


class AttaCronMixin(models.AbstractModel):
    """Per-record work for scheduled actions: one broken record is logged and skipped."""

    _name = "atta.cron.mixin"
    _description = "Atta Scheduled Action Helper"

    @api.model
    def _run_per_record(self, records, method_name):
        """Call `method_name` on each record in its own savepoint; return how many succeeded.

        The server log gets the record id and the error type only (no personal data); the full
        message goes to ir.logging, which managers read.
        """
        done = 0
        for record in records:
            try:
                with self.env.cr.savepoint():
                    getattr(record, method_name)()
                done += 1
            except Exception as error:  # noqa: BLE001 - one bad record must not stop the cron
                _logger.warning("%s: %s(%s) skipped (%s)", method_name, record._name, record.id, type(error).__name__)
                self.env["ir.logging"].sudo().create(
                    {
                        "name": "atta.cron",
                        "type": "server",
                        "level": "WARNING",
                        "dbname": self.env.cr.dbname,
                        "path": record._name,
                        "func": method_name,
                        "line": str(record.id),
                        "message": f"{record._name}({record.id}) skipped: {type(error).__name__}: {error}",
                    }
                )
        if records and self.env.context.get("ir_cron_progress_id"):
            self.env["ir.cron"]._commit_progress(done)
        return done

    @api.model
    def _watch_deadlines(self, model, open_domain, flags, remind_until, batch_size):
        """Remind what comes due by `remind_until`, escalate once what is late; returns how many were handled.

        `flags` names the record's two booleans, (reminded, escalated), so that each happens once.
        """
        reminded, escalated = flags
        today = fields.Date.context_today(self)
        to_remind = model.search(
            Domain.AND(
                [
                    open_domain,
                    [(reminded, "=", False), ("deadline", "<=", remind_until), ("deadline", ">=", today)],
                ]
            ),
            limit=batch_size,
        )
        to_escalate = model.search(
            Domain.AND([open_domain, [(escalated, "=", False), ("deadline", "<", today)]]), limit=batch_size
        )
        self._run_per_record(to_remind, "_remind_deadline")
        self._run_per_record(to_escalate, "_escalate_overdue")
        return len(to_remind) + len(to_escalate)
