// A small Markdown reader for minutes and notes. It produces a typed tree and nothing else:
// there is no HTML pass-through, so whatever a delegate types can only ever become text.
// Every scan below moves forward through the input (or is bounded), so large or hostile input
// stays fast; there are no backtracking regular expressions over user text.

export type HeadingLevel = 1 | 2 | 3 | 4 | 5 | 6;

export interface TextNode {
  type: "text";
  text: string;
}
export interface StrongNode {
  type: "strong";
  children: Inline[];
}
export interface EmphasisNode {
  type: "emphasis";
  children: Inline[];
}
export interface CodeNode {
  type: "code";
  text: string;
}
/** `[text](url)`: the URL is kept as a plain string, to be shown, never followed. */
export interface LinkNode {
  type: "link";
  children: Inline[];
  url: string;
}
/** `<https://…>`: shown as the URL itself. */
export interface AutolinkNode {
  type: "autolink";
  url: string;
}
export interface BreakNode {
  type: "break";
}
export type Inline = TextNode | StrongNode | EmphasisNode | CodeNode | LinkNode | AutolinkNode | BreakNode;

export interface HeadingBlock {
  type: "heading";
  level: HeadingLevel;
  children: Inline[];
}
export interface ParagraphBlock {
  type: "paragraph";
  children: Inline[];
}
export interface ListItem {
  children: Block[];
}
export interface ListBlock {
  type: "list";
  ordered: boolean;
  /** The first item's number for ordered lists; 1 for bullet lists. */
  start: number;
  items: ListItem[];
}
export interface BlockquoteBlock {
  type: "blockquote";
  children: Block[];
}
export interface CodeBlock {
  type: "codeBlock";
  /** First word of the fence's info string, "" when absent. */
  lang: string;
  text: string;
}
export interface RuleBlock {
  type: "rule";
}
export type Block = HeadingBlock | ParagraphBlock | ListBlock | BlockquoteBlock | CodeBlock | RuleBlock;

// Lists and quotes nested deeper than this are read as plain text: it bounds both the
// recursion (no stack overflow on "> > > > …") and the copying of nested lines.
const MAX_DEPTH = 12;

export function parseMarkdown(source: string): Block[] {
  const lines = source
    .replace(/\r\n?/g, "\n")
    .replace(/\0/g, "\uFFFD")
    .split("\n")
    .map(expandLeadingTabs);
  return parseBlocks(lines, 0);
}

// ---------------------------------------------------------------------------------------------
// Blocks

function expandLeadingTabs(line: string): string {
  if (!line.startsWith("\t") && !line.startsWith(" \t") && !line.startsWith("  \t") && !line.startsWith("   \t")) {
    return line;
  }
  let out = "";
  let i = 0;
  for (; i < line.length; i++) {
    const ch = line[i];
    if (ch === " ") out += " ";
    else if (ch === "\t") out += " ".repeat(4 - (out.length % 4));
    else break;
  }
  return out + line.slice(i);
}

function isBlank(line: string): boolean {
  return line.trim() === "";
}

function indentOf(line: string): number {
  let n = 0;
  while (line.charCodeAt(n) === 32) n++;
  return n;
}

interface Fence {
  indent: number;
  char: string;
  length: number;
  lang: string;
}

function fenceOpen(line: string): Fence | null {
  const indent = indentOf(line);
  if (indent > 3) return null;
  const char = line[indent];
  if (char !== "`" && char !== "~") return null;
  let end = indent;
  while (line[end] === char) end++;
  const length = end - indent;
  if (length < 3) return null;
  const info = line.slice(end).trim();
  // A backtick fence's info string cannot hold backticks (that would be inline code).
  if (char === "`" && info.includes("`")) return null;
  return { indent, char, length, lang: info.split(/\s/, 1)[0] ?? "" };
}

function isFenceClose(line: string, fence: Fence): boolean {
  const indent = indentOf(line);
  if (indent > 3) return false;
  let end = indent;
  while (line[end] === fence.char) end++;
  return end - indent >= fence.length && line.slice(end).trim() === "";
}

function heading(line: string): { level: HeadingLevel; text: string } | null {
  const indent = indentOf(line);
  if (indent > 3) return null;
  let end = indent;
  while (line[end] === "#") end++;
  const level = end - indent;
  if (level < 1 || level > 6) return null;
  const next = line[end];
  if (next !== undefined && next !== " " && next !== "\t") return null;
  let text = line.slice(end).trim();
  // An optional closing run of #s is decoration, unless it is glued to the text ("C#").
  let cut = text.length;
  while (cut > 0 && text[cut - 1] === "#") cut--;
  if (cut === 0) text = "";
  else if (cut < text.length && (text[cut - 1] === " " || text[cut - 1] === "\t")) text = text.slice(0, cut).trimEnd();
  return { level: level as HeadingLevel, text };
}

