// Long lists are drawn a page at a time: the first rows at once, more as the list is scrolled to
// its end (or its "Show more" button is pressed from the keyboard). A decade of people, meetings
// or policy documents then opens as quickly as a few dozen, and the window does not hold
// thousands of rows nobody has scrolled to.

// About two screens of rows in a full-height window; the next page is drawn before the list's end
// scrolls into view. Laying out and painting 60 fresh rows took about 20 ms in WebKit.
export const PAGE = 30;

export class Paging {
  /** How many rows are drawn. */
  shown = $state(PAGE);

  /** The rows to draw of `rows`. */
  take<T>(rows: T[]): T[] {
    return rows.length > this.shown ? rows.slice(0, this.shown) : rows;
  }

  /** Draws the next page. Arrow, so it can be passed as an event handler. */
  more = (): void => {
    this.shown += PAGE;
  };

  /** Makes sure the row at `index` is drawn (one chosen with the keyboard or from elsewhere). */
  reveal(index: number): void {
    if (index >= this.shown) this.shown = (Math.floor(index / PAGE) + 1) * PAGE;
  }
}
