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
    _rec_name = "evidence"
    _auto = False
    _order = "reviewed, kind, beneficiary_a_id"

    kind = fields.Selection(SIGNAL_KINDS, readonly=True)
    beneficiary_a_id = fields.Many2one("atta.beneficiary", string="File", readonly=True)
    beneficiary_b_id = fields.Many2one("atta.beneficiary", string="Other File", readonly=True)
    evidence = fields.Char(readonly=True, help="The value both files hold.")
    review_id = fields.Many2one("atta.duplicate.review", readonly=True)
    reviewed = fields.Boolean(readonly=True)

    @api.model
    def _pairs_sql(self):
        """Every pair (a < b) of active files sharing a value.

        Each kind first keeps the values held more than once (one pass over an index or a table), then
        joins only those: the work grows with the registry once, not with pairs of households.
        """
        return SQL("""
            WITH mobiles AS (
                SELECT signal_mobile AS value FROM atta_beneficiary
                 WHERE active AND signal_mobile IS NOT NULL GROUP BY signal_mobile HAVING count(*) > 1),
            addresses AS (
                SELECT national_address AS value FROM atta_beneficiary
                 WHERE active AND national_address IS NOT NULL GROUP BY national_address HAVING count(*) > 1),
            ibans AS (
                SELECT sanitized_acc_number AS value FROM res_partner_bank
                 WHERE active AND sanitized_acc_number IS NOT NULL
                 GROUP BY sanitized_acc_number HAVING count(DISTINCT partner_id) > 1),
            numbers AS (
                SELECT identity_number AS value FROM (
                    SELECT identity_number FROM atta_family_member WHERE identity_number IS NOT NULL
                    UNION ALL
                    SELECT identity_number FROM atta_beneficiary WHERE active) listed
                 GROUP BY identity_number HAVING count(*) > 1),
            holders AS (
                -- Every household that lists a repeated number, as its head or as a member.
                SELECT h.id AS beneficiary_id, h.identity_number AS value
                  FROM numbers JOIN atta_beneficiary h ON h.identity_number = numbers.value AND h.active
                UNION
                SELECT m.beneficiary_id, m.identity_number
                  FROM numbers JOIN atta_family_member m ON m.identity_number = numbers.value)
            SELECT 'mobile' AS kind, a.id AS beneficiary_a_id, b.id AS beneficiary_b_id, a.signal_mobile AS evidence
              FROM mobiles
              JOIN atta_beneficiary a ON a.signal_mobile = mobiles.value AND a.active
              JOIN atta_beneficiary b ON b.signal_mobile = mobiles.value AND b.active AND a.id < b.id
            UNION ALL
            SELECT 'address', a.id, b.id, a.national_address
              FROM addresses
              JOIN atta_beneficiary a ON a.national_address = addresses.value AND a.active
              JOIN atta_beneficiary b ON b.national_address = addresses.value AND b.active AND a.id < b.id
            UNION ALL
            SELECT DISTINCT 'iban', LEAST(a.id, b.id), GREATEST(a.id, b.id), ibans.value
              FROM ibans
              JOIN res_partner_bank ba ON ba.sanitized_acc_number = ibans.value AND ba.active
              JOIN res_partner_bank bb ON bb.sanitized_acc_number = ibans.value AND bb.active
                                      AND bb.partner_id > ba.partner_id
              JOIN atta_beneficiary a ON a.partner_id = ba.partner_id AND a.active
              JOIN atta_beneficiary b ON b.partner_id = bb.partner_id AND b.active
            UNION ALL
            SELECT 'member', x.beneficiary_id, y.beneficiary_id, x.value
              FROM holders x
              JOIN holders y ON y.value = x.value AND y.beneficiary_id > x.beneficiary_id
             WHERE NOT EXISTS (
                   SELECT 1 FROM atta_identity_exception e
                     JOIN atta_identity_exception_beneficiary_rel ra ON ra.exception_id = e.id
                                                                     AND ra.beneficiary_id = x.beneficiary_id
                     JOIN atta_identity_exception_beneficiary_rel rb ON rb.exception_id = e.id
                                                                     AND rb.beneficiary_id = y.beneficiary_id
                    WHERE e.identity_number = x.value)
        """)

    @api.model
    def _file_pairs_sql(self, file_ids):
        """The same pairs, for a few files only: each value of these files looked up through its index."""
        ids = tuple(file_ids)
        return SQL(
            """
            WITH own AS (SELECT id, partner_id, signal_mobile, national_address, identity_number
                           FROM atta_beneficiary WHERE id IN %(ids)s),
            own_numbers AS (
                SELECT id AS beneficiary_id, identity_number AS value FROM own
                UNION
                SELECT beneficiary_id, identity_number FROM atta_family_member
                 WHERE beneficiary_id IN %(ids)s AND identity_number IS NOT NULL),
            pairs AS (
                SELECT 'mobile' AS kind, own.id AS own_id, other.id AS other_id, own.signal_mobile AS evidence
                  FROM own JOIN atta_beneficiary other ON other.signal_mobile = own.signal_mobile
                                                      AND other.id != own.id AND other.active
                UNION ALL
                SELECT 'address', own.id, other.id, own.national_address
                  FROM own JOIN atta_beneficiary other ON other.national_address = own.national_address
                                                      AND other.id != own.id AND other.active
                UNION ALL
                SELECT 'iban', own.id, other.id, bank.sanitized_acc_number
                  FROM own
                  JOIN res_partner_bank bank ON bank.partner_id = own.partner_id AND bank.active
                  JOIN res_partner_bank twin ON twin.sanitized_acc_number = bank.sanitized_acc_number
                                            AND twin.partner_id != bank.partner_id AND twin.active
                  JOIN atta_beneficiary other ON other.partner_id = twin.partner_id AND other.active
                UNION ALL
                SELECT 'member', n.beneficiary_id, h.id, n.value
                  FROM own_numbers n JOIN atta_beneficiary h ON h.identity_number = n.value
                                                             AND h.id != n.beneficiary_id AND h.active
                UNION ALL
                SELECT 'member', n.beneficiary_id, m.beneficiary_id, n.value
                  FROM own_numbers n JOIN atta_family_member m ON m.identity_number = n.value
                                                               AND m.beneficiary_id != n.beneficiary_id)
            SELECT DISTINCT kind, LEAST(own_id, other_id) AS first_id, GREATEST(own_id, other_id) AS second_id,
                   evidence
              FROM pairs
        """,
            ids=ids,
        )

    @property
    def _table_query(self):
        # Read at query time, so the latest values and reviews are always the ones compared.
        return SQL(
            """
            SELECT row_number() OVER (ORDER BY s.kind, s.beneficiary_a_id, s.beneficiary_b_id) AS id,
                   s.kind, s.beneficiary_a_id, s.beneficiary_b_id, s.evidence,
                   r.id AS review_id, r.id IS NOT NULL AS reviewed
              FROM (%s) s
              LEFT JOIN atta_duplicate_review r ON r.kind = s.kind AND r.beneficiary_a_id = s.beneficiary_a_id
                                               AND r.beneficiary_b_id = s.beneficiary_b_id
        """,
            self._pairs_sql(),
        )

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
        self.env.cr.execute(
            SQL(
                """
            SELECT DISTINCT s.kind, s.first_id, s.second_id
              FROM (%s) s
             WHERE NOT EXISTS (SELECT 1 FROM atta_duplicate_review r
                                WHERE r.kind = s.kind AND r.beneficiary_a_id = s.first_id
                                  AND r.beneficiary_b_id = s.second_id)
               AND NOT (s.kind = 'member' AND EXISTS (
                   SELECT 1 FROM atta_identity_exception e
                     JOIN atta_identity_exception_beneficiary_rel ra ON ra.exception_id = e.id
                                                                     AND ra.beneficiary_id = s.first_id
                     JOIN atta_identity_exception_beneficiary_rel rb ON rb.exception_id = e.id
                                                                     AND rb.beneficiary_id = s.second_id
                    WHERE e.identity_number = s.evidence))
        """,
                self._file_pairs_sql(file_ids),
            )
        )
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
            "context": {
                "default_kind": self.kind,
                "default_beneficiary_a_id": self.beneficiary_a_id.id,
                "default_beneficiary_b_id": self.beneficiary_b_id.id,
                "default_evidence": self.evidence,
            },
        }