function isRule(line: string): boolean {
  if (indentOf(line) > 3) return false;
  let marker = "";
  let count = 0;
  for (const ch of line) {
    if (ch === " " || ch === "\t") continue;
    if (ch !== "-" && ch !== "*" && ch !== "_") return false;
    if (marker === "") marker = ch;
    else if (ch !== marker) return false;
    count++;
  }
  return count >= 3;
}

/** The text after `>` (and one optional space), or null when the line is not quoted. */
function quoteContent(line: string): string | null {
  const indent = indentOf(line);
  if (indent > 3 || line[indent] !== ">") return null;
  const start = line[indent + 1] === " " ? indent + 2 : indent + 1;
  return line.slice(start);
}

interface ListMarker {
  indent: number;
  ordered: boolean;
  /** The bullet character, or the ordered delimiter ("." or ")"): lists only continue with the same. */
  marker: string;
  start: number;
  /** Column where the item's text begins; continuation lines are unindented up to here. */
  contentIndent: number;
  content: string;
}

function listMarker(line: string): ListMarker | null {
  const indent = indentOf(line);
  if (indent > 3) return null;
  let end = indent;
  let ordered = false;
  let marker: string;
  let start = 1;
  const first = line[indent];
  if (first === "-" || first === "*" || first === "+") {
    marker = first;
    end = indent + 1;
  } else {
    while (end - indent < 10 && isDigit(line.charCodeAt(end))) end++;
    const digits = end - indent;
    const delimiter = line[end];
    if (digits < 1 || digits > 9 || (delimiter !== "." && delimiter !== ")")) return null;
    ordered = true;
    marker = delimiter;
    start = Number(line.slice(indent, end));
    end++;
  }
  const after = line[end];
  if (after !== undefined && after !== " " && after !== "\t") return null;
  const rest = line.slice(end);
  const content = rest.trim();
  const spaces = indentOf(rest);
  // Up to four spaces after the marker set the item's indent; more than that is just spacing.
  const contentIndent = content === "" || spaces > 4 ? end + 1 : end + spaces;
  return { indent, ordered, marker, start, contentIndent, content };
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function nestingAllowed(depth: number): boolean {
  return depth < MAX_DEPTH;
}

/** Lines that end a paragraph instead of continuing it. */
function interruptsParagraph(line: string, depth: number): boolean {
  if (isBlank(line) || fenceOpen(line) || heading(line) || isRule(line)) return true;
  if (!nestingAllowed(depth)) return false;
  if (quoteContent(line) !== null) return true;
  const item = listMarker(line);
  // As in CommonMark, "2019. was a good year" mid-paragraph is not a list; only an item
  // numbered 1 (or a non-empty bullet) starts one.
  return item !== null && item.content !== "" && (!item.ordered || item.start === 1);
}

/** Lines that start some other block, so they cannot be a lazy continuation of the text above. */
function startsBlock(line: string, depth: number): boolean {
  return interruptsParagraph(line, depth) || (nestingAllowed(depth) && listMarker(line) !== null);
}

function parseBlocks(lines: string[], depth: number): Block[] {
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? "";
    if (isBlank(line)) {
      i++;
      continue;
    }

    const fence = fenceOpen(line);
    if (fence) {
      i++;
      const body: string[] = [];
      // An unclosed fence runs to the end of its container, as in CommonMark.
      while (i < lines.length) {
        const inner = lines[i] ?? "";
        i++;
        if (isFenceClose(inner, fence)) break;
        body.push(inner.slice(Math.min(fence.indent, indentOf(inner))));
      }
      blocks.push({ type: "codeBlock", lang: fence.lang, text: body.join("\n") });
      continue;
    }

    const head = heading(line);
    if (head) {
      blocks.push({ type: "heading", level: head.level, children: parseInlines(head.text) });
      i++;
      continue;
    }

    if (isRule(line)) {
      blocks.push({ type: "rule" });
      i++;
      continue;
    }

    if (nestingAllowed(depth) && quoteContent(line) !== null) {
      const inner: string[] = [];
      while (i < lines.length) {
        const next = lines[i] ?? "";
        const content = quoteContent(next);
        if (content !== null) {
          inner.push(content);
        } else if (!isBlank(next) && !isBlank(inner[inner.length - 1] ?? "") && !startsBlock(next, depth)) {
          // Lazy continuation: a wrapped line of quoted text without its own ">".
          inner.push(next);
        } else {
          break;
        }
        i++;
      }
      blocks.push({ type: "blockquote", children: parseBlocks(inner, depth + 1) });
      continue;
    }

    const first = nestingAllowed(depth) ? listMarker(line) : null;
    if (first) {
      const list: ListBlock = { type: "list", ordered: first.ordered, start: first.start, items: [] };
      while (i < lines.length) {
        const item = listMarker(lines[i] ?? "");
        if (!item || item.ordered !== first.ordered || item.marker !== first.marker) break;
        i++;
        const body = [item.content];
        let blanks = 0;
        while (i < lines.length) {
          const next = lines[i] ?? "";
          if (isBlank(next)) {
            blanks++;
            i++;
            continue;
          }
          const indent = indentOf(next);
          if (indent >= item.indent + 2) {
            // Indented by two or more: part of this item (a nested list, a second paragraph…).
            for (; blanks > 0; blanks--) body.push("");
            body.push(next.slice(Math.min(indent, item.contentIndent)));
          } else if (blanks === 0 && !startsBlock(next, depth)) {
            body.push(next.trimStart());
          } else {
            break;
          }
          i++;
        }
        list.items.push({ children: parseBlocks(body, depth + 1) });
      }
      blocks.push(list);
      continue;
    }

    const text = [line.trimStart()];
    i++;
    while (i < lines.length) {
      const next = lines[i] ?? "";
      if (interruptsParagraph(next, depth)) break;
      text.push(next.trimStart());
      i++;
    }
    blocks.push({ type: "paragraph", children: parseInlines(text.join("\n").trimEnd()) });
  }
  return blocks;
}

