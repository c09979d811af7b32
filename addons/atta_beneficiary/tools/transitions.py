"""Server-side guards shared by Atta's business records.

A step of the process (submit, decide, deliver, …) is a method that checks who calls it and in which
state, then writes its fields in superuser mode. A plain `write`/`create` from any client, whatever its
context, can therefore never set those fields: the superuser flag cannot be sent over RPC, a context
key can.
"""

from odoo.exceptions import AccessError, UserError
from odoo.tools import clean_context


def field_labels(records, names):
    return ", ".join(sorted(records._fields[name]._description_string(records.env) for name in names))


def values_with_context_defaults(records, vals, names):
    """`vals` as a create will store them for `names`: a `default_<name>` of the context fills what `vals` lacks."""
    context = records.env.context
    values = {name: vals[name] for name in names if name in vals}
    for name in names:
        if name not in values and f"default_{name}" in context:
            values[name] = context[f"default_{name}"]
    return values


def refuse_step_fields(records, vals, protected, creating=False):
    """Refuse `vals` that set fields only a step of the process writes.

    On create, a value equal to the field's own default is let through: the web client sends the
    defaults of a new record (the statusbar's first state) with the rest of the form. A default sent in
    the context is a value the client chose: it is checked like one written in `vals`.
    """
    if records.env.su:
        return
    if creating:
        given = values_with_context_defaults(records, vals, protected)
        defaults = records.with_context(clean_context(records.env.context)).default_get(list(given))
        touched = {name for name, value in given.items() if value and value != defaults.get(name)}
    else:
        touched = set(vals) & set(protected)
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
