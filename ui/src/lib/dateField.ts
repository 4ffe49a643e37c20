// Every date field: what a person typed the local way (23.04.2025, 23 Apr 2025) becomes ISO when
// they leave the field or press Enter, so forms send ISO and show the date they meant.
// `use:dateField` on an <input>; `use:dateField={false}` leaves a field of a generic list alone.
import { parseDateInput } from "./dates";

export function dateField(node: HTMLInputElement, enabled: boolean = true) {
  let on = enabled;
  const normalise = () => {
    const iso = on ? parseDateInput(node.value) : null;
    if (iso && iso !== node.value) {
      node.value = iso;
      // Tell bind:value, as typing would.
      node.dispatchEvent(new Event("input", { bubbles: true }));
    }
  };
  const onkeydown = (event: KeyboardEvent) => {
    if (event.key === "Enter") normalise();
  };
  node.addEventListener("blur", normalise);
  node.addEventListener("keydown", onkeydown);
  return {
    update(next: boolean = true) {
      on = next;
    },
    destroy() {
      node.removeEventListener("blur", normalise);
      node.removeEventListener("keydown", onkeydown);
    },
  };
}
