import io

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..tools import (
    check_roles,
    hijri_date_string,
    identity_number_problem,
    in_lang_of,
    normalize_identity,
    number_new_records,
    refuse_step_fields,
    run_batches,
)
from ..tools.roles import MANAGER, OFFICER
from ..tools.xlsx import write_cells
from .beneficiary import IDENTITY_TYPES

DATA_REQUEST_KINDS = [
    ("access", "See my data"),
    ("copy", "Receive a copy of my data"),
    ("correction", "Correct my data"),
    ("destruction", "Destroy my data"),
]
# Written only by the steps (start, answer, refuse) and the deadline cron, never by a plain write.
STEP_FIELDS = {"state", "answered_on", "escalated"}
# The answer each kind of request calls for; no other answer may be given to it.
KIND_STEPS = {
    "action_export": ("access", "copy"),
    "action_apply_corrections": ("correction",),
    "action_destroy": ("destruction",),
}


class AttaDataRequest(models.Model):
    """A person's request about their own data under the PDPL, answered within the legal period."""

    _name = "atta.data.request"
    _description = "Personal Data Request"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "id desc"

    name = fields.Char(string="Number", readonly=True, copy=False, default="/", index="btree")
    kind = fields.Selection(DATA_REQUEST_KINDS, string="Request", required=True, tracking=True)
    state = fields.Selection(
        [("received", "Received"), ("in_progress", "In Progress"), ("done", "Replied"), ("refused", "Refused")],
        default="received",
        required=True,
        tracking=True,
        index=True,
        copy=False,
    )
    beneficiary_id = fields.Many2one(
        "atta.beneficiary", tracking=True, index=True, ondelete="set null", context={"active_test": False}
    )
    identity_type = fields.Selection(
        IDENTITY_TYPES,
        default="national_id",
        help="With the number, identifies the person when the request is received.",
    )
    identity_number = fields.Char(help="Used to find the person's file when the request is received.")
    requester_name = fields.Char(string="Requested By", required=True)
    requester_relation = fields.Selection(
        [("self", "The person themself"), ("guardian", "Guardian or legal representative")],
        string="Requester Is",
        default="self",
        required=True,
    )
    channel_id = fields.Many2one("atta.channel", required=True)
    description = fields.Text(string="What Was Asked")
    received_on = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    received_on_hijri = fields.Char(compute="_compute_hijri_dates")
    deadline = fields.Date(
        compute="_compute_deadline",
        store=True,
        index=True,
        tracking=True,
        help="The legal answer period counted from the day the request was received.",
    )
    deadline_hijri = fields.Char(compute="_compute_hijri_dates")
    answered_on = fields.Date(readonly=True, copy=False)
    answered_on_time = fields.Boolean(compute="_compute_answered_on_time", store=True)
    escalated = fields.Boolean(readonly=True, copy=False)
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        tracking=True,
        domain=[("share", "=", False)],
    )
    response = fields.Text(tracking=True, help="What the person was told.")
    refusal_reason = fields.Text(tracking=True, copy=False)
    change_ids = fields.One2many("atta.data.request.change", "request_id", string="Proposed Corrections")
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)

    @api.model
    def _answer_days(self):
        return int(self.env["ir.config_parameter"].sudo().get_param("atta_beneficiary.data_request_days", 30))

    @api.depends("received_on")
    def _compute_deadline(self):
        days = self._answer_days()
        for request in self:
            request.deadline = request.received_on + relativedelta(days=days) if request.received_on else False

    @api.depends("received_on", "deadline")
    @api.depends_context("lang")
    def _compute_hijri_dates(self):
        lang = self.env.lang or "en_US"
        for request in self:
            request.received_on_hijri = hijri_date_string(request.received_on, lang)
            request.deadline_hijri = hijri_date_string(request.deadline, lang)

    @api.depends("answered_on", "deadline")
    def _compute_answered_on_time(self):
        for request in self:
            request.answered_on_time = bool(request.answered_on and request.answered_on <= request.deadline)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            refuse_step_fields(self, vals, STEP_FIELDS, creating=True)
            if vals.get("identity_number"):
                vals["identity_number"] = self._atta_checked_identity(
                    vals.get("identity_type") or "national_id", vals["identity_number"]
                )
            if not vals.get("beneficiary_id") and vals.get("identity_number"):
                vals["beneficiary_id"] = self._atta_find_person(
                    vals.get("identity_type") or "national_id", vals["identity_number"]
                ).id
            elif vals.get("beneficiary_id") and not vals.get("identity_number"):
                # From the portal or the file: the person's identity, for finding their other files later.
                person = (
                    self.env["atta.beneficiary"].sudo().with_context(active_test=False).browse(vals["beneficiary_id"])
                )
                vals.update(identity_type=person.identity_type, identity_number=person.identity_number)
        number_new_records(self, vals_list, "atta.data.request", "DSR")
        requests = super().create(vals_list)
        for request in requests:
            request.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=request.user_id.id,
                date_deadline=request.deadline,
                summary=self.env._("Answer data request %(number)s", number=request.name),
            )
        return requests

    @api.model
    def _atta_checked_identity(self, identity_type, number):
        """The identity number in its stored form (ASCII digits), or refused with the reason, as on the file:
        other digit forms and scripts would never find the person's file."""
        number = normalize_identity(number)
        problem = identity_number_problem(identity_type, number)
        if problem:
            raise ValidationError(self.env["atta.beneficiary"]._identity_problem_message(problem, number))
        return number

    @api.model
    def _atta_find_person(self, identity_type, identity_number):
        """The person's file by identity type and number: the active one, else their latest archived one."""
        return (
            self.env["atta.beneficiary"]
            .with_context(active_test=False)
            .search(
                [
                    ("identity_type", "=", identity_type),
                    ("identity_number", "=", identity_number),
                    ("erased_on", "=", False),
                ],
                order="active desc, id desc",
                limit=1,
            )
        )

    def write(self, vals):
        refuse_step_fields(self, vals, STEP_FIELDS)
        # What the person asked for is part of the record: it changes only before work on it starts.
        if (
            "kind" in vals
            and not self.env.su
            and any(request.kind != vals["kind"] and request.state != "received" for request in self)
        ):
            raise UserError(
                self.env._(
                    "What the person asked for cannot change once the request is being answered. Record a new request."
                )
            )
        if vals.get("identity_number"):
            identity_type = vals.get("identity_type") or self[:1].identity_type or "national_id"
            vals = dict(vals, identity_number=self._atta_checked_identity(identity_type, vals["identity_number"]))
        return super().write(vals)

    def _atta_audit_reference(self):
        return self.name

    def _atta_check_kind(self, step):
        """Each answer only on its kind of request: a copy is not a destruction, whatever the client calls."""
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for request in self:
            if request.kind not in KIND_STEPS[step]:
                raise UserError(
                    self.env._(
                        "Request %(number)s asks to “%(kind)s”: it cannot be answered this way. Use the button that "
                        "matches the request, or record a new request of the right kind.",
                        number=request.name,
                        kind=kinds.get(request.kind, request.kind),
                    )
                )

    def _atta_today(self):
        """Today for the person reading the answer: Hijri beside Gregorian."""
        return self.env["atta.beneficiary"]._atta_date(fields.Date.context_today(self))

    # ------------------------------------------------------------------ answering
    def _atta_write_step(self, step, vals):
        """Write the step's fields once the caller's role and right to edit these requests are checked."""
        check_roles(self, (OFFICER,), step)
        self.check_access("write")
        # Superuser mode for the step's fields only: a plain write of them is refused (STEP_FIELDS).
        self.sudo().write(vals)

    def action_start(self):
        for request in self:
            if request.state != "received":
                raise UserError(
                    self.env._("Request %(number)s is already being answered or was answered.", number=request.name)
                )
        self._atta_write_step(self.env._("start answering a data request"), {"state": "in_progress"})
        return True

    def _answer(self, response, attachments=None):
        self.ensure_one()
        if self.state in ("done", "refused"):
            raise UserError(self.env._("This request has already been answered."))
        self._atta_write_step(
            self.env._("answer a data request"),
            {"state": "done", "response": response, "answered_on": fields.Date.context_today(self)},
        )
        self.activity_feedback(["mail.mail_activity_data_todo"])
        self.message_post(body=response, attachment_ids=(attachments or self.env["ir.attachment"]).ids)

    def action_export(self):
        """See or copy: one PDF and one XLSX of everything Atta holds about the person, attached here."""
        self.ensure_one()
        self._atta_check_kind("action_export")
        if self.state in ("done", "refused"):
            raise UserError(self.env._("This request has already been answered."))
        if not self.beneficiary_id:
            self._answer(self.env._("The association holds no personal data under this identity number."))
            return True
        # In the person's language: they are the reader.
        lang = self.beneficiary_id.lang or self.env.lang
        sections = self.beneficiary_id.with_context(active_test=False, lang=lang)._atta_personal_data()
        base_name = self.env._("Personal data %(number)s", number=self.name)
        pdf, _type = (
            self.env["ir.actions.report"]
            .with_context(lang=lang)
            ._render_qweb_pdf("atta_beneficiary.action_report_personal_data", self.ids, data={"sections": sections})
        )
        Attachment = self.env["ir.attachment"].sudo()
        attachments = Attachment.create(
            [
                {
                    "name": f"{base_name}.pdf",
                    "raw": pdf,
                    "mimetype": "application/pdf",
                    "res_model": self._name,
                    "res_id": self.id,
                },
                {
                    "name": f"{base_name}.xlsx",
                    "raw": self.with_context(lang=lang)._atta_xlsx(sections),
                    "res_model": self._name,
                    "res_id": self.id,
                    "mimetype": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                },
            ]
        )
        self.env["atta.audit.log"]._log("data_export", self.beneficiary_id, detail=self.name)
        self._answer(
            self.env._("Everything the association holds about the person is attached, as a PDF and a spreadsheet."),
            attachments,
        )
        return True

    @api.model
    def _atta_xlsx(self, sections):
        import xlsxwriter  # noqa: PLC0415 - declared in requirements.txt

        stream = io.BytesIO()
        workbook = xlsxwriter.Workbook(stream, {"in_memory": True, "strings_to_formulas": False})
        bold = workbook.add_format({"bold": True})
        used = set()
        for section in sections:
            # Sheet names: 31 characters at most, unique, no []:*?/\
            title = "".join(c for c in section["title"] if c not in "[]:*?/\\")[:28] or "-"
            while title in used:
                title = f"{title[:26]}-{len(used)}"
            used.add(title)
            sheet = workbook.add_worksheet(title)
            if self.env.lang and self.env.lang.startswith("ar"):
                sheet.right_to_left()
            write_cells(sheet, 0, section["columns"], bold)
            for index, row in enumerate(section["rows"], 1):
                write_cells(sheet, index, row)
        workbook.close()
        return stream.getvalue()

    def action_apply_corrections(self):
        """Correction: the reviewed changes are written to the file, where tracking keeps old and new."""
        self.ensure_one()
        self._atta_check_kind("action_apply_corrections")
        if not self.beneficiary_id or not self.change_ids:
            raise UserError(self.env._("Add the corrections the person asked for, then apply them."))
        for change in self.change_ids.filtered(lambda c: not c.applied):
            change._apply()
        self.env["atta.audit.log"]._log("correction", self.beneficiary_id, detail=self.name)
        self._answer(
            self.env._(
                "The requested corrections were reviewed and applied: %(fields)s",
                fields=", ".join(self.change_ids.mapped("field_id.field_description")),
            )
        )
        return True

    def action_destroy(self):
        """Destruction: erase the person's data, or say why not (an open request, a legal hold).

        Only on a destruction request, and carried out by a manager [PDPL; policy S1]: checked here,
        not by the button. Every file of the person (same identity type and number) is erased, or none.
        """
        self.ensure_one()
        self._atta_check_kind("action_destroy")
        if not (self.env.su or self.env.user.has_group(MANAGER)):
            raise AccessError(
                self.env._(
                    "Only a manager may carry out the destruction of a person's data. Ask a manager of the association "
                    "to review request %(number)s.",
                    number=self.name,
                )
            )
        if self.state in ("done", "refused"):
            raise UserError(self.env._("This request has already been answered."))
        files = (
            (self.beneficiary_id._atta_same_person() | self.beneficiary_id).filtered(lambda f: not f.erased_on)
            if self.beneficiary_id
            else self.beneficiary_id
        )
        if not files:
            self._answer(self.env._("The association holds no personal data under this identity number."))
            return True
        for person_file in files:
            blockers = person_file._atta_erase_blockers()
            if blockers:
                raise UserError(
                    self.env._(
                        "The file %(reference)s cannot be erased now:\n%(reasons)s",
                        reference=person_file.reference,
                        reasons="\n".join(blockers),
                    )
                )
        with self.env.cr.savepoint():
            for person_file in files:
                person_file._atta_erase(self.name)
        self.requester_name = self.env._("Erased")
        self.identity_number = False
        self.description = False
        self._answer(
            self.env._(
                "The person's data was destroyed. Amounts paid, dates and decisions are kept "
                "for the association's legal retention period, without the person's identity."
            )
        )
        return True

    def action_refuse(self):
        self.ensure_one()
        if not (self.refusal_reason or "").strip():
            raise UserError(self.env._("Write the reason for the refusal: the person is told why."))
        if self.state not in ("received", "in_progress"):
            raise UserError(self.env._("This request has already been answered."))
        self._atta_write_step(
            self.env._("refuse a data request"), {"state": "refused", "answered_on": fields.Date.context_today(self)}
        )
        self.activity_feedback(["mail.mail_activity_data_todo"])
        self.message_post(body=self.env._("Refused: %(reason)s", reason=self.refusal_reason))
        return True

    # ------------------------------------------------------------------ the promised period
    @api.model
    def _cron_watch_deadlines(self):
        """The responsible has an activity due on the deadline; past it, a manager is told once."""
        today = fields.Date.context_today(self)
        open_requests = [("state", "in", ("received", "in_progress"))]
        overdue = self.search(open_requests + [("deadline", "<", today), ("escalated", "=", False)])
        run_batches(overdue, "_escalate")
        return len(overdue)

    def _escalate(self):
        self.ensure_one()
        manager = self.env["res.users"]._atta_manager() or self.user_id
        theirs = in_lang_of(self, manager)
        theirs.activity_schedule(
            "mail.mail_activity_data_todo",
            user_id=manager.id,
            date_deadline=fields.Date.context_today(self),
            summary=theirs.env._("Data request %(number)s is past its legal period", number=self.name),
        )
        # Superuser mode for the flag only: the deadline cron's step, refused to a plain write.
        self.sudo().escalated = True
