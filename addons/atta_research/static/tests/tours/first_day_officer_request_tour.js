import { registry } from "@web/core/registry";

// The relations officer's first day, continued in Arabic: the walk-in family's file, opened from the
// start screen, gets its support request, submitted, its documents checked, and referred to research
// in the dialog that names the researcher and plans the visit.
registry.category("web_tour.tours").add("atta_first_day_officer_request_tour", {
    steps: () => [
        {
            content: "The officer starts on the start screen: the family's file waits for registration",
            trigger: "body.o_rtl .o_atta_home .o_atta_home_card_files_draft[data-count='1']",
            run: "click",
        },
        {
            content: "Open the family's file",
            trigger: ".o_kanban_view .o_kanban_record:contains('هدى صالح عبدالله الحربي')",
            run: "click",
        },
        {
            content: "The file's requests",
            trigger: ".o_form_view button[name=action_view_requests]",
            run: "click",
        },
        {
            content: "A new request",
            trigger: ".o_control_panel_main_buttons .o-kanban-button-new",
            run: "click",
        },
        {
            content: "The request is for this family",
            trigger: ".o_form_view .o_field_widget[name=beneficiary_id] input:value('هدى صالح عبدالله الحربي')",
        },
        {
            content: "The support asked for",
            trigger: ".o_form_view .o_field_widget[name=support_type_id] input",
            run: "edit سلة",
        },
        {
            content: "A food basket",
            trigger: ".o-autocomplete--dropdown-item:contains('سلة غذائية')",
            run: "click",
        },
        {
            content: "Submit the request",
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_submit]:contains('تقديم')",
            run: "click",
        },
        {
            content: "Received: check the documents",
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_start_verification]:contains('مطابقة المستندات')",
            run: "click",
        },
        {
            content: "The documents are complete: refer to research",
            trigger:
                ".o_form_view .o_statusbar_buttons button[name=action_open_referral]:contains('المستندات مكتملة: إحالة للبحث')",
            run: "click",
        },
        {
            content: "The dialog plans the visit: a date and time are proposed",
            trigger: ".modal .o_field_widget[name=visit_date]",
            run() {
                const input = this.anchor.querySelector("input");
                if (!(input ? input.value : this.anchor.textContent).trim()) {
                    throw new Error("The dialog should propose the visit's date and time");
                }
            },
        },
        {
            content: "The dialog asks the researcher",
            trigger: ".modal .o_field_widget[name=researcher_id] input",
            run: "edit أمل",
        },
        {
            content: "The researcher who will visit",
            trigger: ".o-autocomplete--dropdown-item:contains('أمل الباحثة')",
            run: "click",
        },
        {
            content: "The researcher is chosen",
            trigger: ".modal .o_field_widget[name=researcher_id] input:value('أمل الباحثة')",
        },
        {
            content: "Refer and plan the visit",
            trigger: ".modal button[name=action_confirm]:contains('إحالة وجدولة الزيارة')",
            run: "click",
        },
        {
            content: "The request is in research, the dialog gone",
            trigger: "body:not(:has(.modal)) .o_form_view .o_statusbar_status .o_arrow_button_current[data-value='research']",
        },
        {
            content: "The researcher is named on the request",
            trigger:
                ".o_form_view .o_field_widget[name=researcher_id]:contains('أمل الباحثة'), " +
                ".o_form_view .o_field_widget[name=researcher_id] input:value('أمل الباحثة')",
        },
    ],
});
