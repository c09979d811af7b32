from odoo import api, fields, models
from odoo.tools import SQL

SIGNAL_KINDS = [
    ("member", "Shares a family member"),
    ("iban", "Shares an IBAN"),
    ("mobile", "Shares a mobile"),
    ("address", "Shares a national address"),
]


class AttaDuplicateSignal(models.Model):
    """Pairs of household files that share a member, an IBAN, a mobile or a national address.

    Read-only, computed by PostgreSQL from the stored normalised values (E.164 mobiles, IBANs
    without spaces, short national addresses, identity numbers with ASCII digits), each compared
    through an index. A pair a manager marked as reviewed stays reviewed, with the reason.
    """

    _name = "atta.duplicate.signal"
    _description = "Possible Duplicate Household"
    _auto = False
    _order = "reviewed, kind, beneficiary_a_id"

    kind = fields.Selection(SIGNAL_KINDS, readonly=True)
    beneficiary_a_id = fields.Many2one("atta.beneficiary", string="File", readonly=True)
    beneficiary_b_id = fields.Many2one("atta.beneficiary", string="Other File", readonly=True)
    evidence = fields.Char(readonly=True, help="The value both files hold.")
    review_id = fields.Many2one("atta.duplicate.review", readonly=True)
    reviewed = fields.Boolean(readonly=True)

    @api.model
    def _pairs_sql(self, file_ids=None):
        """Every pair (a < b) of active files sharing a value; `file_ids` narrows to pairs touching them."""
        def narrow(a, b):
            if file_ids is None:
                return SQL("TRUE")
            return SQL("(%s IN %s OR %s IN %s)", a, tuple(file_ids), b, tuple(file_ids))

        return SQL("""
            SELECT 'mobile' AS kind, a.id AS beneficiary_a_id, b.id AS beneficiary_b_id, a.signal_mobile AS evidence
              FROM atta_beneficiary a
              JOIN atta_beneficiary b ON b.signal_mobile = a.signal_mobile AND a.id < b.id AND b.active
             WHERE a.signal_mobile IS NOT NULL AND a.active AND %(mobile)s
            UNION ALL
            SELECT 'address', a.id, b.id, a.national_address
              FROM atta_beneficiary a
              JOIN atta_beneficiary b ON b.national_address = a.national_address AND a.id < b.id AND b.active
             WHERE a.national_address IS NOT NULL AND a.active AND %(address)s
            UNION ALL
            SELECT 'iban', LEAST(a.id, b.id), GREATEST(a.id, b.id), ba.sanitized_acc_number
              FROM res_partner_bank ba
              JOIN res_partner_bank bb ON bb.sanitized_acc_number = ba.sanitized_acc_number
                                      AND bb.partner_id > ba.partner_id AND bb.active
              JOIN atta_beneficiary a ON a.partner_id = ba.partner_id AND a.active
              JOIN atta_beneficiary b ON b.partner_id = bb.partner_id AND b.active
             WHERE ba.active AND %(iban)s
            UNION ALL
            SELECT 'member', LEAST(m.beneficiary_id, h.id), GREATEST(m.beneficiary_id, h.id), m.identity_number
              FROM atta_family_member m
              JOIN atta_beneficiary h ON h.identity_number = m.identity_number AND h.id != m.beneficiary_id
                                     AND h.active
             WHERE m.identity_number IS NOT NULL AND %(head)s AND NOT EXISTS (
                   SELECT 1 FROM atta_identity_exception e
                     JOIN atta_identity_exception_beneficiary_rel ra ON ra.exception_id = e.id
                                                                     AND ra.beneficiary_id = m.beneficiary_id
                     JOIN atta_identity_exception_beneficiary_rel rb ON rb.exception_id = e.id
                                                                     AND rb.beneficiary_id = h.id
                    WHERE e.identity_number = m.identity_number)
            UNION ALL
            SELECT 'member', m1.beneficiary_id, m2.beneficiary_id, m1.identity_number
              FROM atta_family_member m1
              JOIN atta_family_member m2 ON m2.identity_number = m1.identity_number
                                        AND m2.beneficiary_id > m1.beneficiary_id
             WHERE m1.identity_number IS NOT NULL AND %(members)s AND NOT EXISTS (
                   SELECT 1 FROM atta_identity_exception e
                     JOIN atta_identity_exception_beneficiary_rel ra ON ra.exception_id = e.id
                                                                     AND ra.beneficiary_id = m1.beneficiary_id
                     JOIN atta_identity_exception_beneficiary_rel rb ON rb.exception_id = e.id
                                                                     AND rb.beneficiary_id = m2.beneficiary_id
                    WHERE e.identity_number = m1.identity_number)
        """, mobile=narrow(SQL("a.id"), SQL("b.id")), address=narrow(SQL("a.id"), SQL("b.id")),
            iban=narrow(SQL("a.id"), SQL("b.id")), head=narrow(SQL("m.beneficiary_id"), SQL("h.id")),
            members=narrow(SQL("m1.beneficiary_id"), SQL("m2.beneficiary_id")))

    @property
    def _table_query(self):
        # Read at query time, so the latest values and reviews are always the ones compared.
        return SQL("""
            SELECT row_number() OVER (ORDER BY s.kind, s.beneficiary_a_id, s.beneficiary_b_id) AS id,
                   s.kind, s.beneficiary_a_id, s.beneficiary_b_id, s.evidence,
                   r.id AS review_id, r.id IS NOT NULL AS reviewed
              FROM (%s) s
              LEFT JOIN atta_duplicate_review r ON r.kind = s.kind AND r.beneficiary_a_id = s.beneficiary_a_id
                                               AND r.beneficiary_b_id = s.beneficiary_b_id
        """, self._pairs_sql())

    @api.model
    def _search(self, domain, *args, **kwargs):
        # The pairs are read from the tables of other models: their pending changes are written first, and
        # the rows read before (numbered anew at each query) are forgotten.
        self.env.flush_all()
        self.invalidate_model()
        return super()._search(domain, *args, **kwargs)

    @api.model
    def _for_files(self, file_ids):
        """{file id: [{kind, other_id}]} of the pairs not yet reviewed that touch these files."""
        result = {}
        if not file_ids:
            return result
        self.env.flush_all()
        self.env.cr.execute(SQL("""
            SELECT DISTINCT s.kind, s.beneficiary_a_id, s.beneficiary_b_id
              FROM (%s) s
             WHERE NOT EXISTS (SELECT 1 FROM atta_duplicate_review r
                                WHERE r.kind = s.kind AND r.beneficiary_a_id = s.beneficiary_a_id
                                  AND r.beneficiary_b_id = s.beneficiary_b_id)
        """, self._pairs_sql(list(file_ids))))
        for kind, first, second in self.env.cr.fetchall():
            for own, other in ((first, second), (second, first)):
                if own in file_ids:
                    result.setdefault(own, []).append({"kind": kind, "other_id": other})
        return result

    def action_mark_reviewed(self):
        """A manager looked at the pair: say why it is not a duplicate (or what was done)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Mark as Reviewed"),
            "res_model": "atta.duplicate.review",
            "view_mode": "form",
            "target": "new",
            "context": {"default_kind": self.kind, "default_beneficiary_a_id": self.beneficiary_a_id.id,
                        "default_beneficiary_b_id": self.beneficiary_b_id.id, "default_evidence": self.evidence},
        }
