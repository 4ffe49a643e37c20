// The desktop the window runs on, for what differs by platform in the look (the interface font).

export type Platform = "macos" | "windows" | "linux";

/** The platform a web view's user agent names (WKWebView, WebView2, WebKitGTK). */
export function platformOf(userAgent: string): Platform {
  if (/Macintosh|Mac OS X/.test(userAgent)) return "macos";
  if (/Windows/.test(userAgent)) return "windows";
  return "linux";
}
