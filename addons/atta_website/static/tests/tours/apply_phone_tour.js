import { registry } from "@web/core/registry";
import { attachFoodBasketDocuments, familyDetailsSteps } from "@atta_website/../tests/apply_steps";

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
        ...familyDetailsSteps(),
        attachFoodBasketDocuments(),
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
