// Minutes and notes are CommonMark, read by mdast-util-from-markdown (micromark underneath) into
// a syntax tree, then narrowed here to the few kinds of node Plenary draws. There is no HTML
// pass-through: raw HTML in the source becomes a text node, so whatever a delegate types can
// only ever become text.
import type { Nodes as MdastNode, PhrasingContent, Root } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";

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
  /** The fence's language word, "" when absent. */
  lang: string;
  text: string;
}
export interface RuleBlock {
  type: "rule";
}
export type Block = HeadingBlock | ParagraphBlock | ListBlock | BlockquoteBlock | CodeBlock | RuleBlock;

// Containers nested deeper than this are flattened to their text: it bounds the recursion here
// and in the component that draws the tree ("> > > > …" typed fifty thousand times).
const MAX_DEPTH = 12;

export function parseMarkdown(source: string): Block[] {
  // micromark keeps a lone CR inside text; Plenary's text areas send LF, pasted text may not.
  const tree: Root = fromMarkdown(source.replace(/\r\n?/g, "\n"));
  const definitions = new Map<string, string>();
  for (const node of tree.children) {
    if (node.type === "definition") definitions.set(node.identifier, node.url);
  }
  return blocksOf(tree.children, 0, definitions);
}

type Definitions = ReadonlyMap<string, string>;

function blocksOf(nodes: readonly MdastNode[], depth: number, definitions: Definitions): Block[] {
  const blocks: Block[] = [];
  for (const node of nodes) {
    const block = blockOf(node, depth, definitions);
    if (block) blocks.push(block);
  }
  return blocks;
}

function blockOf(node: MdastNode, depth: number, definitions: Definitions): Block | null {
  if (depth >= MAX_DEPTH && (node.type === "blockquote" || node.type === "list")) {
    return { type: "paragraph", children: [{ type: "text", text: plainText(node) }] };
  }
  switch (node.type) {
    case "heading":
      return { type: "heading", level: node.depth, children: inlinesOf(node.children, definitions) };
    case "paragraph":
      return { type: "paragraph", children: inlinesOf(node.children, definitions) };
    case "list":
      return {
        type: "list",
        ordered: node.ordered === true,
        start: node.ordered ? (node.start ?? 1) : 1,
        items: node.children.map((item) => ({ children: blocksOf(item.children, depth + 1, definitions) })),
      };
    case "blockquote":
      return { type: "blockquote", children: blocksOf(node.children, depth + 1, definitions) };
    case "code":
      return { type: "codeBlock", lang: node.lang ?? "", text: node.value };
    case "thematicBreak":
      return { type: "rule" };
    case "html":
      // Raw HTML is shown as what was typed.
      return { type: "paragraph", children: [{ type: "text", text: node.value }] };
    default:
      // Link definitions are used by the links that name them; nothing else is drawn.
      return null;
  }
}

function inlinesOf(nodes: readonly PhrasingContent[], definitions: Definitions): Inline[] {
  const out: Inline[] = [];
  const push = (inline: Inline) => {
    const last = out[out.length - 1];
    // Text that CommonMark keeps apart (raw HTML beside text) reads as one run.
    if (inline.type === "text" && last?.type === "text") last.text += inline.text;
    else out.push(inline);
  };
  for (const node of nodes) {
    switch (node.type) {
      case "text":
      case "html":
        push({ type: "text", text: node.value });
        break;
      case "strong":
      case "emphasis":
        push({ type: node.type, children: inlinesOf(node.children, definitions) });
        break;
      case "inlineCode":
        push({ type: "code", text: node.value });
        break;
      case "break":
        push({ type: "break" });
        break;
      case "link": {
        const [only] = node.children;
        if (node.children.length === 1 && only?.type === "text" && isAutolinkText(only.value, node.url)) {
          push({ type: "autolink", url: only.value });
        } else {
          push({ type: "link", url: node.url, children: inlinesOf(node.children, definitions) });
        }
        break;
      }
      case "linkReference":
        push({
          type: "link",
          url: definitions.get(node.identifier) ?? "",
          children: inlinesOf(node.children, definitions),
        });
        break;
      case "image":
        push({ type: "link", url: node.url, children: [{ type: "text", text: node.alt ?? "" }] });
        break;
      case "imageReference":
        push({ type: "link", url: definitions.get(node.identifier) ?? "", children: [{ type: "text", text: node.alt ?? "" }] });
        break;
      default:
        break;
    }
  }
  return out;
}

/** `<https://x.org>` reads as a link whose text is its address (`mailto:` added for e-mail). */
function isAutolinkText(text: string, url: string): boolean {
  return text === url || `mailto:${text}` === url;
}

/** The text in a subtree, words of separate blocks joined by spaces; iterative, so depth is free. */
function plainText(root: MdastNode): string {
  const parts: string[] = [];
  const stack: MdastNode[] = [root];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if ("value" in node && typeof node.value === "string") parts.push(node.value);
    else if ("children" in node) stack.push(...([...node.children].reverse() as MdastNode[]));
  }
  return parts.join(" ");
}