// ---------------------------------------------------------------------------------------------
// Inlines
//
// One left-to-right pass. Open `*`/`_` runs and `[` are kept on a stack of frames that collect
// what follows; a matching closer wraps a frame's content, and frames that never close are
// flattened back into literal text. This mirrors CommonMark's delimiter algorithm closely
// enough for notes, without its rarely-met corner cases.

interface Frame {
  kind: "root" | "emphasis" | "bracket" | "literal";
  /** `*` or `_` for emphasis frames. */
  char: string;
  /** Delimiters still unmatched in an emphasis frame. */
  count: number;
  /** A bracket inside a finished link can no longer start a link (links don't nest). */
  active: boolean;
  children: Inline[];
}

const ASCII_PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
const UNICODE_PUNCTUATION = /[\p{P}\p{S}]/u;
const WHITESPACE = /\s/;

function isPunctuation(ch: string): boolean {
  return ASCII_PUNCTUATION.includes(ch) || UNICODE_PUNCTUATION.test(ch);
}

function isWhitespace(ch: string): boolean {
  return WHITESPACE.test(ch);
}

function appendText(children: Inline[], text: string): void {
  if (text === "") return;
  const last = children[children.length - 1];
  if (last?.type === "text") last.text += text;
  else children.push({ type: "text", text });
}

function appendNode(children: Inline[], node: Inline): void {
  if (node.type === "text") appendText(children, node.text);
  else children.push(node);
}

/** What an unclosed frame stands for when it is read as plain text. */
function frameText(frame: Frame): string {
  if (frame.kind === "emphasis") return frame.char.repeat(frame.count);
  if (frame.kind === "bracket" || frame.kind === "literal") return "[";
  return "";
}

