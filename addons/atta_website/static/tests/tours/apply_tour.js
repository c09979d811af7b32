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
    transfer.items.add(new File([pdf], fileName,
        { type: "application/pdf" }));
    inputEl.files = transfer.files;
    inputEl.dispatchEvent(new Event("change", { bubbles: true }));
}

// A visitor applies in Arabic, without an account; the request's number and link come by SMS.
registry.category("web_tour.tours").add("atta_apply_tour", {
    url: "/apply",
    steps: () => [
        { content: "The form is in Arabic, right to left", trigger: "html[dir=rtl] #atta_apply_form" },
        { trigger: "#identity_number", run: "edit ١٢٣٤٥٦٧٨٩٧" },
        { trigger: "#name", run: "edit هدى صالح عبدالله الحربي" },
        { trigger: "#phone", run: "edit 0551234567" },
        { trigger: "#household_size", run: "edit 4" },
        { trigger: "#monthly_income", run: "edit 1800" },
        { content: "Choose the food basket", trigger: "#support_type_id", run: "selectByLabel سلة غذائية" },
        {
            content: "The documents of the food basket are asked for",
            trigger: ".o_atta_document_field:not(.o_atta_hidden) #document_family_card",
            run() {
                const ibanEl = document.querySelector("#document_iban_certificate");
                if (ibanEl.offsetParent !== null) {
                    throw new Error("The food basket does not need an IBAN certificate: its upload must stay hidden");
                }
                attachPdf("#document_identity", "identity.pdf");
                attachPdf("#document_family_card", "family-card.pdf");
            },
        },
        { trigger: "#declaration_accepted", run: "click" },
        { trigger: "#consent_accepted", run: "click" },
        { content: "Send", trigger: ".s_website_form_send", run: "click", expectUnloadPage: true },
        {
            content: "The same answer as for anyone: received, a text message follows",
            trigger: "html[dir=rtl] .o_atta_apply_received:not(:has(.o_atta_request_number))",
        },
        { content: "Lost the message? The page to ask for it again", trigger: ".o_atta_follow_link[href='/follow']" },
    ],
});
