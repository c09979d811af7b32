import { Component, onWillRender, onWillStart, useRef, useState } from "@odoo/owl";
import { deserializeDate } from "@web/core/l10n/dates";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { user } from "@web/core/user";
import { useBus, useService } from "@web/core/utils/hooks";
import { DateTimeField, dateField, dateTimeField } from "@web/views/fields/datetime/datetime_field";

const CALENDAR_MODEL = "atta.hijri.calendar";
// Hijri strings already asked for, per language and day: redrawing a form does not ask the server again.
const hijriCache = new Map();

/**
 * A date (or the day of a date and time) typed in either calendar: the standard Gregorian field, with
 * the Hijri date beside it that staff may type instead, as the person's document gives it. The server
 * converts (Umm al-Qura, the table of every Hijri date Atta prints); the field stores the Gregorian day.
 */
export class HijriDateField extends Component {
    static template = "atta_beneficiary.HijriDateField";
    static components = { DateTimeField };
    static props = {
        ...DateTimeField.props,
        hideHijriReadonly: { type: Boolean, optional: true },
    };

    setup() {
        this.orm = useService("orm");
        this.hijriInput = useRef("hijri");
        this.state = useState({ hijri: "", label: "", typed: null, error: "" });
        this.shownDay = null;
        this.pending = null;
        onWillStart(() => this.loadHijri(this.props));
        // The value may change by other means (the calendar picker, an onchange, the Hijri box).
        onWillRender(() => {
            if (this.dayOf(this.props) !== this.shownDay) {
                this.loadHijri(this.props);
            }
        });
        // Save (or leaving the record) waits for a Hijri date still being converted.
        useBus(this.props.record.model.bus, "NEED_LOCAL_CHANGES", ({ detail }) =>
            detail.proms.push(this.commit())
        );
    }

    get dateProps() {
        const { hideHijriReadonly, ...props } = this.props;
        return props;
    }

    get isDateTime() {
        return this.props.record.fields[this.props.name].type === "datetime";
    }

    get inputValue() {
        return this.state.typed ?? this.state.hijri;
    }

    /** The day shown to the user (their time zone for a date and time), as 2023-10-09. */
    dayOf(props) {
        const value = props.record.data[props.name];
        return value ? value.toISODate() : false;
    }

    async loadHijri(props) {
        const day = this.dayOf(props);
        if (day === this.shownDay) {
            return;
        }
        this.shownDay = day;
        // A new value: whatever was typed before, and its error, are behind us.
        this.state.typed = null;
        this.state.error = "";
        if (!day) {
            Object.assign(this.state, { hijri: "", label: "" });
            return;
        }
        const key = `${user.lang}|${day}`;
        if (!hijriCache.has(key)) {
            const result = await this.orm.call(CALENDAR_MODEL, "gregorian_to_hijri", [[day]]);
            hijriCache.set(key, result[day] || { hijri: "", label: "" });
        }
        if (this.shownDay === day) {
            Object.assign(this.state, hijriCache.get(key));
        }
    }

    onKeydown(ev) {
        if (ev.key === "Enter") {
            this.commit();
        }
    }

    onChange() {
        this.commit();
    }

    /** Convert what was typed in the Hijri box and store its Gregorian day; or say, beside it, what is wrong. */
    commit() {
        const inputEl = this.hijriInput.el;
        if (!inputEl) {
            return this.pending;
        }
        const text = inputEl.value.trim();
        if (text === (this.state.typed ?? this.state.hijri).trim()) {
            return this.pending;
        }
        this.state.typed = text;
        this.pending = this.convert(text);
        return this.pending;
    }

    async convert(text) {
        const { record, name } = this.props;
        if (!text) {
            this.state.error = "";
            await record.update({ [name]: false });
            return;
        }
        const result = await this.orm.call(CALENDAR_MODEL, "hijri_to_gregorian", [text]);
        if (this.state.typed !== text) {
            return; // typed again meanwhile: the newer text wins
        }
        if (result.error) {
            this.state.error = result.error;
            await record.setInvalidField(name);
            return;
        }
        hijriCache.set(`${user.lang}|${result.date}`, { hijri: result.hijri, label: result.label });
        let value = deserializeDate(result.date);
        const current = record.data[name];
        if (this.isDateTime && current) {
            // The day changes; the time of the appointment stays.
            value = current.set({ year: value.year, month: value.month, day: value.day });
        }
        this.state.error = "";
        await record.update({ [name]: value });
    }
}

function pickStandard(type) {
    return type === "datetime" ? dateTimeField : dateField;
}

export const hijriDateField = {
    component: HijriDateField,
    displayName: _t("Date in Hijri or Gregorian"),
    supportedOptions: dateField.supportedOptions,
    supportedTypes: ["date", "datetime"],
    extractProps: (fieldInfo, dynamicInfo) => pickStandard(fieldInfo.type).extractProps(fieldInfo, dynamicInfo),
    fieldDependencies: (fieldInfo) => pickStandard(fieldInfo.type).fieldDependencies(fieldInfo),
};

// In a list, the Hijri date of a row not being edited stays in its own column.
export const listHijriDateField = {
    ...hijriDateField,
    extractProps: (fieldInfo, dynamicInfo) => ({
        ...hijriDateField.extractProps(fieldInfo, dynamicInfo),
        hideHijriReadonly: true,
    }),
    listViewWidth: (fieldInfo) => pickStandard(fieldInfo.type).listViewWidth(fieldInfo) + 150,
};

registry
    .category("fields")
    .add("atta_hijri_date", hijriDateField)
    .add("list.atta_hijri_date", listHijriDateField);
