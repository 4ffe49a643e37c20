// Loading what a screen shows: the value, whether it has loaded, what went wrong, and a guard so
// that an answer to an older request (the person has moved on to another meeting) is dropped.
import { untrack } from "svelte";
import type { CommandError } from "./bindings";
import { asError, CommandFailure } from "./errors";

export class Resource<T> {
  // Deeply reactive by default. A long list is better held as it came (`shallow`): a deep proxy
  // makes a signal of every field read, and grouping 500 meetings reads thousands of them. Such a
  // value is replaced, never changed in place.
  #deep: T = $state() as T;
  #shallow: T = $state.raw() as T;
  readonly #isShallow: boolean;

  /** The last value loaded (the initial value before that, and after `reset`). */
  get value(): T {
    return this.#isShallow ? this.#shallow : this.#deep;
  }
  set value(value: T) {
    if (this.#isShallow) this.#shallow = value;
    else this.#deep = value;
  }
  /** Whether a load has finished since the last reset, with or without an error. */
  loaded = $state(false);
  /** Why the last load failed; null once a load succeeds. */
  error: CommandError | null = $state(null);

  readonly #fetch: (previous: T) => Promise<T>;
  readonly #initial: () => T;
  #request = 0;

  /** `fetch` is given the value loaded so far, to keep what need not be asked for again. */
  constructor(fetch: (previous: T) => Promise<T>, initial: () => T, options: { shallow?: boolean } = {}) {
    this.#isShallow = options.shallow ?? false;
    this.#fetch = fetch;
    this.#initial = initial;
    this.value = initial();
  }

  /** Loads again; resolves to true when this request's answer was applied. Arrow, so it can be
   * passed as an event handler. */
  load = async (): Promise<boolean> => {
    const request = ++this.#request;
    try {
      const value = await this.#fetch(this.value);
      if (request !== this.#request) return false;
      this.value = value;
      this.error = null;
      return true;
    } catch (failure) {
      if (request === this.#request) this.error = asError(failure);
      return false;
    } finally {
      if (request === this.#request) this.loaded = true;
    }
  };

  /** Loads again for one who needs the answer (a form after a conflict): the value, or the failure
   * thrown. */
  latest = async (): Promise<T> => {
    if (!(await this.load()) && this.error) throw new CommandFailure(this.error);
    return this.value;
  };

  /** Forgets the value and any request still under way. */
  reset(): void {
    this.#request++;
    this.value = this.#initial();
    this.loaded = false;
    this.error = null;
  }
}

/** A resource that starts loading at once: what a screen shows as soon as it opens. */
export function loading<T>(fetch: (previous: T) => Promise<T>, initial: () => T): Resource<T> {
  const resource = new Resource(fetch, initial);
  void resource.load();
  return resource;
}

/** Runs `onchange` (untracked) at first and whenever `key` changes: where a screen resets its
 * state and loads for a new meeting, person or document. Call during component set-up.
 * The same key read again (a list reloaded hands over a new object for the same meeting) is no
 * change: resetting then would drop a load under way and empty the screen meanwhile. */
export function onKeyChange<K>(key: () => K, onchange: (key: K) => void): void {
  let last: { key: K } | null = null;
  $effect(() => {
    const current = key();
    if (last && Object.is(last.key, current)) return;
    last = { key: current };
    untrack(() => onchange(current));
  });
}

/** A resource that resets and loads whenever `key` changes (and once at first); `key` is first
 * read when the component mounts, so it may name state declared after the resource. */
export function keyedResource<K, T>(
  key: () => K,
  fetch: (key: K) => Promise<T>,
  initial: () => T,
  onchange?: (key: K) => void,
): Resource<T> {
  let current: K;
  const resource = new Resource(() => fetch(current), initial);
  onKeyChange(key, (next) => {
    current = next;
    resource.reset();
    onchange?.(next);
    void resource.load();
  });
  return resource;
}
