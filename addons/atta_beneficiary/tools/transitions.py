"""Server-side guards shared by Atta's business records.

A step of the process (submit, decide, deliver, …) is a method that checks who calls it and in which
state, then writes its fields in superuser mode. A plain `write`/`create` from any client, whatever its
context, can therefore never set those fields: the superuser flag cannot be sent over RPC, a context
key can.
"""

from odoo.exceptions import AccessError, UserError


def field_labels(records, names):
    return ", ".join(sorted(records._fields[name]._description_string(records.env) for name in names))


def refuse_step_fields(records, vals, protected, creating=False):
    """Refuse `vals` that set fields only a step of the process writes.

    On create, a value equal to the field's default is let through: the web client sends the
    defaults of a new record (the statusbar's first state) with the rest of the form.
    """
    if records.env.su:
        return
    touched = set(vals) & set(protected)
    if creating and touched:
        defaults = records.default_get(list(touched))
        touched = {name for name in touched if vals[name] and vals[name] != defaults.get(name)}
    if touched:
        raise UserError(
            records.env._(
                "%(fields)s can only change through the steps of the process (the buttons on the form), "
                "not by editing the record.",
                fields=field_labels(records, touched),
            )
        )


def check_roles(records, group_xmlids, step):
    """The user calling `step` holds one of these roles; presentation (a button's groups) is not enough."""
    env = records.env
    if env.su or any(env.user.has_group(xmlid) for xmlid in group_xmlids):
        return
    raise AccessError(env._("Your role does not allow you to %(step)s. Ask the person whose job it is.", step=step))


def check_parent_change(records, vals, field_name, allowed):
    """Re-pointing a record to another parent: only where `allowed(record)` and to a parent the user may see."""
    if records.env.su or field_name not in vals:
        return
    new_id = vals[field_name]
    for record in records:
        if record[field_name].id == new_id:
            continue
        if not allowed(record):
            raise UserError(
                records.env._(
                    "%(field)s of %(record)s can no longer be changed at this stage.",
                    field=field_labels(records, [field_name]),
                    record=record.display_name,
                )
            )
    if new_id:
        records.env[records._fields[field_name].comodel_name].browse(new_id).check_access("read")
