from odoo.tools import SQL


def reload_noupdate_record(cr, module, name, model):
    """Remove a record of a noupdate data file before the data loads, so that the upgrade creates it again.

    An upgrade leaves noupdate records as they were; a rule whose domain changed is reloaded this way.
    """
    cr.execute(
        SQL(
            """
            WITH gone AS (
                DELETE FROM ir_model_data
                 WHERE module = %(module)s AND name = %(name)s AND model = %(model)s
             RETURNING res_id
            )
            DELETE FROM %(table)s WHERE id IN (SELECT res_id FROM gone)
            """,
            module=module,
            name=name,
            model=model,
            table=SQL.identifier(model.replace(".", "_")),
        )
    )
