import { render } from "svelte/server";
import { describe, expect, it } from "vitest";
import Markdown from "./Markdown.svelte";
import { type Block, type Inline, parseMarkdown } from "./markdown";

const text = (value: string): Inline => ({ type: "text", text: value });
const para = (...children: Inline[]): Block => ({ type: "paragraph", children });
/** The inlines of a one-paragraph document. */
const inline = (source: string): Inline[] => {
  const blocks = parseMarkdown(source);
  expect(blocks).toHaveLength(1);
  const [first] = blocks;
  if (first?.type !== "paragraph") throw new Error(`expected a paragraph, got ${first?.type}`);
  return first.children;
};
/** Markup as the component renders it, without Svelte's hydration comments. */
const html = (source: string): string => render(Markdown, { props: { source } }).body.replace(/<!--[^>]*-->/g, "");
/** Markup without the scoped-style classes, to compare structure. */
const bare = (markup: string): string => markup.replace(/ class="[^"]*"/g, "");

describe("markdown blocks", () => {
  it("reads nothing from empty or blank input", () => {
    expect(parseMarkdown("")).toEqual([]);
    expect(parseMarkdown("  \n\n\t\n")).toEqual([]);
  });

  it("reads ATX headings of every level, with optional closing hashes", () => {
    expect(parseMarkdown("# One\n## Two ##\n###### Six\n####### Seven")).toEqual([
      { type: "heading", level: 1, children: [text("One")] },
      { type: "heading", level: 2, children: [text("Two")] },
      { type: "heading", level: 6, children: [text("Six")] },
      para(text("####### Seven")),
    ]);
    expect(parseMarkdown("#hashtag")).toEqual([para(text("#hashtag"))]);
    expect(parseMarkdown("## C#")).toEqual([{ type: "heading", level: 2, children: [text("C#")] }]);
  });

  it("joins consecutive lines into one paragraph and splits on blank lines", () => {
    expect(parseMarkdown("first line\n  second line\n\n\nnext paragraph")).toEqual([
      para(text("first line\nsecond line")),
      para(text("next paragraph")),
    ]);
  });

  it("reads bullet lists with any bullet character", () => {
    for (const bullet of ["-", "*", "+"]) {
      expect(parseMarkdown(`${bullet} apples\n${bullet} pears`)).toEqual([
        {
          type: "list",
          ordered: false,
          start: 1,
          items: [{ children: [para(text("apples"))] }, { children: [para(text("pears"))] }],
        },
      ]);
    }
  });

  it("reads ordered lists with either delimiter and keeps the start number", () => {
    expect(parseMarkdown("3. third\n4. fourth")).toEqual([
      {
        type: "list",
        ordered: true,
        start: 3,
        items: [{ children: [para(text("third"))] }, { children: [para(text("fourth"))] }],
      },
    ]);
    const [list] = parseMarkdown("1) one\n2) two");
    expect(list).toMatchObject({ type: "list", ordered: true, start: 1 });
    expect(list?.type === "list" && list.items.length).toBe(2);
  });

  it("starts a new list when the bullet or delimiter changes", () => {
    expect(parseMarkdown("- a\n+ b").map((block) => block.type)).toEqual(["list", "list"]);
    expect(parseMarkdown("1. a\n2) b").map((block) => block.type)).toEqual(["list", "list"]);
  });

  it("nests lists indented by two or more spaces", () => {
    expect(parseMarkdown("- agenda\n  - budget\n  - venue\n- minutes\n1. vote\n   1. motion")).toEqual([
      {
        type: "list",
        ordered: false,
        start: 1,
        items: [
          {
            children: [
              para(text("agenda")),
              {
                type: "list",
                ordered: false,
                start: 1,
                items: [{ children: [para(text("budget"))] }, { children: [para(text("venue"))] }],
              },
            ],
          },
          { children: [para(text("minutes"))] },
        ],
      },
      {
        type: "list",
        ordered: true,
        start: 1,
        items: [
          {
            children: [
              para(text("vote")),
              { type: "list", ordered: true, start: 1, items: [{ children: [para(text("motion"))] }] },
            ],
          },
        ],
      },
    ]);
  });

  it("keeps wrapped and indented continuation lines inside their list item", () => {
    expect(parseMarkdown("- a long\nitem\n\n  second paragraph\n\nafter")).toEqual([
      {
        type: "list",
        ordered: false,
        start: 1,
        items: [{ children: [para(text("a long\nitem")), para(text("second paragraph"))] }],
      },
      para(text("after")),
    ]);
  });

  it("does not turn a number that opens a wrapped line into a list", () => {
    expect(parseMarkdown("We met in\n2019. It went well.")).toEqual([para(text("We met in\n2019. It went well."))]);
  });

  it("reads block quotes, including lazy continuation lines and nested content", () => {
    expect(parseMarkdown("> quoted\ncontinued\n>\n> - point\n\nafter")).toEqual([
      {
        type: "blockquote",
        children: [
          para(text("quoted\ncontinued")),
          { type: "list", ordered: false, start: 1, items: [{ children: [para(text("point"))] }] },
        ],
      },
      para(text("after")),
    ]);
    expect(parseMarkdown(">> deep")).toEqual([
      { type: "blockquote", children: [{ type: "blockquote", children: [para(text("deep"))] }] },
    ]);
  });

  it("reads fenced code verbatim, with its language", () => {
    expect(parseMarkdown("```ts\nconst a = **1**;\n\n<b>x</b>\n```\nafter")).toEqual([
      { type: "codeBlock", lang: "ts", text: "const a = **1**;\n\n<b>x</b>" },
      para(text("after")),
    ]);
    expect(parseMarkdown("~~~~\n```\n~~~~")).toEqual([{ type: "codeBlock", lang: "", text: "```" }]);
    // An unclosed fence runs to the end.
    expect(parseMarkdown("```\nopen")).toEqual([{ type: "codeBlock", lang: "", text: "open" }]);
  });

  it("reads thematic breaks, which also end a paragraph", () => {
    expect(parseMarkdown("---\n***\n- - -\n_ _ _")).toEqual([
      { type: "rule" },
      { type: "rule" },
      { type: "rule" },
      { type: "rule" },
    ]);
    expect(parseMarkdown("above\n\n---\nbelow")).toEqual([para(text("above")), { type: "rule" }, para(text("below"))]);
    // Right under a line of text, dashes make that line a heading (CommonMark's setext heading).
    expect(parseMarkdown("above\n---\nbelow")).toEqual([
      { type: "heading", level: 2, children: [text("above")] },
      para(text("below")),
    ]);
  });

  it("tolerates CRLF and CR line endings", () => {
    const expected = [
      { type: "heading", level: 1, children: [text("Title")] },
      para(text("one\ntwo"), { type: "break" }, text("three")),
      { type: "codeBlock", lang: "", text: "x\ny" },
    ];
    expect(parseMarkdown("# Title\r\n\r\none\r\ntwo  \r\nthree\r\n\r\n```\r\nx\r\ny\r\n```\r\n")).toEqual(expected);
    expect(parseMarkdown("# Title\r\rone\rtwo  \rthree\r\r```\rx\ry\r```")).toEqual(expected);
  });

  it("reads very deep nesting as text instead of overflowing the stack", { timeout: 60_000 }, () => {
    const blocks = parseMarkdown(`${"> ".repeat(5_000)}deep`);
    expect(blocks).toHaveLength(1);
    expect(blocks[0]?.type).toBe("blockquote");
    let depth = 0;
    let block = blocks[0];
    while (block?.type === "blockquote") {
      depth += 1;
      block = block.children[0];
    }
    expect(depth).toBe(12);
    expect(block).toEqual(para(text("deep")));
  });

  it("parses a 100 KB document", { timeout: 120_000 }, () => {
    const chunk =
      "## Item *4*\n\nThe **board** noted `x` and [a link](https://example.org) <https://example.org>.\n" +
      "- one\n  - two\n1. three\n> quote\n\n```\ncode\n```\n---\n";
    const source = chunk.repeat(Math.ceil(100_000 / chunk.length));
    expect(source.length).toBeGreaterThanOrEqual(100_000);
    expect(parseMarkdown(source).length).toBeGreaterThan(1000);
  });

  it("parses 10 KB runs of hostile delimiters", { timeout: 120_000 }, () => {
    for (const unit of ["*", "**a ", "_a ", "[", "[](", "`", "<a:", "\\", "*[", "a]("]) {
      const blocks = parseMarkdown(unit.repeat(Math.ceil(10_000 / unit.length)));
      expect(blocks.length).toBeGreaterThan(0);
    }
  });
});

