import { Interaction } from "@web/public/interaction";
import { registry } from "@web/core/registry";

/**
 * The first field the website form marked wrong, brought into view and focused.
 *
 * On a phone the form is many screens long: without this, the visitor presses "Send", sees a message at
 * the bottom and has to hunt for the field in red.
 */
export function revealFirstError(formEl) {
    const fieldEl = formEl.querySelector(".s_website_form_field.o_has_error");
    if (!fieldEl) {
        return null;
    }
    const inputEl = fieldEl.querySelector(
        "input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled])"
    );
    fieldEl.scrollIntoView({ block: "center" });
    inputEl?.focus({ preventScroll: true });
    return inputEl || fieldEl;
}

// Shows the document uploads the chosen support type requires, and requires only those; after a refused
// send, takes the visitor to the first field to correct.
export class AttaApplyForm extends Interaction {
    static selector = "#atta_apply_form";
    dynamicContent = {
        "#support_type_id": { "t-on-change": this.updateDocuments },
    };

    setup() {
        this.sendPending = false;
        this.observer = new MutationObserver(() => this.onMarksChanged());
    }

    start() {
        this.updateDocuments();
        // Capture phase: noted before the website form's own handler checks the fields and marks them.
        const noteSend = () => {
            this.sendPending = true;
        };
        this.addListener(this.el, "click", (ev) => ev.target.closest(".s_website_form_send") && noteSend(), {
            capture: true,
        });
        this.addListener(this.el, "submit", noteSend, { capture: true });
        // The marks come from the browser's checks or, later, from the server's answer.
        this.observer.observe(this.el, { attributes: true, attributeFilter: ["class"], subtree: true });
        this.registerCleanup(() => this.observer.disconnect());
    }

    onMarksChanged() {
        if (this.sendPending && revealFirstError(this.el)) {
            this.sendPending = false;
        }
    }

    updateDocuments() {
        const chosen = this.el.querySelector("#support_type_id").value;
        for (const fieldEl of this.el.querySelectorAll(".o_atta_document_field")) {
            const needed = chosen && (fieldEl.dataset.supportTypes || "").split(" ").includes(chosen);
            fieldEl.classList.toggle("o_atta_hidden", !needed);
            fieldEl.classList.toggle("s_website_form_required", Boolean(needed));
            fieldEl.querySelector("input[type=file]").required = Boolean(needed);
        }
    }
}

registry.category("public.interactions").add("atta_website.apply_form", AttaApplyForm);
