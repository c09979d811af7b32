import { registry } from "@web/core/registry";
import { attachFoodBasketDocuments, familyDetailsSteps } from "@atta_website/../tests/apply_steps";

// A visitor applies in Arabic, without an account; the request's number and link come by SMS.
registry.category("web_tour.tours").add("atta_apply_tour", {
    url: "/apply",
    steps: () => [
        { content: "The form is in Arabic, right to left", trigger: "html[dir=rtl] #atta_apply_form" },
        { trigger: "#identity_number", run: "edit ١٢٣٤٥٦٧٨٩٧" },
        ...familyDetailsSteps(),
        attachFoodBasketDocuments(() => {
            const ibanEl = document.querySelector("#document_iban_certificate");
            if (ibanEl.offsetParent !== null) {
                throw new Error("The food basket does not need an IBAN certificate: its upload must stay hidden");
            }
        }),
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
