#!/usr/bin/env python3
"""Click → content painted, measured inside the window, on a data folder filled through the IPC.

usage: window_latency.py PLENARY_BIN [MEETINGS PEOPLE DOCS ASSIGNMENTS]
Env TEMPLATE: a data folder to copy and open (`cargo xtask decade DIR` writes a decade's); without
it, a fresh data folder is filled through the IPC (defaults 500 meetings over ten years, 2,000
people, 1,000 policy documents, 6,000 assignments). Then for each view it clicks its navigation
entry from page script and waits for its heading, no region marked aria-busy, plus two animation
frames; also opens meetings and people from their lists and types a search. Prints medians in ms,
measured from outside and by the window's own performance marks ("plenary: …" measures).
"""
import json, os, shutil, statistics, sys, tempfile, time
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from wd import App

binary = sys.argv[1]
M, P, D, A = (int(x) for x in (sys.argv[2:6] if len(sys.argv) >= 6 else (500, 2000, 1000, 6000)))

FILL = r"""
var done = arguments[arguments.length - 1];
var M = arguments[0], P = arguments[1], D = arguments[2], A = arguments[3];
var inv = window.__TAURI_INTERNALS__.invoke;
var bodies = ['world_health_assembly', 'wma_general_assembly', 'wma_council'];
var cities = [['Geneva','Switzerland','Europe/Zurich'], ['Helsinki','Finland','Europe/Helsinki'], ['Kigali','Rwanda','Africa/Kigali'],
              ['Seoul','South Korea','Asia/Seoul'], ['Montevideo','Uruguay','America/Montevideo'], ['Porto','Portugal','Europe/Lisbon']];
function pad(n) { return String(n).padStart(2, '0'); }
(async function() {
  var t0 = performance.now(), meetings = [], people = [];
  for (var i = 0; i < M; i++) {
    var y = 2017 + (i % 11), mo = 1 + (i % 12), d = 1 + (i % 20), c = cities[i % cities.length];
    var m = await inv('create_meeting', {draft: {body_id: bodies[i % 3], parent_id: '', ordinal: String(100 + i), title: 'Meeting ' + i + ' ' + c[0],
      city: c[0], country: c[1], venue: '', start_date: y + '-' + pad(mo) + '-' + pad(d), end_date: y + '-' + pad(mo) + '-' + pad(d + 3),
      time_zone: c[2], format: 'in_person', status: 'planned', registration_deadline: '', notes: 'Notes about health workforce and primary care ' + i}});
    meetings.push(m.id);
  }
  var langs = ['English', 'French', 'Spanish', 'Arabic', 'Portuguese'];
  for (var i = 0; i < P; i++) {
    var p = await inv('create_person', {draft: {kind: 'representative', full_name: 'Person ' + i + ' Surname' + (i * 7919 % 1000), honorifics: '',
      organization_id: null, title: '', email: 'p' + i + '@example.org', phone: '', expertise: i % 3 ? 'ethics' : 'public health',
      languages: langs[i % 5], home_time_zone: '', notes: '', hub_login: ''}});
    people.push(p.id);
  }
  var types = ['declaration', 'statement', 'resolution'];
  for (var i = 0; i < D; i++) {
    await inv('create_policy_document', {draft: {policy_type: types[i % 3], emergency: false, title: 'Policy ' + i + ' on topic ' + (i % 40),
      short_name: '', code: '', lead_committee: null, rapporteur: '', topics: 'topic' + (i % 40), summary: 'Summary ' + i, full_text: 'Text of policy ' + i,
      source_url: '', meeting_id: '', agenda_item_id: ''}});
  }
  var roles = ['delegate', 'adviser', 'observer', 'staff'];
  for (var i = 0; i < A; i++) {
    try {
      await inv('create_assignment', {draft: {meeting_id: meetings[i % meetings.length], person_id: people[(i * 31) % people.length], role: roles[i % 4],
        registration_submitted: '', registration_submitted_on: '', badge: null, arrival: '', departure: '', hotel: '', travel_notes: '',
        attended_sessions: '', notes: ''}, status: 'proposed'});
    } catch (e) {}
  }
  done(JSON.stringify({seconds: (performance.now() - t0) / 1000, meetings: meetings.length, people: people.length}));
})().catch(e => done(JSON.stringify({error: String(e && e.message || JSON.stringify(e))})));
"""