export function parseInlines(text: string): Inline[] {
  const frames: Frame[] = [{ kind: "root", char: "", count: 0, active: false, children: [] }];
  const brackets: number[] = [];
  // Below these indexes there is no opener for `*` (or `_`): a failed search is never repeated,
  // which keeps many unmatched delimiters linear rather than quadratic.
  const bottom: Record<string, number> = { "*": 1, _: 1 };
  const codeRuns = backtickRuns(text);
  const length = text.length;
  let plainStart = 0;
  let i = 0;

  const top = (): Frame => frames[frames.length - 1] as Frame;
  const flush = (end: number): void => {
    if (end > plainStart) appendText(top().children, text.slice(plainStart, end));
  };
  const truncate = (size: number): void => {
    frames.length = size;
    bottom["*"] = Math.min(bottom["*"] ?? 1, size);
    bottom["_"] = Math.min(bottom["_"] ?? 1, size);
  };
  // Unclosed frames above `index` become literal text inside it, in their original order.
  const flattenAbove = (index: number): void => {
    const target = (frames[index] as Frame).children;
    for (let j = index + 1; j < frames.length; j++) {
      const frame = frames[j] as Frame;
      appendText(target, frameText(frame));
      for (const child of frame.children) appendNode(target, child);
    }
    truncate(index + 1);
  };
  const findOpener = (char: string): number => {
    for (let j = frames.length - 1; j >= (bottom[char] ?? 1); j--) {
      const frame = frames[j] as Frame;
      // Emphasis never pairs across a pending `[`: that bracket may yet become a link.
      if (frame.kind === "bracket") break;
      if (frame.kind === "emphasis" && frame.char === char) return j;
    }
    bottom[char] = frames.length;
    return -1;
  };

  while (i < length) {
    const ch = text[i] as string;
    switch (ch) {
      case "\\": {
        const next = text[i + 1];
        if (next === "\n") {
          flush(i);
          top().children.push({ type: "break" });
          i += 2;
          plainStart = i;
        } else if (next !== undefined && ASCII_PUNCTUATION.includes(next)) {
          flush(i);
          appendText(top().children, next);
          i += 2;
          plainStart = i;
        } else {
          i++;
        }
        break;
      }

      case "\n": {
        let spaces = 0;
        while (i - spaces - 1 >= plainStart && text[i - spaces - 1] === " ") spaces++;
        flush(i - spaces);
        if (spaces >= 2) top().children.push({ type: "break" });
        else appendText(top().children, "\n");
        i++;
        plainStart = i;
        break;
      }

      case "`": {
        let end = i;
        while (text[end] === "`") end++;
        const run = end - i;
        const close = nextRunOf(codeRuns, run, end);
        if (close < 0) {
          i = end; // No closer: the backticks are literal text.
          break;
        }
        flush(i);
        top().children.push({ type: "code", text: codeContent(text.slice(end, close)) });
        i = close + run;
        plainStart = i;
        break;
      }

      case "*":
      case "_": {
        flush(i);
        let end = i;
        while (text[end] === ch) end++;
        const before = i > 0 ? (text[i - 1] as string) : " ";
        const after = end < length ? (text[end] as string) : " ";
        const beforeSpace = isWhitespace(before);
        const afterSpace = isWhitespace(after);
        const beforePunct = isPunctuation(before);
        const afterPunct = isPunctuation(after);
        const leftFlanking = !afterSpace && (!afterPunct || beforeSpace || beforePunct);
        const rightFlanking = !beforeSpace && (!beforePunct || afterSpace || afterPunct);
        // `_` inside a word (snake_case) is not emphasis.
        const canOpen = ch === "*" ? leftFlanking : leftFlanking && (!rightFlanking || beforePunct);
        const canClose = ch === "*" ? rightFlanking : rightFlanking && (!leftFlanking || afterPunct);
        let remaining = end - i;
        while (canClose && remaining > 0) {
          const index = findOpener(ch);
          if (index < 0) break;
          flattenAbove(index);
          const opener = frames[index] as Frame;
          const use = remaining >= 2 && opener.count >= 2 ? 2 : 1;
          opener.count -= use;
          remaining -= use;
          const node: Inline = { type: use === 2 ? "strong" : "emphasis", children: opener.children };
          if (opener.count > 0) {
            opener.children = [node];
          } else {
            truncate(index);
            top().children.push(node);
          }
        }
        if (remaining > 0) {
          if (canOpen) frames.push({ kind: "emphasis", char: ch, count: remaining, active: false, children: [] });
          else appendText(top().children, ch.repeat(remaining));
        }
        i = end;
        plainStart = i;
        break;
      }

      case "[": {
        flush(i);
        frames.push({ kind: "bracket", char: "", count: 0, active: true, children: [] });
        brackets.push(frames.length - 1);
        i++;
        plainStart = i;
        break;
      }

      case "]": {
        flush(i);
        const index = brackets.pop();
        const opener = index === undefined ? undefined : frames[index];
        const destination = opener?.active ? linkDestination(text, i + 1) : null;
        if (index === undefined || !opener || !destination) {
          if (opener) opener.kind = "literal";
          appendText(top().children, "]");
          i++;
        } else {
          flattenAbove(index);
          truncate(index);
          top().children.push({ type: "link", children: opener.children, url: destination.url });
          // Brackets before this link cannot form links around it.
          for (let j = brackets.length - 1; j >= 0; j--) {
            const outer = frames[brackets[j] as number] as Frame;
            if (!outer.active) break;
            outer.active = false;
          }
          i = destination.end;
        }
        plainStart = i;
        break;
      }

      case "<": {
        const end = autolinkEnd(text, i);
        if (end < 0) {
          i++; // Not an autolink: an HTML tag, a comparison… all literal text.
          break;
        }
        flush(i);
        top().children.push({ type: "autolink", url: text.slice(i + 1, end) });
        i = end + 1;
        plainStart = i;
        break;
      }

      default:
        i++;
    }
  }
  flush(length);

  // Whatever is still open was never closed: it reads as the characters that were typed.
  flattenAbove(0);
  return (frames[0] as Frame).children;
}

