{
    "name": "Atta Beneficiary Satisfaction",
    "summary": "Satisfaction measured as the beneficiary's right, on Odoo surveys, to improve "
    "service without punishing staff | قياس رضا المستفيد حقاً له عبر الاستبيانات لتحسين الخدمة "
    "لا للعقاب",
    "description": """
Satisfaction surveys sent after a decision, a delivery or a contact, improvement actions
opened from low scores, complaints and suggestions, and reports that improve the service
without exposing any single answer.

استبيانات رضا تُرسل بعد القرار أو التسليم أو التواصل، وإجراءات تحسين تُفتح من التقييمات
المنخفضة والشكاوى والمقترحات، وتقارير تحسّن الخدمة دون كشف أي إجابة بعينها.
""",
    "version": "19.0.1.0.0",
    "category": "Services/Beneficiary Relations",
    "license": "LGPL-3",
    "author": "Atta",
    "website": "https://github.com/atta-charity/atta",
    "depends": ["atta_research", "survey", "portal", "sms"],
    "external_dependencies": {"python": ["xlsxwriter"]},
    "data": [
        "security/groups.xml",
        "security/ir.model.access.csv",
        "security/improvement_action_security.xml",
        "data/sequences.xml",
        "data/survey_satisfaction.xml",
        "data/survey_triggers.xml",
        "data/retention_rules.xml",
        "data/mail_templates.xml",
        "data/sms_templates.xml",
        "data/crons.xml",
        "report/survey_card_report.xml",
        "views/improvement_action_views.xml",
        "views/survey_trigger_views.xml",
        "views/beneficiary_views.xml",
        "views/support_request_views.xml",
        "views/interaction_views.xml",
        "views/satisfaction_report_views.xml",
        "views/portal_templates.xml",
        "views/menus.xml",
    ],
    "demo": ["demo/survey_demo.xml"],
    "application": True,
}