describe("markdown inlines", () => {
  it("reads bold, italic and inline code", () => {
    expect(inline("a **bold** b *it* c _it_ d `co*de*`")).toEqual([
      text("a "),
      { type: "strong", children: [text("bold")] },
      text(" b "),
      { type: "emphasis", children: [text("it")] },
      text(" c "),
      { type: "emphasis", children: [text("it")] },
      text(" d "),
      { type: "code", text: "co*de*" },
    ]);
    expect(inline("``a ` b``")).toEqual([{ type: "code", text: "a ` b" }]);
  });

  it("nests emphasis", () => {
    expect(inline("**bold *and italic***")).toEqual([
      { type: "strong", children: [text("bold "), { type: "emphasis", children: [text("and italic")] }] },
    ]);
    expect(inline("***both***")).toEqual([{ type: "emphasis", children: [{ type: "strong", children: [text("both")] }] }]);
  });

  it("leaves unclosed or misplaced emphasis as literal text", () => {
    expect(inline("**unclosed")).toEqual([text("**unclosed")]);
    expect(inline("a ** b")).toEqual([text("a ** b")]);
    expect(inline("**open *and more")).toEqual([text("**open *and more")]);
    expect(inline("snake_case_name and 2 * 3 * 4")).toEqual([text("snake_case_name and 2 * 3 * 4")]);
    expect(inline("`unclosed code")).toEqual([text("`unclosed code")]);
  });

  it("keeps a link's text and URL", () => {
    expect(inline("see [WHO **site**](https://www.who.int) now")).toEqual([
      text("see "),
      { type: "link", url: "https://www.who.int", children: [text("WHO "), { type: "strong", children: [text("site")] }] },
      text(" now"),
    ]);
    expect(inline('[a](<https://x.org/a b> "Title")')).toEqual([
      { type: "link", url: "https://x.org/a b", children: [text("a")] },
    ]);
    expect(inline("[wiki](https://en.wikipedia.org/wiki/Foo_(bar))")).toEqual([
      { type: "link", url: "https://en.wikipedia.org/wiki/Foo_(bar)", children: [text("wiki")] },
    ]);
  });

  it("leaves brackets that are not links as text", () => {
    expect(inline("[TBD] and [x] (y)")).toEqual([text("[TBD] and [x] (y)")]);
    expect(inline("*Action [Bob]: call*")).toEqual([{ type: "emphasis", children: [text("Action [Bob]: call")] }]);
    expect(inline("[outer [inner](u) more](v)")).toEqual([
      text("[outer "),
      { type: "link", url: "u", children: [text("inner")] },
      text(" more](v)"),
    ]);
  });

  it("reads autolinks", () => {
    expect(inline("at <https://example.org/a?b=1> today")).toEqual([
      text("at "),
      { type: "autolink", url: "https://example.org/a?b=1" },
      text(" today"),
    ]);
  });

  it("reads hard line breaks from two trailing spaces or a backslash", () => {
    expect(inline("one  \ntwo\\\nthree\nfour")).toEqual([
      text("one"),
      { type: "break" },
      text("two"),
      { type: "break" },
      text("three\nfour"),
    ]);
  });

  it("turns backslash escapes into literal characters", () => {
    expect(inline("\\*not italic\\* \\[x\\](y) \\`z\\` a\\b")).toEqual([text("*not italic* [x](y) `z` a\\b")]);
    expect(parseMarkdown("\\# not a heading")).toEqual([para(text("# not a heading"))]);
  });

  it("keeps HTML as plain text", () => {
    expect(parseMarkdown("<script>alert(1)</script>")).toEqual([para(text("<script>alert(1)</script>"))]);
    expect(parseMarkdown("<img src=x onerror=alert(1)>")).toEqual([para(text("<img src=x onerror=alert(1)>"))]);
    // An HTML block runs to the blank line, all of it text.
    expect(parseMarkdown("<div>\n*hi*\n</div>")).toEqual([para(text("<div>\n*hi*\n</div>"))]);
    // Inline HTML stays in the paragraph's text, beside real emphasis.
    expect(inline("a <b>*bold*</b> c")).toEqual([text("a <b>"), { type: "emphasis", children: [text("bold")] }, text("</b> c")]);
  });

  it("resolves reference links and shows images as their description and address", () => {
    expect(parseMarkdown("See [the report][r] and ![chart](c.png).\n\n[r]: https://x.org/r")).toEqual([
      para(
        text("See "),
        { type: "link", url: "https://x.org/r", children: [text("the report")] },
        text(" and "),
        { type: "link", url: "c.png", children: [text("chart")] },
        text("."),
      ),
    ]);
  });

  it("keeps javascript: URLs only as strings in the tree", () => {
    expect(inline("[click](javascript:alert(1)) <javascript:alert(2)>")).toEqual([
      { type: "link", url: "javascript:alert(1)", children: [text("click")] },
      text(" "),
      { type: "autolink", url: "javascript:alert(2)" },
    ]);
  });
});

