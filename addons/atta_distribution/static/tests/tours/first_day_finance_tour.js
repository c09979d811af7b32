import { registry } from "@web/core/registry";

// A finance approver's first day, in Arabic: the batch waiting for their signature, from the start
// screen, opened and approved. Run by each of the two approvers: the first signs, the second posts.
registry.category("web_tour.tours").add("atta_first_day_finance_tour", {
    steps: () => [
        {
            content: "The approver starts on the start screen: batches wait for their signature",
            trigger: "body.o_rtl .o_atta_home .o_atta_home_card_batches_to_sign:contains('دفعات صرف بانتظار توقيعي')",
            run: "click",
        },
        {
            content: "Open the newest batch",
            trigger: ".o_list_view .o_data_row:first-child .o_data_cell[name=name]",
            run: "click",
        },
        {
            content: "Sign it",
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_approve]:contains('موافقة')",
            run: "click",
        },
        {
            content: "The signature is recorded in the approver's name",
            trigger:
                ".o_form_view:has(.o_statusbar_status .o_arrow_button_current[data-value='first_approved'], " +
                ".o_statusbar_status .o_arrow_button_current[data-value='posted']) " +
                ".o_field_widget[name=first_approver_id]:not(:empty)",
        },
    ],
});
