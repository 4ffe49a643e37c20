#!/usr/bin/env python3
"""Startup and memory of two Tauri apps, side by side in one run (A B A B ...).

usage: startup_mem.py BIN_A TEXT_A BIN_B TEXT_B [ROUNDS]
(`cargo xtask bench window` runs it with Plenary as A, waiting for the dashboard's content, and the
empty app in bench/hello as B.)
Env TEMPLATE_A / TEMPLATE_B: a data folder copied afresh for each launch (an existing user's data).
For each launch on a fresh data folder: seconds until the window shows TEXT (WebDriver session +
first matching text), then the proportional set size (PSS) of the app's whole process tree
(app + WebKit processes) after 3 s idle. Prints medians and the A/B ratios.
"""
import os, statistics, sys, time
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from wd import App


def children(pid):
    out = []
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                if int(open(f"/proc/{d}/stat").read().split(") ")[1].split()[1]) == pid:
                    out.append(int(d))
            except Exception:
                pass
    return out


def tree(pid):
    todo, seen = [pid], []
    while todo:
        p = todo.pop(); seen.append(p); todo += children(p)
    return seen


def pss_kb(pids):
    total = 0
    for p in pids:
        try:
            for line in open(f"/proc/{p}/smaps_rollup"):
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
        except Exception:
            pass
    return total


def app_pid(binary):
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                if os.readlink(f"/proc/{d}/exe") == os.path.realpath(binary):
                    return int(d)
            except Exception:
                pass


def one(binary, text, template=None):
    data = None
    if template:
        import tempfile, shutil
        data = tempfile.mkdtemp(prefix="plenary-bench-")
        shutil.copytree(template, data, dirs_exist_ok=True)
    app = App(binary, data_dir=data)
    try:
        t0 = time.time(); app.start(); app.see(text, timeout=30); t = time.time() - t0
        time.sleep(3)
        pid = app_pid(binary)
        return t, pss_kb(tree(pid)) / 1024 if pid else float("nan")
    finally:
        app.close()


def main():
    a, ta, b, tb = sys.argv[1:5]
    rounds = int(sys.argv[5]) if len(sys.argv) > 5 else 5
    res = {"A": [], "B": []}
    for _ in range(rounds):
        res["A"].append(one(a, ta, os.environ.get("TEMPLATE_A"))); res["B"].append(one(b, tb, os.environ.get("TEMPLATE_B")))
    for k, name in (("A", a), ("B", b)):
        ts = [x[0] for x in res[k]]; ms = [x[1] for x in res[k]]
        print(f"{k} {os.path.basename(name)}: start median {statistics.median(ts):.3f}s (min {min(ts):.3f}, max {max(ts):.3f}); PSS median {statistics.median(ms):.0f} MiB")
    rt = [x[0] / y[0] for x, y in zip(res["A"], res["B"])]
    rm = [x[1] / y[1] for x, y in zip(res["A"], res["B"])]
    print(f"A/B start ratio median {statistics.median(rt):.2f}; PSS ratio median {statistics.median(rm):.2f}")


if __name__ == "__main__":
    main()
