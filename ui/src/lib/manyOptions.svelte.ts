// Long choice lists (2,000 people, 500 meetings, 600 time zones) built in one step. Svelte's keyed
// {#each} makes a block with its own effects per <option>, and WebKit measures the text of every
// option of a <select> whenever its options change (2,000 took about 40 ms of layout, whatever
// the select's width). So options are built here directly, and a long <select> holds only its
// current choice until it is first focused or pressed. Labels are set as text, never as markup.
import type { Attachment } from "svelte/attachments";

export interface OptionEntry {
  value: string;
  /** The visible text; a <datalist> suggestion may leave it out. */
  label?: string;
}

function build(entries: readonly OptionEntry[]): HTMLOptionElement[] {
  return entries.map((entry) => {
    const option = document.createElement("option");
    option.value = entry.value;
    if (entry.label !== undefined) option.textContent = entry.label;
    return option;
  });
}

/**
 * Appends `entries` as <option>s after the options written in the markup, and takes them away
 * again when the entries change or the element goes. A `bind:value` on the <select> keeps its
 * selection: Svelte re-applies it whenever the options change.
 *
 * With `chosen` (the select's bound value), a <select> holds only the chosen entry, following the
 * value when the page sets it (another meeting's focal point, a candidate chosen), until it is
 * focused or pressed; then every entry is added, before its list opens.
 */
export function manyOptions(
  entries: readonly OptionEntry[],
  chosen?: () => string | null | undefined,
): Attachment<HTMLSelectElement | HTMLDataListElement> {
  return (element) => {
    let options: HTMLOptionElement[] = [];
    const show = (list: readonly OptionEntry[]) => {
      for (const option of options) option.remove();
      options = build(list);
      element.append(...options);
    };
    if (!chosen || !(element instanceof HTMLSelectElement)) {
      show(entries);
      return () => show([]);
    }
    let all = false;
    $effect(() => {
      const current = chosen();
      if (!all) show(entries.filter((entry) => entry.value === current));
    });
    const select = element;
    const showAll = () => {
      stopWaiting();
      all = true;
      const value = select.value;
      show(entries);
      select.value = value;
    };
    const stopWaiting = () => {
      select.removeEventListener("focus", showAll);
      select.removeEventListener("pointerdown", showAll);
    };
    select.addEventListener("focus", showAll);
    select.addEventListener("pointerdown", showAll);
    return () => {
      stopWaiting();
      show([]);
    };
  };
}

/** People as choices, by their full names. */
export function personOptions(people: readonly { person: { id: string; full_name: string } }[]): OptionEntry[] {
  return people.map((row) => ({ value: row.person.id, label: row.person.full_name }));
}
