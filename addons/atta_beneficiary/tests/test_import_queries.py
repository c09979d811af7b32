import logging

from odoo.tests import tagged

from .common import AttaBeneficiaryCase
from .test_import import nid, workbook

_logger = logging.getLogger(__name__)

# Every path of the check in each block of ten families: new, shared mobile, refused, listed twice, on file
# with changes, on file unchanged, member elsewhere, head missing, size mismatch, archived file.
BLOCK = 10


@tagged("post_install", "-at_install")
class TestImportQueryBudget(AttaBeneficiaryCase):
    """The check of a workbook costs the same number of queries for 100 families as for 50 [S7.2 at scale]."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        blocks = 100 // BLOCK
        cls.other_household = cls._beneficiary(nid(9000), name="Other Household", phone="0507777777")
        cls.env["atta.family.member"].create(
            [
                {
                    "beneficiary_id": cls.other_household.id,
                    "name": f"Listed Elsewhere {block}",
                    "relation": "son",
                    "identity_number": nid(9100 + block),
                }
                for block in range(blocks)
            ]
        )
        on_file = {
            (block, kind): cls._beneficiary(
                nid(5000 + block * BLOCK + kind), name=f"On File {block}-{kind}", phone=f"0508{block:02d}{kind:04d}"
            )
            for block in range(blocks)
            for kind in (4, 5, 9)
        }
        cls.already_here = {}
        for (block, kind), file in on_file.items():
            if kind == 5:
                cls.already_here[block] = nid(8000 + block)
                cls.env["atta.family.member"].create(
                    {
                        "beneficiary_id": file.id,
                        "name": "Already Here",
                        "relation": "son",
                        "identity_number": nid(8000 + block),
                    }
                )
            elif kind == 9:
                file._set_status("archived", "Moved away")

    def _sheet(self, families):
        """The workbook of `families` families, ten by ten as BLOCK says."""
        rows, members = [], []
        for i in range(families):
            block, kind = divmod(i, BLOCK)
            head = nid(5000 + i)
            family = {"identity_number": head, "name": f"Family {i}", "household_size": "2"}
            if kind == 3:  # listed twice: the first row stands, with its members
                rows.append({"identity_number": nid(5000 + block * BLOCK), "name": f"Family {i} Again"})
                continue
            member = {
                "head_identity_number": head,
                "name": f"Child {i}",
                "relation": "ابن",
                "identity_number": nid(6000 + i),
            }
            if kind in (0, 1):
                family["phone"] = f"0502{block:02d}0000"  # the two share a mobile
            elif kind == 2:
                family["birth_date"] = "أمس"
            elif kind == 4:
                family.update(birth_date="01/01/1400", phone=f"0501{block:02d}1010")  # gains a date, keeps its mobile
            elif kind == 5:
                member["identity_number"] = self.already_here[block]  # already in the file: nothing to do
                member["name"] = "Already Here"
            elif kind == 6:
                member["identity_number"] = nid(9100 + block)  # listed in another household
                family["phone"] = "0507777777"  # the other household's mobile
            elif kind == 7:
                member["head_identity_number"] = nid(7000 + i)  # no such family on the sheet
                del family["household_size"]
            elif kind == 8:
                family["household_size"] = "5"
            rows.append(family)
            members.append(member)
        return workbook(rows, members)

    def _checked(self, families):
        """(queries of the manager's check, the job) for a workbook of `families` families."""
        Import = self.env["atta.beneficiary.import"].with_user(self.manager)
        saved = Import.web_save({"file": self._sheet(families), "file_name": f"{families}.xlsx"}, {"state": {}})
        job = Import.browse(saved[0]["id"])
        self.env.flush_all()
        before = self.env.cr.sql_log_count
        job.action_check()
        self.env.flush_all()
        return self.env.cr.sql_log_count - before, job

    def test_the_check_of_100_families_costs_the_queries_of_50(self):
        self._checked(BLOCK)  # caches of a first run (access rights, translations) are not the check's cost
        queries_50, job_50 = self._checked(50)
        queries_100, job_100 = self._checked(100)
        # Every path was taken, in proportion: the budget is not met by a sheet that checks nothing.
        for job, families in ((job_50, 50), (job_100, 100)):
            blocks = families // BLOCK
            self.assertEqual(job.state, "checked")
            self.assertEqual(job.family_count, families)
            self.assertEqual(job.member_count, families - blocks)
            statuses = {}
            for line in job.line_ids:
                statuses.setdefault((line.sheet, line.status), 0)
                statuses[line.sheet, line.status] += 1
            self.assertEqual(statuses.get(("family", "refused")), 4 * blocks)  # date, twice, size, archived
            self.assertEqual(statuses.get(("member", "refused")), 5 * blocks)  # their 3, elsewhere, no head
            self.assertEqual(statuses.get(("family", "to_update")), blocks)
            self.assertEqual(statuses.get(("family", "unchanged")), blocks)
            self.assertEqual(statuses.get(("member", "unchanged")), blocks)
            self.assertEqual(len(job.line_ids.filtered("note")), 4 * blocks)  # shared mobile x2, registry, kept value
        _logger.info("the check of 50 families: %s queries; of 100 families: %s queries", queries_50, queries_100)
        self.assertLessEqual(
            queries_100,
            queries_50 + 2,
            f"the check of 100 families made {queries_100} queries, of 50 families {queries_50}: "
            "a query runs per row again",
        )
