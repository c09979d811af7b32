"""A beneficiary's bank account is read in the trail like the file; identity numbers of data requests and
exceptions are kept in the form the files use, or refused with the reason."""

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .test_privacy_attacks import AttaPrivacyCase

IBAN = "SA0380000000608010167519"
OTHER_IBAN = "SA4780000000000000004242"


@tagged("post_install", "-at_install")
class TestBankAccountReadsAreAudited(AttaPrivacyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Bank = cls.env["res.partner.bank"]
        cls.account = Bank.create(
            {"partner_id": cls.beneficiary.partner_id.id, "acc_number": IBAN, "acc_holder_name": cls.beneficiary.name}
        )
        # A supplier's account is no beneficiary's personal data.
        supplier = cls.env["res.partner"].create({"name": "Rice Supplier Co."})
        cls.supplier_account = Bank.create({"partner_id": supplier.id, "acc_number": OTHER_IBAN})

    def _entries(self, call):
        last = self.Log.search([], limit=1).id
        call()
        return self.Log.search([("id", ">", last)], order="id")

    def test_an_officer_reading_a_beneficiary_s_iban_leaves_one_row_naming_the_file(self):
        Bank = self.env["res.partner.bank"].with_user(self.officer)
        accounts = self.account | self.supplier_account
        rows = []
        entries = self._entries(
            lambda: rows.extend(
                Bank.search_read([("id", "in", accounts.ids)], ["acc_number", "acc_holder_name", "partner_id"])
            )
        )
        self.assertEqual({row["acc_number"] for row in rows}, {IBAN, OTHER_IBAN}, "the officer still reads them")
        self.assertEqual(len(entries), 1)
        self.assertRecordValues(
            entries,
            [
                {
                    "action": "view",
                    "user_id": self.officer.id,
                    "res_model": "res.partner.bank",
                    "res_id": self.account.id,
                    "res_ids": str(self.account.id),
                    "reference": self.beneficiary.reference,
                    "detail": "Bank account read",
                }
            ],
        )
        # The web client's list, a form and a copy: each leaves its row.
        for call in (
            lambda: Bank.web_search_read([("id", "in", accounts.ids)], {"acc_number": {}, "acc_holder_name": {}}),
            lambda: self.account.with_user(self.officer).web_read({"acc_number": {}}),
            lambda: self.account.with_user(self.officer).copy_data(),
        ):
            entries = self._entries(call)
            self.assertEqual(
                [(e.res_model, e.res_ids, e.user_id) for e in entries],
                [("res.partner.bank", str(self.account.id), self.officer)],
            )
        self.assertFalse(
            self._entries(lambda: self.supplier_account.with_user(self.officer).read(["acc_number"])),
            "a supplier's account is not a beneficiary's",
        )

    def test_grouping_accounts_by_iban_or_holder_leaves_a_row_naming_the_file(self):
        Bank = self.env["res.partner.bank"].with_user(self.officer)
        domain = [("id", "in", (self.account | self.supplier_account).ids)]
        for groupby in ("acc_number", "acc_holder_name", "partner_id"):
            with self.subTest(groupby=groupby):
                entries = self._entries(lambda g=groupby: Bank.formatted_read_group(domain, [g], ["__count"]))
                self.assertEqual(
                    [(e.res_model, e.res_ids) for e in entries], [("res.partner.bank", str(self.account.id))]
                )
        self.assertFalse(self._entries(lambda: Bank.formatted_read_group(domain, ["allow_out_payment"], ["__count"])))

    def test_looking_a_person_up_by_iban_leaves_a_row_even_when_only_counted(self):
        Bank = self.env["res.partner.bank"].with_user(self.officer)
        for domain, found in (
            ([("acc_number", "=", IBAN)], self.account),
            ([("sanitized_acc_number", "=", IBAN)], self.account),
            ([("acc_holder_name", "ilike", "Alqahtani")], self.account),
        ):
            with self.subTest(domain=domain):
                entries = self._entries(lambda d=domain: Bank.search_count(d))
                self.assertEqual(len(entries), 1)
                self.assertEqual((entries.res_model, entries.res_ids), ("res.partner.bank", str(found.id)))
                self.assertTrue(entries.detail.startswith("Searched by"))
        entries = self._entries(lambda: Bank.name_search(IBAN[-8:]))
        self.assertEqual([(e.res_model, e.res_ids) for e in entries], [("res.partner.bank", str(self.account.id))])
        # A probe through the contact's accounts is a probe of the account.
        entries = self._entries(
            lambda: self.env["res.partner"].with_user(self.officer).search_count([("bank_ids.acc_number", "=", IBAN)])
        )
        self.assertEqual(len(entries), 1)
        self.assertIn("Account Number", entries.detail)


@tagged("post_install", "-at_install")
class TestIdentityNumbersOfRequestsAndExceptions(AttaPrivacyCase):
    NUMBERS = ("¹²³⁴⁵⁶⁷⁸⁹⁷", "১০০০০০০০০৮", "１０００００００００８", "¹٢3４５６７８９７")

    def test_a_data_request_keeps_the_number_in_ascii_digits_or_refuses_it(self):
        DataRequest = self.env["atta.data.request"]
        for user in (self.officer, self.manager):
            for number in self.NUMBERS:
                with (
                    self.subTest(user=user.login, number=number),
                    self.assertRaisesText(ValidationError, "not Latin letters or digits"),
                ):
                    DataRequest.with_user(user).create(
                        {
                            "kind": "access",
                            "identity_number": number,
                            "requester_name": "Someone",
                            "channel_id": self.channel_interview.id,
                        }
                    )
        self.assertFalse(DataRequest.search_count([("requester_name", "=", "Someone")]), "nothing stored")
        request = self._data_request("access", identity_number="١٠٠٠٠٠٠٠٠٨", user=self.officer)
        self.assertEqual((request.identity_number, request.beneficiary_id), ("1000000008", self.beneficiary))
        with self.assertRaisesText(ValidationError, "check digit"):
            request.with_user(self.officer).web_save({"identity_number": "1000000009"}, {})
        with self.assertRaisesText(ValidationError, "not Latin letters or digits"):
            request.with_user(self.officer).web_save({"identity_number": "¹⁰⁰⁰⁰⁰⁰⁰⁰⁸"}, {})
        self.assertEqual(request.identity_number, "1000000008")

    def test_an_identity_exception_keeps_the_number_in_ascii_digits_or_refuses_it(self):
        Exception_ = self.env["atta.identity.exception"].with_user(self.manager)
        files = self.beneficiary | self.other
        values = {"beneficiary_ids": [(6, 0, files.ids)], "reason": "Children in both homes."}
        for number in self.NUMBERS + ("АВ1234567",):
            with self.subTest(number=number), self.assertRaisesText(ValidationError, "not Latin letters or digits"):
                Exception_.create(dict(values, identity_number=number))
        self.assertFalse(Exception_.search_count([]), "nothing stored")
        exception = Exception_.create(dict(values, identity_number="١٠٠٠٠٠٠٠٣٢"))
        self.assertEqual(exception.identity_number, "1000000032")
        with self.assertRaisesText(ValidationError, "not Latin letters or digits"):
            exception.write({"identity_number": "１０００００００３２"})
        self.assertEqual(exception.identity_number, "1000000032")
