import { registry } from "@web/core/registry";

function attachPdf(selector, fileName) {
    const inputEl = document.querySelector(selector);
    const transfer = new DataTransfer();
    // A complete one-page PDF: the form parses it to its last object.
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

function assertFocusedInView(id) {
    const active = document.activeElement;
    if (!active || active.id !== id) {
        throw new Error(`#${id} should have the focus, not ${active && (active.id || active.tagName)}`);
    }
    const rect = active.getBoundingClientRect();
    if (rect.bottom < 0 || rect.top > window.innerHeight) {
        throw new Error(`#${id} should be on the screen (top ${rect.top}, screen ${window.innerHeight})`);
    }
}

// On a phone: the checkboxes tick by their text, and a refused send takes the visitor to the field to fix.
registry.category("web_tour.tours").add("atta_apply_phone_tour", {
    url: "/apply",
    steps: () => [
        { content: "The form, on a phone screen", trigger: "html[dir=rtl] #atta_apply_form" },
        { content: "A mistyped identity number (its last digit)", trigger: "#identity_number", run: "edit 1234567893" },
        { trigger: "#name", run: "edit هدى صالح عبدالله الحربي" },
        { trigger: "#phone", run: "edit 0551234567" },
        { trigger: "#household_size", run: "edit 4" },
        { trigger: "#monthly_income", run: "edit 1800" },
        { content: "Choose the food basket", trigger: "#support_type_id", run: "selectByLabel سلة غذائية" },
        {
            content: "Attach its documents",
            trigger: ".o_atta_document_field:not(.o_atta_hidden) #document_family_card",
            run() {
                attachPdf("#document_identity", "identity.pdf");
                attachPdf("#document_family_card", "family-card.pdf");
            },
        },
        { content: "The declaration's text ticks its box", trigger: "label.form-check-label[for=declaration_accepted]", run: "click" },
        { content: "Ticked", trigger: "#declaration_accepted:checked" },
        { content: "The consent's text ticks its box", trigger: "label.form-check-label[for=consent_accepted]", run: "click" },
        { content: "Ticked", trigger: "#consent_accepted:checked" },
        { content: "Send, from the bottom of the form", trigger: ".s_website_form_send", run: "click" },
        {
            content: "The server refuses the number: the visitor is taken up to it, the cursor in it",
            trigger: ".s_website_form_field.o_has_error #identity_number.is-invalid",
            run() {
                assertFocusedInView("identity_number");
            },
        },
        { content: "Correct it", trigger: "#identity_number", run: "edit 1234567897" },
        { content: "Send again", trigger: ".s_website_form_send", run: "click", expectUnloadPage: true },
        { content: "Received", trigger: ".o_atta_apply_received" },
    ],
});
