{
    "name": "Atta Beneficiaries",
    "summary": "Beneficiary registry, contact channels, interaction log and policy library "
    "for charities | سجل المستفيدين وقنوات التواصل وسجل التواصل ومكتبة السياسات للجمعيات",
    "description": """
Atta — beneficiary relations for Saudi charities
================================================
The beneficiary registry (identity checked, family, income and housing, categories,
documents that are verified and expire, declarations and consent), the contact channels
and the log of every interaction, the letters register, and the policy library with its
board approvals.

سجل المستفيدين (هوية موثقة، الأسرة، الدخل والسكن، الفئات، المستندات المتحقق منها
وتواريخ انتهائها، الإقرار والموافقة)، قنوات التواصل وسجل كل تواصل، سجل الصادر والوارد،
ومكتبة السياسات واعتمادات مجلس الإدارة.
""",
    "version": "19.0.1.0.0",
    "category": "Services/Beneficiary Relations",
    "license": "LGPL-3",
    "author": "Atta",
    "website": "https://github.com/atta-charity/atta",
    "depends": ["mail", "portal", "phone_validation", "resource"],
    "external_dependencies": {"python": ["hijridate", "openpyxl", "phonenumbers", "xlsxwriter"]},
    "data": [
        "security/groups.xml",
        "security/ir.model.access.csv",
        "security/beneficiary_security.xml",
        "data/sequences.xml",
        "data/channels.xml",
        "data/teams.xml",
        "data/beneficiary_categories.xml",
        "data/document_types.xml",
        "data/consent_texts.xml",
        "data/policies.xml",
        "data/retention_rules.xml",
        "data/crons.xml",
        "data/beneficiary_import_cron.xml",
        "report/paperformat.xml",
        "report/beneficiary_file_report.xml",
        "report/personal_data_report.xml",
        "wizards/beneficiary_status_wizard_views.xml",
        "wizards/beneficiary_import_views.xml",
        "views/beneficiary_views.xml",
        "views/beneficiary_imported_views.xml",
        "views/family_member_views.xml",
        "views/beneficiary_document_views.xml",
        "views/beneficiary_category_views.xml",
        "views/document_type_views.xml",
        "views/consent_text_views.xml",
        "views/channel_views.xml",
        "views/team_views.xml",
        "views/data_request_views.xml",
        "views/audit_log_views.xml",
        "views/retention_rule_views.xml",
        "views/interaction_views.xml",
        "views/letter_views.xml",
        "views/policy_views.xml",
        "views/policy_version_views.xml",
        "views/policy_clause_views.xml",
        "views/identity_exception_views.xml",
        "views/duplicate_signal_views.xml",
        "views/duplicate_review_views.xml",
        "views/home_views.xml",
        "views/menus.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "atta_beneficiary/static/src/hijri_date_field/*",
            "atta_beneficiary/static/src/home/*",
        ],
        "web.assets_tests": ["atta_beneficiary/static/tests/tours/*.js"],
    },
    "demo": ["demo/beneficiary_demo.xml"],
    "application": True,
}
