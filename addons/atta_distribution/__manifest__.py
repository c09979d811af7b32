{
    "name": "Atta Distribution",
    "summary": "Recurring aid in rounds: programmes, enrolments, in-kind aid from stock and cash from the right fund "
    "| المساعدات الدورية: البرامج والتسجيل فيها والدفعات، العينية من المخزون والنقدية من الصندوق الصحيح",
    "description": """
Aid that recurs: programmes (monthly allowance, seasonal basket, one-off kit) decided once by the
research committee, then distributed in rounds approved by a manager. In-kind aid leaves the
association's warehouse as Odoo delivery orders; cash leaves the bank journal of the right fund
(Zakat, general, restricted) as vendor payments, in batches approved by two different people.
Reports per fund and programme, by Gregorian and Hijri month.

المساعدات الدورية: برامج (إعانة شهرية، سلة موسمية، حقيبة لمرة واحدة) تقرّها لجنة البحث مرة واحدة
ثم تُصرف على دفعات يعتمدها المدير. العيني يخرج من مستودع الجمعية بأوامر تسليم أودو، والنقدي
يخرج من دفتر بنك الصندوق الصحيح (الزكاة، العام، المقيد) بدفعات يعتمدها شخصان مختلفان.
""",
    "version": "19.0.1.1.0",
    "category": "Services/Beneficiary Relations",
    "license": "LGPL-3",
    "author": "Atta",
    "website": "https://github.com/atta-charity/atta",
    "depends": ["atta_research", "stock_account"],
    "external_dependencies": {"python": ["xlsxwriter"]},
    "data": [
        "security/groups.xml",
        "security/ir.model.access.csv",
        "security/fund_security.xml",
        "security/programme_security.xml",
        "security/enrolment_security.xml",
        "security/distribution_round_security.xml",
        "security/distribution_line_security.xml",
        "security/payment_batch_security.xml",
        "security/res_partner_bank_security.xml",
        "data/sequences.xml",
        "data/crons.xml",
        "data/product_category.xml",
        "views/fund_donation_views.xml",
        "views/fund_statement_views.xml",
        "views/fund_views.xml",
        "views/programme_views.xml",
        "views/enrolment_views.xml",
        "views/distribution_line_views.xml",
        "views/distribution_round_views.xml",
        "views/payment_batch_views.xml",
        "views/distribution_report_views.xml",
        "views/beneficiary_views.xml",
        "views/beneficiary_category_views.xml",
        "views/committee_session_views.xml",
        "views/support_request_views.xml",
        "views/support_delivery_views.xml",
        "views/res_partner_bank_views.xml",
        "views/beneficiary_document_views.xml",
        "views/home_views.xml",
        "views/menus.xml",
        "report/hand_over_receipt_report.xml",
        "report/fund_statement_report.xml",
    ],
    "assets": {
        "web.assets_tests": ["atta_distribution/static/tests/tours/*.js"],
    },
    "post_init_hook": "post_init_hook",
    "application": True,
}
