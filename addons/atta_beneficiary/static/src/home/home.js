import { Component, onWillStart, useState } from "@odoo/owl";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { standardActionServiceProps } from "@web/webclient/actions/action_service";

/**
 * The staff's start screen: for each of the user's roles, what is waiting (each count opens its
 * filtered list) and, for managers, what a fresh install still lacks. The server counts as the
 * user, so nothing appears that the user could not open.
 */
export class AttaHome extends Component {
    static template = "atta_beneficiary.AttaHome";
    static props = { ...standardActionServiceProps };

    setup() {
        this.orm = useService("orm");
        this.actionService = useService("action");
        this.state = useState({ data: null });
        // Coming back through the breadcrumb mounts the screen again: the counts are fresh.
        onWillStart(async () => {
            this.state.data = await this.orm.call("atta.home", "get_home_data", []);
        });
    }

    get pendingChecks() {
        return this.state.data.checklist.filter((item) => !item.done);
    }

    open(action) {
        return this.actionService.doAction(action);
    }
}

registry.category("actions").add("atta_home", AttaHome);
