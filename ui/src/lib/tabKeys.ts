// The keys of a tab list (WAI-ARIA's tabs pattern): the arrows along the list move to the next or
// previous tab, wrapping around; Home and End go to the first and the last.

/** The tab `key` moves to from tab `index` of `count`, or -1 when the key is not a tab key. */
export function tabAfterKey(key: string, index: number, count: number, orientation: "horizontal" | "vertical"): number {
  const [back, forward] = orientation === "vertical" ? ["ArrowUp", "ArrowDown"] : ["ArrowLeft", "ArrowRight"];
  if (key === forward) return (index + 1) % count;
  if (key === back) return (index + count - 1) % count;
  if (key === "Home") return 0;
  if (key === "End") return count - 1;
  return -1;
}
