{
    "name": "Atta Website",
    "summary": "The association's public side: apply online, follow a request, complaints, services and policies "
    "| الواجهة العامة للجمعية: التقديم الإلكتروني ومتابعة الطلب والشكاوى والخدمات والسياسات",
    "description": """
The public side of Atta, beside the back office of Atta Social Research: the online application
form (/apply) with its verification by SMS code, the tracking pages and the beneficiary portal
(/my/requests, /my/privacy), "Follow my request" (/follow), the public complaint form
(/complaint), the services and policies pages, and the association's home page.

الواجهة العامة لعطاء بجانب المكتب الخلفي للبحث الاجتماعي: نموذج التقديم الإلكتروني مع التحقق
برمز نصي، وصفحات متابعة الطلب وبوابة المستفيد، و«تابع طلبي»، ونموذج الشكاوى العام، وصفحتا
الخدمات والسياسات، والصفحة الرئيسية للجمعية.
""",
    "version": "19.0.1.0.0",
    "category": "Services/Beneficiary Relations",
    "license": "LGPL-3",
    "author": "Atta",
    "website": "https://github.com/atta-charity/atta",
    "depends": ["atta_research", "website"],
    "data": [
        "security/ir.model.access.csv",
        "data/website_data.xml",
        "data/website_homepage.xml",
        "views/apply_templates.xml",
        "views/portal_templates.xml",
        "views/complaint_templates.xml",
        "views/follow_templates.xml",
        "views/privacy_portal_templates.xml",
        "views/public_pages_templates.xml",
        "views/online_application_views.xml",
        "views/menus.xml",
    ],
    "assets": {
        "web.assets_frontend": [
            "atta_website/static/src/interactions/*.js",
            "atta_website/static/src/scss/*.scss",
        ],
        "web.assets_tests": ["atta_website/static/tests/apply_steps.js", "atta_website/static/tests/tours/*.js"],
    },
    "application": True,
}
