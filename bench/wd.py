"""Minimal WebDriver client and app harness for driving the Plenary window as a person would.

Starts Xvfb and tauri-driver, opens a session on the app binary with a fresh data folder, and
finds things by what a person sees: labels, button text, headings. Standard library only.
"""
import base64, http.client, json, os, shutil, socket, subprocess, tempfile, time, urllib.request, urllib.error

ELEMENT = "element-6066-11e4-a52e-4f735466cecf"


def _free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close(); return p


class App:
    def __init__(self, binary, data_dir=None, display=None):
        self.binary = binary
        self.data_dir = data_dir or tempfile.mkdtemp(prefix="plenary-acc-")
        self.procs = []
        self.display = display or os.environ.get("DISPLAY")
        if not self.display:
            num = 90 + (os.getpid() % 50)
            self.display = f":{num}"
            self.procs.append(subprocess.Popen(["Xvfb", self.display, "-screen", "0", "1400x900x24"],
                                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
            time.sleep(1)
        self.port = _free_port()
        env = dict(os.environ, DISPLAY=self.display, PLENARY_DATA_DIR=self.data_dir)
        driver = os.environ.get("TAURI_DRIVER") or "tauri-driver"
        self.procs.append(subprocess.Popen([driver, "--port", str(self.port),
                                            "--native-port", str(_free_port())], env=env,
                                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        for _ in range(100):
            try:
                self._req("GET", "/status"); break
            except Exception:
                time.sleep(0.1)
        self.sid = None

    def _req(self, method, path, body=None, timeout=60):
        data = json.dumps(body).encode() if body is not None else None
        r = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", method=method, data=data,
                                   headers={"Content-Type": "application/json"})
        for attempt in range(4):
            try:
                return json.load(urllib.request.urlopen(r, timeout=timeout))
            except urllib.error.HTTPError as e:
                raise RuntimeError(f"{method} {path}: {e.read().decode()[:300]}")
            except (ConnectionResetError, http.client.RemoteDisconnected):
                # tauri-driver now and then drops a kept-alive connection to WebKitWebDriver;
                # the session itself goes on, so the request is sent again.
                if attempt == 3:
                    raise
                time.sleep(0.3)

    def start(self, args=()):
        t = time.time()
        caps = {"capabilities": {"alwaysMatch": {"tauri:options": {
            "application": self.binary, "args": ["--data-dir", self.data_dir, *args]}}}}
        self.sid = self._req("POST", "/session", caps)["value"]["sessionId"]
        return time.time() - t

    def stop(self):
        if self.sid:
            try: self._req("DELETE", f"/session/{self.sid}")
            except Exception: pass
            self.sid = None

    def close(self, keep_data=False):
        self.stop()
        for p in reversed(self.procs):
            p.terminate()
            try: p.wait(5)
            except Exception: p.kill()
        if not keep_data:
            shutil.rmtree(self.data_dir, ignore_errors=True)

    # --- session verbs
    def s(self, method, path, body=None):
        return self._req(method, f"/session/{self.sid}{path}", body)["value"]

    def js(self, script, *args):
        return self.s("POST", "/execute/sync", {"script": script, "args": list(args)})

    def find_all(self, xpath):
        return [list(e.values())[0] for e in self.s("POST", "/elements", {"using": "xpath", "value": xpath})]

    def wait(self, xpath, timeout=10):
        end = time.time() + timeout
        while time.time() < end:
            els = self.find_all(xpath)
            if els: return els[0]
            time.sleep(0.2)
        raise AssertionError(f"not found within {timeout}s: {xpath}")

    def text(self, el=None):
        if el is None:
            return self.js("return document.body.innerText")
        return self.s("GET", f"/element/{el}/text")

    def click(self, el):
        self.s("POST", f"/element/{el}/click", {})

    def type(self, el, value, clear=True):
        if clear:
            self.s("POST", f"/element/{el}/clear", {})
        self.s("POST", f"/element/{el}/value", {"text": value})

    def screenshot(self, path):
        open(path, "wb").write(base64.b64decode(self.s("GET", "/screenshot")))

    # --- by what a person sees
    def field(self, label):
        """An input, select or textarea by its label text or aria-label (case-insensitive prefix)."""
        lo = "translate(normalize-space(%s),'ABCDEFGHIJKLMNOPQRSTUVWXYZ','abcdefghijklmnopqrstuvwxyz')"
        l = label.lower()
        xp = (f"//label[starts-with({lo % '.'},'{l}')]//*[self::input or self::select or self::textarea]"
              f" | //*[self::input or self::select or self::textarea][@id=//label[starts-with({lo % '.'},'{l}')]/@for]"
              f" | //*[self::input or self::select or self::textarea][starts-with({lo % '@aria-label'},'{l}')]")
        return self.wait(xp)

    def button(self, text):
        lo = "translate(normalize-space(%s),'ABCDEFGHIJKLMNOPQRSTUVWXYZ','abcdefghijklmnopqrstuvwxyz')"
        t = text.lower()
        return self.wait(f"//*[self::button or @role='button' or self::a][contains({lo % '.'},'{t}') or contains({lo % '@aria-label'},'{t}')]")

    def see(self, words, timeout=10):
        end = time.time() + timeout
        while time.time() < end:
            if words.lower() in self.text().lower(): return True
            time.sleep(0.2)
        raise AssertionError(f"did not see {words!r}")
