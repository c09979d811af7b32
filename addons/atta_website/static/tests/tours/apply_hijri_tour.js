import { registry } from "@web/core/registry";

function attachPdf(selector, fileName) {
    const inputEl = document.querySelector(selector);
    const transfer = new DataTransfer();
    const pdf =
        "%PDF-1.4\n%0000\n1 0 obj\n<</Type/Catalog/Pages 2 0 R>>\nendobj\n" +
        "2 0 obj\n<</Type/Pages/Kids[3 0 R]/Count 1>>\nendobj\n" +
        "3 0 obj\n<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>\nendobj\n" +
        "xref\n0 4\n0000000000 65535 f \n0000000015 00000 n \n0000000060 00000 n \n0000000111 00000 n \n" +
        "trailer\n<</Size 4/Root 1 0 R>>\nstartxref\n176\n%%EOF\n";
    transfer.items.add(new File([pdf], fileName, { type: "application/pdf" }));
    inputEl.files = transfer.files;
    inputEl.dispatchEvent(new Event("change", { bubbles: true }));
}

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
        {
            trigger: ".o_atta_document_field:not(.o_atta_hidden) #document_family_card",
            run() {
                attachPdf("#document_identity", "identity.pdf");
                attachPdf("#document_family_card", "family-card.pdf");
            },
        },
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
