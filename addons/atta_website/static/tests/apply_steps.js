// What every /apply tour does alike: attach the documents and type the family's details.

// A complete one-page PDF: the form parses it to its last object.
const ONE_PAGE_PDF =
    "%PDF-1.4\n%0000\n1 0 obj\n<</Type/Catalog/Pages 2 0 R>>\nendobj\n" +
    "2 0 obj\n<</Type/Pages/Kids[3 0 R]/Count 1>>\nendobj\n" +
    "3 0 obj\n<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>\nendobj\n" +
    "xref\n0 4\n0000000000 65535 f \n0000000015 00000 n \n0000000060 00000 n \n0000000111 00000 n \n" +
    "trailer\n<</Size 4/Root 1 0 R>>\nstartxref\n176\n%%EOF\n";

export function attachPdf(selector, fileName) {
    const inputEl = document.querySelector(selector);
    const transfer = new DataTransfer();
    transfer.items.add(new File([ONE_PAGE_PDF], fileName, { type: "application/pdf" }));
    inputEl.files = transfer.files;
    inputEl.dispatchEvent(new Event("change", { bubbles: true }));
}

/** The food basket's two documents, once the form shows their fields. */
export function attachFoodBasketDocuments(check = () => {}) {
    return {
        content: "Attach the documents the food basket asks for",
        trigger: ".o_atta_document_field:not(.o_atta_hidden) #document_family_card",
        run() {
            check();
            attachPdf("#document_identity", "identity.pdf");
            attachPdf("#document_family_card", "family-card.pdf");
        },
    };
}

/** The family's details after its identity number, asking for the food basket. */
export function familyDetailsSteps() {
    return [
        { trigger: "#name", run: "edit هدى صالح عبدالله الحربي" },
        { trigger: "#phone", run: "edit 0551234567" },
        { trigger: "#household_size", run: "edit 4" },
        { trigger: "#monthly_income", run: "edit 1800" },
        { content: "Choose the food basket", trigger: "#support_type_id", run: "selectByLabel سلة غذائية" },
    ];
}
