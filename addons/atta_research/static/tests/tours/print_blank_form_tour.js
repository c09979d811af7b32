import { registry } from "@web/core/registry";

async function waitFor(condition, what) {
    for (let tries = 0; tries < 160; tries++) {
        if (condition()) {
            return;
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`Waited 8 seconds for ${what}`);
}

// A relations officer prints the blank request form of a support type for a walk-in.
registry.category("web_tour.tours").add("atta_print_blank_form_tour", {
    steps: () => [
        {
            content: "Open the apps menu",
            trigger: ".o_navbar_apps_menu button",
            run: "click",
        },
        {
            content: "Open Social Research",
            trigger: ".o_app[data-menu-xmlid='atta_research.menu_root']",
            run: "click",
        },
        {
            content: "Open the blank request forms",
            trigger: ".o_menu_sections [data-menu-xmlid='atta_research.blank_request_form_menu']",
            run: "click",
        },
        {
            content: "Print the form of the first support type of the list",
            trigger: ".o_list_view .o_data_row:first-child .o_list_button button",
            async run(helpers) {
                await helpers.click();
                // The screen is blocked while the paper is made and downloaded.
                await waitFor(() => document.querySelector(".o_blockUI"), "the print to start");
            },
        },
        {
            // The tour waits for the screen to be free again: the paper is downloaded.
            content: "The form is printed and the list is back",
            trigger: ".o_list_view .o_data_row",
        },
    ],
});