CLICK = r"""
var done = arguments[arguments.length - 1], label = arguments[0];
var nav = Array.from(document.querySelectorAll('nav button, nav a')).find(b => b.textContent.trim().startsWith(label));
var t0 = performance.now();
nav.click();
(function wait() {
  var h = document.querySelector('h1');
  if (h && h.textContent.trim().startsWith(label) && !document.querySelector('[aria-busy="true"]')) {
    requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now() - t0)));
  } else { setTimeout(wait, 1); }
})();
"""

# Opens the i-th row (of those matching a pattern) in the list; waits for the detail's heading.
OPEN_ROW = r"""
var done = arguments[arguments.length - 1], i = arguments[0], pattern = new RegExp(arguments[1]), heading = arguments[2];
var rows = Array.from(document.querySelectorAll('main .row')).filter(b => pattern.test(b.textContent));
var row = rows[i % rows.length]; var title = row.querySelector('.row-title').textContent.trim();
var t0 = performance.now(); row.click();
(function wait() {
  var h = document.getElementById(heading);
  if (h && h.textContent.trim() === title && !document.querySelector('[aria-busy="true"]'))
    requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now() - t0)));
  else setTimeout(wait, 1);
})();
"""


# One keystroke in the search box: the text grows by a letter, the results for it are painted.
KEYSTROKE = r"""
var done = arguments[arguments.length - 1], text = arguments[0];
var input = document.getElementById('search-text');
var t0 = performance.now();
input.value = text; input.dispatchEvent(new Event('input', {bubbles: true}));
(function wait() {
  var results = document.getElementById('search-results');
  var answered = results && (results.querySelector('[role=option]') || /Nothing matches/.test(results.textContent));
  // The window says which text its results are for; without that, the first highlight tells.
  var mark = results && results.querySelector('mark');
  var forText = results && (results.dataset.searched !== undefined ? results.dataset.searched === text
    : (mark ? mark.textContent.toLowerCase().startsWith(text) : results.textContent.includes(text)));
  if (answered && forText)
    requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now() - t0)));
  else if (performance.now() - t0 > 5000) done(NaN);
  else setTimeout(wait, 1);
})();
"""

MARKS = r"""
var out = {};
performance.getEntriesByType('measure').filter(m => m.name.startsWith('plenary: ')).forEach(m => {
  (out[m.name.slice(9)] = out[m.name.slice(9)] || []).push(m.duration);
});
return out;
"""

data = None
if os.environ.get("TEMPLATE"):
    data = tempfile.mkdtemp(prefix="plenary-bench-")
    shutil.copytree(os.environ["TEMPLATE"], data, dirs_exist_ok=True)
app = App(binary, data_dir=data)
try:
    app.start(); app.wait("//h1", 30)
    if not data:
        r = json.loads(app.s("POST", "/execute/async", {"script": FILL, "args": [M, P, D, A]}))
        print("filled:", r)
    views = ["Meetings", "Policy", "Delegations", "People", "Organizations", "My assignments", "Settings", "Dashboard"]
    res = {v: [] for v in views}
    for _ in range(5):
        for v in views:
            res[v].append(app.s("POST", "/execute/async", {"script": CLICK, "args": [v]}))
    for v in views:
        print(f"{v:15} click → painted median {statistics.median(res[v]):6.1f} ms (max {max(res[v]):.1f})")
    app.s("POST", "/execute/async", {"script": CLICK, "args": ["Meetings"]})
    opens = [app.s("POST", "/execute/async", {"script": OPEN_ROW, "args": [i * 7, r"Meeting \d+", "meeting-detail-title"]}) for i in range(10)]
    print(f"open a meeting from the list: median {statistics.median(opens):.1f} ms (max {max(opens):.1f})")
    app.s("POST", "/execute/async", {"script": CLICK, "args": ["People"]})
    people = [app.s("POST", "/execute/async", {"script": OPEN_ROW, "args": [i * 7, r"Person \d+", "person-detail-title"]}) for i in range(10)]
    print(f"open a person from the list: median {statistics.median(people):.1f} ms (max {max(people):.1f})")
    app.click(app.button("Search"))
    app.wait("//input[@id='search-text']")
    keys = []
    for word in ["health", "workforce", "geneva"]:
        for n in range(1, len(word) + 1):
            keys.append(app.s("POST", "/execute/async", {"script": KEYSTROKE, "args": [word[:n]]}))
    keys = [k for k in keys if k == k]
    print(f"search keystroke → results painted: median {statistics.median(keys):.1f} ms (max {max(keys):.1f}) over {len(keys)}")
    marks = app.js(MARKS)
    if marks:
        print("the window's own marks (plenary: …):")
        for name in sorted(marks):
            print(f"  {name:25} median {statistics.median(marks[name]):6.1f} ms over {len(marks[name])}")
finally:
    app.close()
