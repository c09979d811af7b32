"""Scheduled work record by record: one broken record is logged and skipped, the others go through."""

import logging

from odoo import fields
from odoo.fields import Domain

_logger = logging.getLogger(__name__)


def run_batches(records, step, *, batch_size=1, trace="atta.cron", label=None, detail=True, commit=None):
    """Call `step(batch)` on `records` in batches, each batch in its own savepoint; return (done, skipped).

    `step` is a callable taking a recordset, or the name of a method of the records. A batch that
    fails is redone one record at a time, so that only the broken record is skipped. A skipped record
    leaves the record id and the error type in the server log (no personal data) and a trace in
    ir.logging named `trace`, which managers read; `detail` adds the error's message to that trace.
    `commit` reports progress to the running cron (which commits): after each batch when records go
    in batches, once at the end when they go one by one; by default when a cron's progress record is
    in the context.
    """
    if not records:
        return 0, 0
    env = records.env
    label = label or (step if isinstance(step, str) else step.__name__)
    if commit is None:
        commit = bool(env.context.get("ir_cron_progress_id"))
    done = skipped = 0
    for start in range(0, len(records), batch_size):
        batch = records[start : start + batch_size]
        try:
            _run_in_savepoint(batch, step)
            done += len(batch)
        except Exception as error:  # noqa: BLE001 - one bad record must not stop the run
            if len(batch) == 1:
                skipped += 1
                _log_skipped(batch, error, trace, label, detail)
            else:
                sub_done, sub_skipped = run_batches(batch, step, trace=trace, label=label, detail=detail, commit=False)
                done += sub_done
                skipped += sub_skipped
        if commit and batch_size > 1:
            env["ir.cron"]._commit_progress(len(batch))
    if commit and batch_size == 1:
        env["ir.cron"]._commit_progress(done)
    return done, skipped


def _run_in_savepoint(batch, step):
    with batch.env.cr.savepoint():
        if isinstance(step, str):
            getattr(batch, step)()
        else:
            step(batch)


def _log_skipped(record, error, trace, label, detail):
    _logger.warning("%s: %s(%s) skipped (%s)", label, record._name, record.id, type(error).__name__)
    message = f"{record._name}({record.id}) skipped: {type(error).__name__}"
    if detail:
        message += f": {error}"
    # Sudo for this one trace: the cron's user may not create ir.logging, and managers must see it.
    record.env["ir.logging"].sudo().create(
        {
            "name": trace,
            "type": "server",
            "level": "WARNING",
            "dbname": record.env.cr.dbname,
            "path": record._name,
            "func": label,
            "line": str(record.id),
            "message": message,
        }
    )


def watch_deadlines(model, open_domain, flags, remind_until, batch_size):
    """Remind what comes due by `remind_until`, escalate once what is late; return how many were handled.

    `flags` names the record's two booleans, (reminded, escalated), so that each happens once; the
    records answer `_remind_deadline` and `_escalate_overdue`.
    """
    reminded, escalated = flags
    today = fields.Date.context_today(model)
    to_remind = model.search(
        Domain.AND(
            [open_domain, [(reminded, "=", False), ("deadline", "<=", remind_until), ("deadline", ">=", today)]]
        ),
        limit=batch_size,
    )
    to_escalate = model.search(
        Domain.AND([open_domain, [(escalated, "=", False), ("deadline", "<", today)]]), limit=batch_size
    )
    run_batches(to_remind, "_remind_deadline")
    run_batches(to_escalate, "_escalate_overdue")
    return len(to_remind) + len(to_escalate)
