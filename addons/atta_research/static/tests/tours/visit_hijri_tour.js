import { registry } from "@web/core/registry";

const HIJRI_BOX = ".o_field_widget[name=visit_date] .o_atta_hijri_input";
const GREGORIAN = ".o_field_widget[name=visit_date] .o_atta_hijri_gregorian button.o_input";
let hourBefore = null;

// The hour in the date and time shown (Arabic-Indic digits in Arabic), in Latin digits.
function hourOf(element) {
    const shown = element.dataset.tooltip.replace(/[\u0660-\u0669]/g, (d) => d.charCodeAt(0) - 0x0660);
    return shown.match(/\d{1,2}:\d{2}/)[0];
}

// A researcher moves a home visit to the Hijri day agreed with the family: the day changes,
// the hour of the appointment stays.
registry.category("web_tour.tours").add("atta_research_visit_hijri_tour", {
    steps: () => [
        {
            content: "The visit shows its Hijri day beside the date and time",
            trigger: `${HIJRI_BOX}:value(27/05/1448)`,
        },
        {
            content: "The hour of the appointment",
            trigger: GREGORIAN,
            run() {
                hourBefore = hourOf(this.anchor);
            },
        },
        {
            content: "The day agreed with the family, in Hijri",
            trigger: HIJRI_BOX,
            run: "edit 24/03/1445 && press Enter",
        },
        {
            content: "The Gregorian date follows, at the same hour",
            trigger: `${GREGORIAN}:is([data-tooltip*='2023'], [data-tooltip*='٢٠٢٣'])`,
            run() {
                if (hourOf(this.anchor) !== hourBefore) {
                    throw new Error(`The visit moved from ${hourBefore} to ${hourOf(this.anchor)}`);
                }
            },
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved, with the new Hijri day",
            trigger: `.o_form_saved ${HIJRI_BOX}:value(24/03/1445)`,
        },
    ],
});