describe("Markdown component", () => {
  it("renders blocks with headings below the page's own", () => {
    expect(bare(html("# A\n## B\n### C\n\n- x\n\n3. y\n\n> q\n\n```\n<b>\n```\n\n---"))).toBe(
      "<div>" +
        "<h4>A</h4><h5>B</h5><h6>C</h6>" +
        "<ul><li><p>x</p></li></ul>" +
        '<ol start="3"><li><p>y</p></li></ol>' +
        "<blockquote><p>q</p></blockquote>" +
        "<pre><code>&lt;b></code></pre>" +
        "<hr/>" +
        "</div>",
    );
  });

  it("renders HTML in the source as escaped text", () => {
    const out = html("<script>alert(1)</script> <img src=x onerror=alert(1)>");
    expect(out).toContain("&lt;script>alert(1)&lt;/script> &lt;img src=x onerror=alert(1)>");
    expect(out).not.toContain("<script");
    expect(out).not.toContain("<img");
  });

  it("shows links as text and address, never as anchors", () => {
    const out = html("[WHO site](https://www.who.int) <https://x.org> [bad](javascript:alert(1))");
    expect(out).not.toContain("<a");
    expect(out).not.toContain("href");
    expect(out.replace(/<[^>]*>/g, "")).toBe("WHO site (https://www.who.int) https://x.org bad (javascript:alert(1))");
  });

  it("adds no stray spaces between inline elements", () => {
    expect(bare(html("a**b**c*d*e`f`g  \nh"))).toBe("<div><p>a<strong>b</strong>c<em>d</em>e<code>f</code>g<br/>h</p></div>");
  });
});
