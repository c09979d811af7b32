import { registry } from "@web/core/registry";

// A volunteer's first day, in Arabic: the start screen shows their own task, they open it,
// write the hours and what they did, and close it.
registry.category("web_tour.tours").add("atta_first_day_volunteer_tour", {
    steps: () => [
        {
            content: "The volunteer starts on the start screen, with one planned task",
            trigger: "body.o_rtl .o_atta_home .o_atta_home_card_my_tasks[data-count='1']",
            run: "click",
        },
        {
            content: "Their task, and only theirs",
            trigger: ".o_list_view:not(:has(.o_data_row + .o_data_row)) .o_data_row .o_data_cell[name=planned_date]",
            run: "click",
        },
        {
            content: "The hours it took",
            trigger: ".o_form_view .o_field_widget[name=hours] input",
            run: "edit 02:30",
        },
        {
            content: "What was done",
            trigger: ".o_form_view .o_field_widget[name=report] textarea",
            run: "edit حملنا السلة الغذائية إلى المنزل",
        },
        {
            content: "Mark as done",
            trigger: ".o_form_view button[name=action_done]",
            run: "click",
        },
        {
            content: "The task is done",
            trigger: ".o_form_view .o_statusbar_status .o_arrow_button_current[data-value='done']",
        },
    ],
});
