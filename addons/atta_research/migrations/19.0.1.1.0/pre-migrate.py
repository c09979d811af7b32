"""19.0.1.1.0: the public side leaves atta_research for its own addon, atta_website.

Before atta_research's new code loads, what moved changes hands in the database: the records it
created (models, fields, views, templates, menus, access rights, website menus) are recorded as
atta_website's, so that the end of the upgrade neither deletes them (they are no longer declared by
atta_research) nor creates them twice; and atta_website is marked to install, so an upgraded
database keeps its website, its online applications and its portal.
"""

import logging

from odoo.tools import SQL

_logger = logging.getLogger(__name__)

MOVED_MODELS = ("atta.online.application", "atta.follow.request")
# The records of the moved data and view files, by their names in atta_research.
MOVED_NAMES = (
    # data/website_data.xml
    "menu_apply",
    "menu_services",
    "menu_policies",
    # data/website_homepage.xml
    "homepage",
    "footer",
    "footer_copyright",
    "contactus",
    "contactus_thanks",
    "contact_channels",
    "header_brand_name",
    "header_text_element",
    # views/*_templates.xml
    "apply_field",
    "apply_page",
    "apply_received",
    "apply_pending",
    "apply_thanks",
    "complaint_field",
    "complaint_subject_fields",
    "complaint_page",
    "complaint_thanks",
    "follow_page",
    "follow_sent",
    "portal_my_home_requests",
    "portal_breadcrumbs_requests",
    "portal_my_requests",
    "portal_request_page",
    "portal_request_page_appeal_complaint",
    "portal_my_home_privacy",
    "portal_breadcrumbs_privacy",
    "portal_privacy",
    "services_page",
    "policies_page",
    # views/online_application_views.xml and the menu
    "online_application_view_list",
    "online_application_view_form",
    "online_application_view_search",
    "online_application_action",
    "online_application_menu",
    # security/ir.model.access.csv
    "access_online_application_officer",
    "access_online_application_manager",
    "access_follow_request_manager",
)


def migrate(cr, version):
    if not version:
        return
    cr.execute(SQL("SELECT id FROM ir_model WHERE model IN %s", MOVED_MODELS))
    model_ids = tuple(row[0] for row in cr.fetchall())
    moved = 0
    if model_ids:
        # The models, their fields and the values of their selection fields.
        cr.execute(
            SQL(
                """
                UPDATE ir_model_data d SET module = 'atta_website'
                 WHERE d.module = 'atta_research'
                   AND (
                        (d.model = 'ir.model' AND d.res_id IN %(models)s)
                     OR (d.model = 'ir.model.fields'
                         AND d.res_id IN (SELECT id FROM ir_model_fields WHERE model_id IN %(models)s))
                     OR (d.model = 'ir.model.fields.selection'
                         AND d.res_id IN (SELECT s.id FROM ir_model_fields_selection s
                                            JOIN ir_model_fields f ON f.id = s.field_id
                                           WHERE f.model_id IN %(models)s))
                   )
                """,
                models=model_ids,
            )
        )
        moved += cr.rowcount
        # The table linking an application to its documents, and any constraint of the moved models.
        for table in ("ir_model_relation", "ir_model_constraint"):
            cr.execute(
                SQL(
                    """
                    UPDATE %(table)s SET module = (SELECT id FROM ir_module_module WHERE name = 'atta_website')
                     WHERE module = (SELECT id FROM ir_module_module WHERE name = 'atta_research')
                       AND model IN %(models)s
                       AND EXISTS (SELECT FROM ir_module_module WHERE name = 'atta_website')
                    """,
                    table=SQL.identifier(table),
                    models=model_ids,
                )
            )
    cr.execute(
        SQL(
            "UPDATE ir_model_data SET module = 'atta_website' WHERE module = 'atta_research' AND name IN %s",
            MOVED_NAMES,
        )
    )
    moved += cr.rowcount
    # Views keep their key (the full name) in a column of their own: the website looks them up by it.
    cr.execute(
        SQL(
            """
            UPDATE ir_ui_view SET key = 'atta_website.' || substr(key, length('atta_research.') + 1)
             WHERE key IN %s
            """,
            tuple(f"atta_research.{name}" for name in MOVED_NAMES),
        )
    )
    # The list of modules was refreshed before this script (-u reads the addons path): install the public side.
    cr.execute("UPDATE ir_module_module SET state = 'to install' WHERE name = 'atta_website' AND state = 'uninstalled'")
    cr.execute("SELECT 1 FROM ir_module_module WHERE name = 'atta_website'")
    if not cr.fetchone():
        _logger.warning("atta_website is not on the addons path: the public side is missing after this upgrade")
    _logger.info("atta_research %s: %s records handed to atta_website", version, moved)
