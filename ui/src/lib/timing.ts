// How long a person waits: from their click or keystroke to the content they asked for on screen,
// recorded as User Timing measures named "plenary: …" (WebKit's inspector shows them;
// bench/window_latency.py reads them with performance.getEntriesByType("measure")).
//
// The content is on screen once `ready()` holds (by default: no region is marked aria-busy) and
// the frame after it has been painted. A newer timing of the same name supersedes one still
// waiting, so a person moving on quickly does not leave a long, meaningless measure behind.

const waiting = new Map<string, number>();
let next = 0;

/** Nothing on the page is loading. */
export function nothingBusy(): boolean {
  return document.querySelector('[aria-busy="true"]') === null;
}

/** Starts timing `name` now; it ends when `ready()` holds and the next frame has painted. */
export function timeUntilPainted(name: string, ready: () => boolean = nothingBusy): void {
  if (typeof performance === "undefined" || typeof requestAnimationFrame === "undefined") return;
  const start = performance.now();
  const mine = ++next;
  waiting.set(name, mine);
  const check = () => {
    if (waiting.get(name) !== mine) return;
    if (!ready()) {
      requestAnimationFrame(check);
      return;
    }
    // The next frame shows the content; the one after it starts once that has been painted.
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        if (waiting.get(name) !== mine) return;
        waiting.delete(name);
        performance.measure(`plenary: ${name}`, { start, end: performance.now() });
      }),
    );
  };
  // Once the state change that the click made has been applied to the page.
  setTimeout(check, 0);
}
