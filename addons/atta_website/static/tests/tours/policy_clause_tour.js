import { registry } from "@web/core/registry";

// A relations officer, on a support request, opens the clause of the support policy guide in
// force for the support asked for, and reads it without leaving the request.
registry.category("web_tour.tours").add("atta_research_policy_clause_tour", {
    steps: () => [
        {
            content: "The request is open on its support type",
            trigger: ".o_form_view .o_field_widget[name=support_type_id] input",
        },
        {
            content: "Open the policy clause",
            trigger: ".o_form_view button[name=action_open_policy_clause]",
            run: "click",
        },
        {
            content: "The clause in force is shown, with its text",
            trigger: ".modal .o_field_widget[name=body]:contains('head of the household')",
        },
        {
            content: "It is read-only: the board approved it",
            trigger: ".modal .o_field_widget[name=name]:contains('Cash aid'):not(:has(input))",
        },
        {
            content: "Back to the request",
            trigger: ".modal .btn-close",
            run: "click",
        },
        {
            content: "The request is still open",
            trigger: "body:not(:has(.modal)) .o_form_view .o_field_widget[name=support_type_id]",
        },
    ],
});
