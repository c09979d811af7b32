import { registry } from "@web/core/registry";

// The committee chair's first day, in Arabic: a member of staff the manager named chair of the committee
// the first start made. Part one: from the start screen (no session in progress yet), a new session with
// the requests waiting loaded on its agenda, the chair recorded as present, and the session opened for the
// members' votes.
registry.category("web_tour.tours").add("atta_first_day_chair_tour", {
    steps: () => [
        {
            content: "The chair starts on the start screen: no session in progress yet",
            trigger: "body.o_rtl .o_atta_home .o_atta_home_card_sessions_open[data-count='0']",
        },
        {
            content: "Open the apps",
            trigger: ".o_navbar_apps_menu button",
            run: "click",
        },
        {
            content: "Social research",
            trigger: ".o_app[data-menu-xmlid='atta_research.menu_root']",
            run: "click",
        },
        {
            content: "Committee sessions",
            trigger: ".o_menu_sections [data-menu-xmlid='atta_research.committee_session_menu']:contains('جلسات اللجنة')",
            run: "click",
        },
        {
            content: "A new session",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "The committee",
            trigger: ".o_form_view .o_field_widget[name=committee_id] input",
            run: "edit لجنة",
        },
        {
            content: "The committee the first start made",
            trigger: ".o-autocomplete--dropdown-item:contains('لجنة البحث')",
            run: "click",
        },
        {
            content: "Load the requests waiting for the committee",
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_load_agenda]:contains('تحميل الطلبات المنتظرة')",
            run: "click",
        },
        {
            content: "The family's request is on the agenda",
            trigger: ".o_form_view .o_field_widget[name=decision_ids] .o_data_row:contains('سعاد محمد العتيبي')",
        },
        {
            content: "Record who is present",
            trigger: ".o_form_view .o_field_widget[name=attendee_ids] input",
            run: "click",
        },
        {
            content: "The chair types their name",
            trigger: ".o_form_view .o_field_widget[name=attendee_ids] input",
            run: "edit منى",
        },
        {
            content: "The chair is present",
            trigger: ".o-autocomplete--dropdown-item:contains('منى رئيسة اللجنة')",
            run: "click",
        },
        {
            content: "Open the session",
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_open]:contains('فتح الجلسة')",
            run: "click",
        },
        {
            content: "The session is in progress",
            trigger: ".o_form_view .o_statusbar_status .o_arrow_button_current[data-value='open']",
        },
    ],
});

// Part two, once the members voted: from the start screen, the session in progress, closed and decided,
// and the family's decision letter printed.
registry.category("web_tour.tours").add("atta_first_day_chair_close_tour", {
    steps: () => [
        {
            content: "The chair starts on the start screen: one session in progress",
            trigger: "body.o_rtl .o_atta_home .o_atta_home_card_sessions_open[data-count='1']",
            run: "click",
        },
        {
            content: "Open the session",
            trigger: ".o_list_view .o_data_row .o_data_cell[name=name]",
            run: "click",
        },
        {
            content: "The member's vote is counted on the agenda",
            trigger: ".o_form_view .o_field_widget[name=decision_ids] .o_data_row .o_data_cell[name=approve_count]:contains('1')",
        },
        {
            content: "Close the session and decide",
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_close]:contains('إغلاق الجلسة واعتماد القرارات')",
            run: "click",
        },
        {
            content: "Confirm: the decisions become final",
            trigger: ".modal .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "The session is closed and the request approved",
            trigger:
                ".o_form_view:has(.o_statusbar_status .o_arrow_button_current[data-value='closed']) " +
                ".o_field_widget[name=decision_ids] .o_data_row:contains('معتمد')",
        },
        {
            content: "Open the apps",
            trigger: ".o_navbar_apps_menu button",
            run: "click",
        },
        {
            content: "Social research opens on the support requests",
            trigger: ".o_app[data-menu-xmlid='atta_research.menu_root']",
            run: "click",
        },
        {
            content: "The family's request",
            trigger: ".o_kanban_view .o_kanban_record:contains('سعاد محمد العتيبي')",
            run: "click",
        },
        {
            content: "Approved by the committee",
            trigger: ".o_form_view .o_statusbar_status .o_arrow_button_current[data-value='approved']",
        },
        {
            content: "Print the decision letter",
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_print_decision_letter]:contains('خطاب القرار')",
            run: "click",
        },
        {
            // The buttons come back once the letter is downloaded; no dialog (an error, or Odoo's
            // layout configurator) stands in its way.
            content: "The letter is printed",
            trigger:
                "body:not(:has(.modal)):not(:has(.o_error_dialog)) " +
                ".o_form_view .o_statusbar_buttons button[name=action_print_decision_letter]:enabled",
        },
    ],
});
