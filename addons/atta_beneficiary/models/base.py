from odoo import api, models
from odoo.tools import clean_context

# Kinds of fields a step writes or a check inspects when they are given: files and lines.
GUARDED_KINDS = ("binary", "image", "one2many")


class Base(models.AbstractModel):
    """Atta's records take no status, no step's field, no file and no line from the defaults of the context.

    Odoo fills `default_<field>` keys of the context into a new record inside `create`, after the checks an
    override makes on the values it was given, and a step that creates in superuser mode keeps its caller's
    context: a client could set there what no step would. What a step creates in superuser mode takes no
    default of the context at all; a user's own creates keep those of editable fields (the forms opened from a
    request, a session or a family rely on them). Wizards keep theirs: what they hold is the user's input to a
    step, which checks it.
    """

    _inherit = "base"

    @api.model
    def default_get(self, fields):
        defaults = super().default_get(fields)
        if not self._name.startswith("atta.") or self._transient:
            return defaults
        context = self.env.context
        guarded = [
            name
            for name in defaults
            if f"default_{name}" in context and (self.env.su or self._atta_default_guarded(name))
        ]
        if guarded:
            own = super(Base, self.with_context(clean_context(context))).default_get(guarded)
            for name in guarded:
                if name in own:
                    defaults[name] = own[name]
                else:
                    del defaults[name]
        return defaults

    @api.model
    def _atta_default_guarded(self, name):
        field = self._fields.get(name)
        return field is not None and (name == "state" or field.readonly or field.type in GUARDED_KINDS)
