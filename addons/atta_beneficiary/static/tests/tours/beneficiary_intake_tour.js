import { registry } from "@web/core/registry";

// A relations officer working in Arabic receives a visitor: a mistyped identity number is
// refused with an Arabic message, the corrected file is saved and gets its file number.
registry.category("web_tour.tours").add("atta_beneficiary_intake_tour", {
    steps: () => [
        {
            content: "The backend is in Arabic, right to left",
            trigger: "body.o_rtl",
        },
        {
            content: "New beneficiary",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Full name",
            trigger: ".o_field_widget[name=name] input",
            run: "edit هدى صالح عبدالله الحربي",
        },
        {
            content: "Identity number typed with one wrong digit",
            trigger: ".o_field_widget[name=identity_number] input",
            run: "edit 1000000000",
        },
        {
            content: "Mobile in the local format",
            trigger: ".o_field_widget[name=phone] input",
            run: "edit 0551234567",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The officer is told, in Arabic, that the check digit is wrong",
            trigger: ".modal .modal-body:contains('رقم التحقق')",
        },
        {
            content: "Close the message",
            trigger: ".modal .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "Correct the number, typed in Arabic-Indic digits",
            trigger: ".o_field_widget[name=identity_number] input",
            run: "edit ١٢٣٤٥٦٧٨٩٧",
        },
        {
            content: "Save again",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The file is saved with its number",
            trigger: ".o_form_saved .o_field_widget[name=reference]:contains('BEN-')",
        },
    ],
});
