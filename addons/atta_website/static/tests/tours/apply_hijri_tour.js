import { registry } from "@web/core/registry";
import { attachFoodBasketDocuments } from "@atta_website/../tests/apply_steps";

// A visitor types the Hijri birth date of their identity card: a mistyped year is refused beside
// the field and nothing is sent; the right date goes through.
registry.category("web_tour.tours").add("atta_apply_hijri_tour", {
    url: "/apply",
    steps: () => [
        { trigger: "#identity_number", run: "edit 1234567897" },
        { trigger: "#name", run: "edit هدى صالح عبدالله الحربي" },
        { content: "A Hijri birth date with a mistyped year", trigger: "#birth_date", run: "edit 1/1/1200" },
        { trigger: "#phone", run: "edit 0551234567" },
        { trigger: "#household_size", run: "edit 4" },
        { trigger: "#monthly_income", run: "edit 1800" },
        { trigger: "#support_type_id", run: "selectByLabel سلة غذائية" },
        attachFoodBasketDocuments(),
        { trigger: "#declaration_accepted", run: "click" },
        { trigger: "#consent_accepted", run: "click" },
        { content: "Send", trigger: ".s_website_form_send", run: "click" },
        {
            content: "The birth date is marked, and only it",
            trigger: ".s_website_form_field.o_has_error #birth_date.is-invalid",
            run() {
                const marked = [...document.querySelectorAll(".s_website_form_field.o_has_error")];
                if (marked.length !== 1) {
                    throw new Error(`Only the birth date should be marked, not ${marked.length} fields`);
                }
            },
        },
        {
            content: "The message beside it says which Hijri dates can be typed",
            trigger: ".popover:contains('1/1/1343'):contains('30/12/1500')",
        },
        { content: "The Hijri birth date as on the card", trigger: "#birth_date", run: "edit 24/03/1445" },
        { content: "Send again", trigger: ".s_website_form_send", run: "click", expectUnloadPage: true },
        { content: "The application is received", trigger: ".o_atta_apply_received" },
    ],
});
