import { registry } from "@web/core/registry";

const HIJRI_BOX = ".o_field_widget[name=birth_date] .o_atta_hijri_input";
const GREGORIAN_DATE = ".o_field_widget[name=birth_date] .o_atta_hijri_gregorian button.o_input";

// 9 October 2023, as the officer's language writes it (its digits may be Arabic-Indic).
function checkGregorianDate() {
    const digits = this.anchor.dataset.tooltip.replace(/[\u0660-\u0669]/g, (d) => d.charCodeAt(0) - 0x0660);
    const parts = digits.split(/\D+/).filter(Boolean).map(Number).join("/");
    if (!["9/10/2023", "10/9/2023", "2023/10/9"].includes(parts)) {
        throw new Error(`The Gregorian date shown is ${digits}, not 9 October 2023`);
    }
}

// A relations officer opens a file for a visitor whose identity card gives a Hijri birth date:
// a year outside the Umm al-Qura calendar is refused beside the field, the right one is stored
// in Gregorian and both dates are shown.
registry.category("web_tour.tours").add("atta_beneficiary_hijri_date_tour", {
    steps: () => [
        {
            content: "Full name",
            trigger: ".o_field_widget[name=name] input",
            run: "edit Maryam Abdullah Saleh Alotaibi",
        },
        {
            content: "Identity number",
            trigger: ".o_field_widget[name=identity_number] input",
            run: "edit 1234567897",
        },
        {
            content: "Mobile",
            trigger: ".o_field_widget[name=phone] input",
            run: "edit 0551234567",
        },
        {
            content: "A Hijri birth date with a mistyped year",
            trigger: HIJRI_BOX,
            run: "edit 1/1/1200 && press Enter",
        },
        {
            content: "The officer is told beside the field which Hijri dates can be typed",
            trigger: ".o_field_widget[name=birth_date] .o_atta_hijri_error:contains('1/1/1343'):contains('30/12/1500')",
        },
        {
            content: "Nothing was put in the Gregorian date",
            trigger: ".o_field_widget[name=birth_date] .o_atta_hijri_gregorian input",
        },
        {
            content: "Try to save anyway",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The file is not saved while the date is wrong",
            trigger: ".o_notification",
            run() {
                if (!window.location.pathname.endsWith("/new")) {
                    throw new Error("The file was saved with a wrong birth date");
                }
            },
        },
        {
            content: "The Hijri birth date as the identity card gives it",
            trigger: HIJRI_BOX,
            run: "edit 24/03/1445 && press Enter",
        },
        {
            content: "The Gregorian date is filled in",
            trigger: GREGORIAN_DATE,
            run: checkGregorianDate,
        },
        {
            content: "The error is gone",
            trigger: ".o_field_widget[name=birth_date]:not(:has(.o_atta_hijri_error))",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The file is saved with both dates shown",
            trigger: `.o_form_saved ${HIJRI_BOX}:value(24/03/1445)`,
        },
        {
            content: "…the Gregorian one as stored",
            trigger: `.o_form_saved ${GREGORIAN_DATE}`,
            run: checkGregorianDate,
        },
    ],
});
