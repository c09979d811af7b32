import { registry } from "@web/core/registry";

// A researcher's first day, in Arabic: today's visit from the start screen, the home recorded at once
// on the visit the officer planned, the score computed and the research completed.
registry.category("web_tour.tours").add("atta_first_day_researcher_tour", {
    steps: () => [
        {
            content: "The researcher starts on the start screen: one visit today",
            trigger: "body.o_rtl .o_atta_home .o_atta_home_card_visits_today[data-count='1']",
            run: "click",
        },
        {
            content: "Open today's visit",
            trigger: ".o_list_view .o_data_row .o_data_cell[name=visit_date]",
            run: "click",
        },
        {
            content: "The housing is editable at once",
            trigger: ".o_form_view .o_field_widget[name=housing_condition] .o_select_menu_toggler",
            run: "click",
        },
        {
            content: "Poor condition",
            trigger: ".o_select_menu_menu .o_select_menu_item:contains('سيئ')",
            run: "click",
        },
        {
            content: "Recommend approval",
            trigger: ".o_form_view .o_field_widget[name=recommendation] input[data-value=approve]",
            run: "click",
        },
        {
            content: "The amount recommended",
            trigger: ".o_form_view .o_field_widget[name=recommended_amount] input",
            run: "edit 2500",
        },
        {
            content: "Compute the score",
            trigger: ".o_form_view button[name=action_compute_score]",
            run: "click",
        },
        {
            content: "Complete the research",
            trigger: ".o_form_view button[name=action_done]",
            run: "click",
        },
        {
            content: "The research is done",
            trigger: ".o_form_view .o_statusbar_status .o_arrow_button_current[data-value='done']",
        },
    ],
});
