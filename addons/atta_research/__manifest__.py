{
    "name": "Atta Social Research",
    "summary": "Support requests from intake to service: social research, the research committee "
    "and the promised decision | طلبات الدعم من الاستقبال إلى تقديم الخدمة: البحث الاجتماعي "
    "ولجنة البحث والقرار في موعده",
    "description": """
Support requests of beneficiaries, from intake to service: document check, referral to a
social researcher, field research with a transparent eligibility score, the research
committee's sessions and votes, the decision within the promised period, and delivery.

طلبات دعم المستفيدين من الاستقبال إلى تقديم الخدمة: التحقق من المستندات، الإحالة إلى
الباحث الاجتماعي، البحث الميداني بدرجة استحقاق واضحة، جلسات لجنة البحث وتصويتها، القرار
خلال المدة الموعودة، ثم تسليم الخدمة.
""",
    "version": "19.0.1.2.0",
    "category": "Services/Beneficiary Relations",
    "license": "LGPL-3",
    "author": "Atta",
    "website": "https://github.com/atta-charity/atta",
    "depends": ["atta_beneficiary", "portal", "resource", "sms"],
    "data": [
        "security/groups.xml",
        "security/ir.model.access.csv",
        "security/research_security.xml",
        "security/complaint_security.xml",
        "security/volunteer_security.xml",
        "data/sequences.xml",
        "data/calendar.xml",
        "data/support_types.xml",
        "data/eligibility_rules.xml",
        "data/retention_rules.xml",
        "data/mail_templates.xml",
        "data/complaint_data.xml",
        "data/sms_templates.xml",
        "data/crons.xml",
        "data/volunteer_data.xml",
        "report/paper_layout.xml",
        "report/decision_letter_report.xml",
        "report/request_form_report.xml",
        "report/research_visit_report.xml",
        "report/support_delivery_report.xml",
        "wizards/request_action_wizard_views.xml",
        "wizards/signed_scan_wizard_views.xml",
        "wizards/research_referral_wizard_views.xml",
        "views/support_type_views.xml",
        "views/support_request_views.xml",
        "views/research_visit_views.xml",
        "views/eligibility_rule_views.xml",
        "views/committee_views.xml",
        "views/committee_session_views.xml",
        "views/committee_decision_views.xml",
        "views/committee_vote_views.xml",
        "views/support_delivery_views.xml",
        "views/beneficiary_views.xml",
        "views/res_config_settings_views.xml",
        "wizards/research_settings_views.xml",
        "views/volunteer_views.xml",
        "views/volunteer_task_views.xml",
        "views/complaint_views.xml",
        "views/complaint_category_views.xml",
        "views/home_views.xml",
        "views/menus.xml",
    ],
    "assets": {"web.assets_tests": ["atta_research/static/tests/tours/*.js"]},
    "demo": ["demo/research_demo.xml"],
    "application": True,
}
