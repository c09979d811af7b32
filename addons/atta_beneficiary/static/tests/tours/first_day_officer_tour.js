import { registry } from "@web/core/registry";

// A new relations officer's first day, in Arabic: the start screen, a walk-in visitor received in the
// dialog, the new file opened at once, and back on the start screen the file counted as waiting.
// Counts are read, not assumed: a trial database (demo data) already has files waiting.
registry.category("web_tour.tours").add("atta_first_day_officer_tour", {
    steps: () => {
        let waitingBefore = 0;
        return [
        {
            content: "The officer starts on the start screen, in Arabic",
            trigger: "body.o_rtl .o_atta_home .o_atta_home_section_desk",
        },
        {
            content: "The files waiting for registration are counted",
            trigger: ".o_atta_home_card_files_draft[data-count]",
            run() {
                waitingBefore = Number(this.anchor.dataset.count);
            },
        },
        {
            content: "Receive a visitor",
            trigger: ".o_atta_home_quick_receive_visitor",
            run: "click",
        },
        {
            content: "Full name",
            trigger: ".modal .o_field_widget[name=name] input",
            run: "edit هدى صالح عبدالله الحربي",
        },
        {
            content: "Identity number",
            trigger: ".modal .o_field_widget[name=identity_number] input",
            run: "edit 1234567897",
        },
        {
            content: "Mobile",
            trigger: ".modal .o_field_widget[name=phone] input",
            run: "edit 0551234567",
        },
        {
            content: "Save and open the file",
            trigger: ".modal button[name=action_open_file]",
            run: "click",
        },
        {
            content: "The new file is open, with its number, the dialog gone",
            trigger: "body:not(:has(.modal)) .o_form_view .o_field_widget[name=reference]:contains('BEN-')",
        },
        {
            content: "Back to the start screen",
            trigger: ".o_breadcrumb .breadcrumb-item a",
            run: "click",
        },
        {
            content: "The file is counted as not yet registered",
            trigger: ".o_atta_home_card_files_draft[data-count]",
            async run(helpers) {
                const waiting = Number(this.anchor.dataset.count);
                if (waiting !== waitingBefore + 1) {
                    throw new Error(`${waitingBefore + 1} files should wait, the card counts ${waiting}`);
                }
                await helpers.click();
            },
        },
        {
            content: "The card opens the list of those files",
            trigger: ".o_kanban_view .o_kanban_record:contains('هدى صالح عبدالله الحربي')",
        },
        ];
    },
});
