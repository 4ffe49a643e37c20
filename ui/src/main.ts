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

const target = document.getElementById("app");
if (!target) throw new Error("index.html has no #app element");

// The first screen's data is asked for before anything is drawn, in one round trip, so the
// first frame shows the dashboard's content instead of an empty frame that fills in request by
// request. Should the answer be slow, the window is drawn after a short wait and fills in then.
// Timing marks for the start (read in WebKit's inspector or by the benchmarks).
performance.mark("plenary: script run");
const pending = api.firstScreen();
pending.then(
  () => performance.mark("plenary: first screen answered"),
  () => {},
);
const waited = new Promise<null>((resolve) => setTimeout(() => resolve(null), 400));
const app = Promise.race([pending.catch(() => null), waited]).then((value: FirstScreen | null) => {
  const mounted = mount(App, { target, props: { start: { value, pending } } });
  performance.mark("plenary: first screen mounted");
  return mounted;
});
export default app;
