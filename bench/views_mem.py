#!/usr/bin/env python3
"""Memory of Plenary after visiting every view, beside a hello-world Tauri app at idle.

usage: views_mem.py PLENARY_BIN HELLO_BIN [ROUNDS]   (env TEMPLATE: a data folder copied per launch)
"""
import os, shutil, statistics, sys, tempfile, time
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from startup_mem import app_pid, pss_kb, tree, one
from wd import App

# The dashboard's content (the heading of its last card, drawn with the board).
FIRST_TEXT = os.environ.get("FIRST_TEXT", "Drafts from meetings that have ended")
VIEWS = ["Meetings", "Policy", "Delegations", "People", "Organizations", "My assignments", "Settings", "Dashboard"]


def visit_all(binary):
    data = None
    if os.environ.get("TEMPLATE"):
        data = tempfile.mkdtemp(prefix="plenary-bench-"); shutil.copytree(os.environ["TEMPLATE"], data, dirs_exist_ok=True)
    app = App(binary, data_dir=data)
    try:
        app.start(); app.see(FIRST_TEXT, 30)
        t0 = time.time()
        for v in VIEWS:
            el = app.wait(f"//nav//*[self::button or self::a][starts-with(normalize-space(.),'{v}')]")
            app.click(el); app.wait(f"//h1[starts-with(normalize-space(.),'{v}')]", 10)
        t = time.time() - t0
        time.sleep(3)
        return t, pss_kb(tree(app_pid(binary))) / 1024
    finally:
        app.close()


if __name__ == "__main__":
    p, h = sys.argv[1], sys.argv[2]
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    pv, hv, tv = [], [], []
    for _ in range(rounds):
        t, m = visit_all(p); pv.append(m); tv.append(t)
        hv.append(one(h, "ready")[1])
    print(f"plenary after visiting {len(VIEWS)} views: PSS median {statistics.median(pv):.0f} MiB; 8 view switches median {statistics.median(tv):.2f}s")
    print(f"hello idle: PSS median {statistics.median(hv):.0f} MiB; ratio {statistics.median(pv)/statistics.median(hv):.2f}")