/** Start positions of every maximal run of backticks, grouped by run length. */
function backtickRuns(text: string): Map<number, number[]> {
  const runs = new Map<number, number[]>();
  let i = text.indexOf("`");
  while (i >= 0) {
    let end = i;
    while (text[end] === "`") end++;
    const starts = runs.get(end - i);
    if (starts) starts.push(i);
    else runs.set(end - i, [i]);
    i = text.indexOf("`", end);
  }
  return runs;
}

/** The first run of exactly `length` backticks starting at or after `from`, or -1. */
function nextRunOf(runs: Map<number, number[]>, length: number, from: number): number {
  const starts = runs.get(length);
  if (!starts) return -1;
  let low = 0;
  let high = starts.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((starts[mid] as number) < from) low = mid + 1;
    else high = mid;
  }
  return starts[low] ?? -1;
}

function codeContent(raw: string): string {
  const text = raw.replace(/\n/g, " ");
  // One padding space on each side lets code start or end with a backtick: `` `x` ``.
  if (text.length >= 2 && text.startsWith(" ") && text.endsWith(" ") && text.trim() !== "") {
    return text.slice(1, -1);
  }
  return text;
}

// Nested parentheses in a URL are allowed up to this depth (as in cmark); the bound also keeps
// input like "[](" repeated thousands of times from rescanning the rest of the text each time.
const MAX_PAREN_DEPTH = 32;

/** Reads `(url "optional title")` at `start`; returns the URL and the index after `)`. */
function linkDestination(text: string, start: number): { url: string; end: number } | null {
  if (text[start] !== "(") return null;
  let i = skipSpace(text, start + 1);
  let url = "";
  if (text[i] === "<") {
    i++;
    for (;;) {
      const ch = text[i];
      if (ch === undefined || ch === "\n" || ch === "<") return null;
      if (ch === ">") break;
      if (ch === "\\" && text[i + 1] !== undefined && ASCII_PUNCTUATION.includes(text[i + 1] as string)) {
        url += text[i + 1];
        i += 2;
      } else {
        url += ch;
        i++;
      }
    }
    i++;
  } else {
    let depth = 0;
    for (;;) {
      const ch = text[i];
      if (ch === undefined || ch.charCodeAt(0) <= 32 || ch === "\u007f") break;
      if (ch === "\\" && text[i + 1] !== undefined && ASCII_PUNCTUATION.includes(text[i + 1] as string)) {
        url += text[i + 1];
        i += 2;
        continue;
      }
      if (ch === "(") {
        depth++;
        if (depth > MAX_PAREN_DEPTH) return null;
      } else if (ch === ")") {
        if (depth === 0) break;
        depth--;
      }
      url += ch;
      i++;
    }
    if (depth !== 0) return null;
  }
  const afterUrl = i;
  i = skipSpace(text, i);
  // A title is accepted (and dropped) so that `[a](url "title")` still reads as a link.
  const quote = text[i];
  if (i > afterUrl && (quote === '"' || quote === "'" || quote === "(")) {
    const closing = quote === "(" ? ")" : quote;
    let j = i + 1;
    while (j < text.length && text[j] !== closing) j += text[j] === "\\" ? 2 : 1;
    if (j >= text.length) return null;
    i = skipSpace(text, j + 1);
  }
  if (text[i] !== ")") return null;
  return { url, end: i + 1 };
}

function skipSpace(text: string, start: number): number {
  let i = start;
  while (text[i] === " " || text[i] === "\t" || text[i] === "\n") i++;
  return i;
}

/** For `<scheme:…>` at `start`, the index of the closing `>`; otherwise -1. */
function autolinkEnd(text: string, start: number): number {
  let i = start + 1;
  const first = text.charCodeAt(i);
  if (!isLetter(first)) return -1;
  i++;
  while (i - start - 1 < 32) {
    const code = text.charCodeAt(i);
    if (!(isLetter(code) || isDigit(code) || code === 43 || code === 45 || code === 46)) break;
    i++;
  }
  const schemeLength = i - start - 1;
  if (schemeLength < 2 || schemeLength > 32 || text[i] !== ":") return -1;
  for (i++; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === ">") return i;
    if (ch === "<" || ch.charCodeAt(0) <= 32) return -1;
  }
  return -1;
}

function isLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}
