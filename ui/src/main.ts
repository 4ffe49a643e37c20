import { mount } from "svelte";
import App from "./App.svelte";
import "./app.css";
import { api } from "./lib/api";
import type { FirstScreen } from "./lib/bindings";
import { platformOf } from "./lib/platform";
import { followTheme } from "./lib/theme";

followTheme();
// Before anything is laid out: the interface font depends on it (app.css).
document.documentElement.dataset.platform = platformOf(navigator.userAgent);

const root = document.getElementById("app");
if (!root) throw new Error("index.html has no #app element");
const target: HTMLElement = root;

// The first screen's data normally comes with the page: the shell writes it into index.html as
// a JSON data block (src-tauri/src/start.rs), read afresh on every load, so the first frame
// shows the dashboard's content. Otherwise (the folder was still opening) it is asked for in
// one round trip before anything is drawn; should the answer be slow, the window is drawn after
// a short wait and fills in then.
// Timing marks for the start (read in WebKit's inspector or by the benchmarks).
performance.mark("plenary: script run");
const given = firstScreenGiven();
const app = given ? Promise.resolve(start({ value: given, pending: Promise.resolve(given) })) : askForFirstScreen();
export default app;

function firstScreenGiven(): FirstScreen | null {
  const block = document.getElementById("plenary-first-screen");
  // Read once and taken out: the page's text is only what it shows.
  block?.remove();
  const text = block?.textContent;
  if (!text) return null;
  try {
    const screen = JSON.parse(text) as FirstScreen;
    performance.mark("plenary: first screen given");
    return screen;
  } catch {
    return null;
  }
}

function askForFirstScreen() {
  const pending = api.firstScreen();
  pending.then(
    () => performance.mark("plenary: first screen answered"),
    () => {},
  );
  const waited = new Promise<null>((resolve) => setTimeout(() => resolve(null), 400));
  return Promise.race([pending.catch(() => null), waited]).then((value: FirstScreen | null) => start({ value, pending }));
}

function start(first: { value: FirstScreen | null; pending: Promise<FirstScreen> }) {
  const mounted = mount(App, { target, props: { start: first } });
  performance.mark("plenary: first screen mounted");
  return mounted;
}
