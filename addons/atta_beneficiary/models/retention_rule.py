from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..tools import check_roles, run_batches
from ..tools.roles import MANAGER


class AttaRetentionRule(models.Model):
    """How long a kind of record keeps personal data before it is anonymised [PDPL].

    Each kind is implemented by the module that owns the records (`_retention_<kind>_domain` gives
    the candidates, `_retention_<kind>_anonymize` anonymises one record).
    """

    _name = "atta.retention.rule"
    _description = "Retention Rule"
    _inherit = ["mail.thread"]
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    kind = fields.Selection([("inactive_beneficiary", "Inactive beneficiary files")], required=True)
    months = fields.Integer(string="Keep For (Months)", required=True, default=60, tracking=True)
    active = fields.Boolean(default=True)
    last_run = fields.Datetime(readonly=True)
    last_run_summary = fields.Char(readonly=True)
    candidate_count = fields.Integer(string="Due Now", compute="_compute_candidate_count")

    _kind_unique = models.Constraint("UNIQUE(kind)", "There is already a rule for this kind of record.")
    _months_positive = models.Constraint("CHECK(months > 0)", "The retention period is at least one month.")

    def _cutoff(self):
        return fields.Datetime.now() - relativedelta(months=self.months)

    def _candidate_search(self):
        """The model of this kind (archived records included) and the domain of what outlived the period."""
        self.ensure_one()
        model, domain = getattr(self, f"_retention_{self.kind}_domain")(self._cutoff())
        return self.env[model].sudo().with_context(active_test=False), domain

    def _candidates(self, limit=None, after_id=0):
        """The records of this kind that have outlived the period (the dry run shows them)."""
        Model, domain = self._candidate_search()
        return Model.search(domain + [("id", ">", after_id)], limit=limit, order="id")

    def _compute_candidate_count(self):
        for rule in self:
            if not rule.kind:  # a new rule whose kind is not chosen yet
                rule.candidate_count = 0
                continue
            Model, domain = rule._candidate_search()
            rule.candidate_count = Model.search_count(domain)

    def action_preview(self):
        """Dry run: the records the next run would anonymise; nothing is changed."""
        self.ensure_one()
        records = self._candidates()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Due for anonymisation: %(rule)s", rule=self.name),
            "res_model": records._name,
            "view_mode": "list,form",
            "domain": [("id", "in", records.ids)],
            "context": {"active_test": False, "create": False},
        }

    def action_run(self):
        """Anonymise now, by hand: a manager's decision [PDPL; policy S1], checked here and not by the button."""
        check_roles(self, (MANAGER,), self.env._("anonymise files by hand"))
        for rule in self:
            rule._run()
        return True

    def _run(self, batch_size=500):
        """Anonymise in batches. A batch that fails is redone record by record, so that a locked or
        broken record is skipped and logged while the others go through."""
        self.ensure_one()
        done = skipped = last_id = 0
        commit = self._running_as_retention_cron()
        while True:
            batch = self._candidates(limit=batch_size, after_id=last_id)
            if not batch:
                break
            last_id = batch[-1].id
            batch_done, batch_skipped = run_batches(
                batch,
                self._anonymize_locked,
                batch_size=len(batch),
                trace="atta.retention",
                label=f"retention {self.kind}",
                detail=False,
                commit=commit,
            )
            done += batch_done
            skipped += batch_skipped
        summary = self.env._("%(done)s anonymised, %(skipped)s skipped", done=done, skipped=skipped)
        self.write({"last_run": fields.Datetime.now(), "last_run_summary": summary})
        self.message_post(body=summary)
        return done, skipped

    def _running_as_retention_cron(self):
        """Commit batch by batch only inside the retention cron's own run.

        A context key can be sent by any client; superuser mode cannot, and the cron runs in it with its
        own id and progress record in the context. A run by hand stays one transaction.
        """
        context = self.env.context
        cron = self.env.ref("atta_beneficiary.ir_cron_retention", raise_if_not_found=False)
        if not (self.env.su and cron and context.get("cron_id") == cron.id):
            return False
        progress = self.env["ir.cron.progress"].browse(context.get("ir_cron_progress_id")).exists()
        return bool(progress) and progress.cron_id == cron

    def _anonymize_locked(self, records):
        with self.env.cr.savepoint():
            # NOWAIT: records someone is editing right now are left for the next run.
            self.env.cr.execute(
                SQL(
                    "SELECT id FROM %s WHERE id IN %s FOR UPDATE NOWAIT",
                    SQL.identifier(records._table),
                    tuple(records.ids),
                )
            )
            getattr(self, f"_retention_{self.kind}_anonymize")(records)

    @api.model
    def _cron_apply_retention(self):
        for rule in self.search([("months", ">", 0)]):
            rule._run()

    # ------------------------------------------------------------------ kinds owned by this module
    def _retention_inactive_beneficiary_domain(self, cutoff):
        return "atta.beneficiary", [
            ("erased_on", "=", False),
            ("legal_hold", "=", False),
            ("state", "in", ("archived", "suspended")),
            ("write_date", "<", cutoff),
        ]

    def _retention_inactive_beneficiary_anonymize(self, beneficiaries):
        for beneficiary in beneficiaries:
            blockers = beneficiary._atta_erase_blockers()
            if blockers:
                raise UserError("\n".join(blockers))
            beneficiary._atta_erase_unchecked()
        self.env["atta.audit.log"]._log("retention", beneficiaries, detail=self.name)
