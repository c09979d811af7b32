import { registry } from "@web/core/registry";

// A visitor without an account writes a complaint in Arabic: the message box is there and takes the text.
registry.category("web_tour.tours").add("atta_complaint_tour", {
    url: "/complaint",
    steps: () => [
        { content: "The form is in Arabic, right to left", trigger: "html[dir=rtl] form.o_atta_complaint_form" },
        { content: "Choose what it is about", trigger: "#category_id", run: "selectByIndex 1" },
        { trigger: "#subject", run: "edit انتظار طويل" },
        {
            content: "Type the message in its box",
            trigger: "textarea#description",
            run: "edit انتظرت ساعتين في مكتب الاستقبال صباح الأحد.",
        },
        { trigger: "#contact_name", run: "edit سعد عمر" },
        { trigger: "#mobile", run: "edit 0551112244" },
        { content: "Send", trigger: "form.o_atta_complaint_form button[type=submit]", run: "click", expectUnloadPage: true },
        { content: "The number of the complaint is shown", trigger: ".o_atta_complaint_number:contains('CMP-')" },
    ],
});
