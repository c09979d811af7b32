import { Interaction } from "@web/public/interaction";
import { registry } from "@web/core/registry";

// Shows the document uploads the chosen support type requires, and requires only those.
export class AttaApplyForm extends Interaction {
    static selector = "#atta_apply_form";
    dynamicContent = {
        "#support_type_id": { "t-on-change": this.updateDocuments },
    };

    start() {
        this.updateDocuments();
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

registry.category("public.interactions").add("atta_research.apply_form", AttaApplyForm);
