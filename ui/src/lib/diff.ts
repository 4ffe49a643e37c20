// Showing a word diff: a removed run next to an added one must not read as one word
// ("~~defer~~add"), so a space goes between them when neither side brings its own.
import type { DiffSpan } from "./bindings";

export interface ShownSpan extends DiffSpan {
  /** A space to show before this span, which is in neither text. */
  gapBefore: boolean;
}

export function spacedDiff(spans: DiffSpan[]): ShownSpan[] {
  return spans.map((span, index) => {
    const previous = index > 0 ? spans[index - 1] : undefined;
    const touching =
      previous !== undefined &&
      span.kind !== "same" &&
      previous.kind !== "same" &&
      previous.kind !== span.kind &&
      !/\s$/.test(previous.text) &&
      !/^\s/.test(span.text);
    return { ...span, gapBefore: touching };
  });
}
