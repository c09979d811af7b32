from odoo import models


class AttaBeneficiary(models.Model):
    """A person's online applications belong to their personal data: exported with it, erased with it [S7.4]."""

    _inherit = "atta.beneficiary"

    def _atta_online_applications(self):
        """The applications sent for this file, or on its identity number before a file was opened."""
        return (
            self.env["atta.online.application"]
            .sudo()
            .search(
                [
                    "|",
                    ("beneficiary_id", "=", self.id),
                    "&",
                    ("identity_type", "=", self.identity_type),
                    ("identity_number", "=", self.identity_number),
                ]
            )
        )

    def _atta_personal_data(self):
        sections = super()._atta_personal_data()
        applications = self._atta_online_applications()
        sections.append(
            {
                "title": self.env._("Online Applications"),
                "columns": [
                    self.env._("Date"),
                    self.env._("Full Name"),
                    self.env._("Identity Number"),
                    self.env._("Mobile"),
                    self.env._("Email"),
                    self.env._("City"),
                    self.env._("What Do You Need?"),
                ],
                "rows": [
                    (
                        self._atta_date(a.create_date),
                        a.name,
                        a.identity_number,
                        a.phone,
                        a.email or "",
                        a.city or "",
                        a.description or "",
                    )
                    for a in applications
                ],
            }
        )
        return sections

    def _atta_erase_records(self, values):
        # Found before the file's identity number is erased: the search reads it.
        applications = self._atta_online_applications()
        applications.attachment_ids.unlink()
        self._atta_wipe_traces(applications)
        applications.write(
            {
                "name": self.env._("Erased"),
                "identity_number": f"ERASED-{self.id}",
                "phone": "-",
                "email": False,
                "city": False,
                "district": False,
                "description": False,
                "ip_address": False,
            }
        )
        return super()._atta_erase_records(values)
