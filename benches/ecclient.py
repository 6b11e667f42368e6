"""A small HTTP client of equipcheck for the bench scripts (standard library only): requests with retries across a
killed instance, sign-in, uploads, reviews, and PASS/FAIL bookkeeping. Only ever talks to loopback addresses."""

import http.client
import itertools
import json
import time
import urllib.parse
import uuid

PASSWORD = "a long passphrase for the bench"


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    def json(self):
        return json.loads(self.body.decode() or "null")

    def header(self, name):
        for key, value in self.headers:
            if key.lower() == name.lower():
                return value
        return None

    def cookies(self):
        return [v.split(";")[0] for k, v in self.headers if k.lower() == "set-cookie"]


# Loopback addresses requests come from, in turn: the API rate limit counts per client address, and the scripts'
# ordinary traffic stands for many clients (`source=` names one client instead).
SOURCES = itertools.cycle([f"127.0.1.{i}" for i in range(1, 41)])


def request(base, method, path, body=None, headers=None, timeout=60, source=None):
    """One request; raises OSError / http.client.HTTPException when the connection fails."""
    url = urllib.parse.urlsplit(base)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=timeout,
                                      source_address=(source or next(SOURCES), 0))
    try:
        conn.request(method, path, body=body, headers=headers or {})
        r = conn.getresponse()
        return Response(r.status, r.getheaders(), r.read())
    finally:
        conn.close()


# Answers worth retrying: the load balancer found no live instance or lost the connection to one (502, 503 from a
# draining pool, 504), or the instance itself said "later" (503 database faults, 429 too_busy).
RETRYABLE = {429, 502, 503, 504}


def retrying(base, method, path, body=None, headers=None, attempts=30, counters=None):
    """A request retried on connection failures and retryable answers (an idempotent request only)."""
    last = None
    for attempt in range(attempts):
        try:
            r = request(base, method, path, body, headers)
            if r.status not in RETRYABLE:
                return r
            last = f"HTTP {r.status}"
        except (OSError, http.client.HTTPException) as e:
            last = repr(e)
        if counters is not None:
            counters["retries"] = counters.get("retries", 0) + 1
        time.sleep(min(0.1 * (attempt + 1), 1.0))
    raise RuntimeError(f"{method} {path}: no answer after {attempts} attempts ({last})")


def auth(token):
    return {"Authorization": f"Bearer {token}"}


def sign_in(base, name, password=PASSWORD):
    """A token for a local account (through the API); the Response when refused."""
    body = json.dumps({"name": name, "password": password})
    r = retrying(base, "POST", "/auth/login", body, {"Content-Type": "application/json"})
    return r.json()["access_token"] if r.status == 200 else r


def sign_in_status(base, name, password):
    body = json.dumps({"name": name, "password": password})
    return request(base, "POST", "/auth/login", body, {"Content-Type": "application/json"}).status


def multipart(project, file_name, data):
    boundary = uuid.uuid4().hex
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="project"\r\n\r\n{project}\r\n'.encode(),
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{file_name}"\r\n'
        f"Content-Type: text/csv\r\n\r\n".encode(),
        data,
        f"\r\n--{boundary}--\r\n".encode(),
    ]
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def upload(base, token, project, file_name, data, counters=None):
    """Uploads a file until an instance acknowledges it (201 new, 200 the same file already stored): the response."""
    body, content_type = multipart(project, file_name, data)
    headers = dict(auth(token), **{"Content-Type": content_type})
    return retrying(base, "POST", "/api/v1/batches", body, headers, counters=counters)


def csv_of(lines):
    return ("Description,Quantity\n" + "".join(f"{line},1\n" for line in lines)).encode()


def items_of(base, token, batch):
    r = retrying(base, "GET", f"/api/v1/batches/{batch}/items?limit=500", headers=auth(token))
    body = r.json()
    return body["items"] if isinstance(body, dict) else body


def approve(base, token, item_id, counters=None):
    """Approves an item, retrying across failures; 'approved', 'refused:<code>' or 'conflict'. A retry whose first
    attempt did land meets a newer version (409): the item is then read to tell whether it is approved."""
    for _ in range(30):
        item = retrying(base, "GET", f"/api/v1/items/{item_id}", headers=auth(token), counters=counters).json()
        if item["review"]["status"] == "approved":
            return "approved"
        body = json.dumps({
            "action": "approve",
            "justification": "Checked against the specification sheet by the bench reviewer.",
            "version": item["version"],
        })
        headers = dict(auth(token), **{"Content-Type": "application/json"})
        try:
            r = request(base, "POST", f"/api/v1/items/{item_id}/decisions", body, headers)
        except (OSError, http.client.HTTPException):
            if counters is not None:
                counters["retries"] = counters.get("retries", 0) + 1
            time.sleep(0.2)
            continue
        if r.status in (200, 201):
            return "approved"
        if r.status in RETRYABLE or r.status == 409:
            time.sleep(0.2)
            continue
        return f"refused:{r.json().get('code')}"
    return "conflict"


class Checks:
    """PASS/FAIL lines; `failed` tells the exit code."""

    def __init__(self):
        self.failed = 0

    def check(self, ok, what, detail=""):
        print(f"{'PASS' if ok else 'FAIL'} {what}{(': ' + detail) if detail else ''}", flush=True)
        if not ok:
            self.failed += 1
        return ok


class Server:
    """One `equipcheck serve` on a free loopback port, started and stopped (or killed) by the script."""

    def __init__(self, binary, database_url, log_path, env=None):
        import socket
        import subprocess
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        self.port = s.getsockname()[1]
        s.close()
        self.base = f"http://127.0.0.1:{self.port}"
        environment = dict(os_environ(), RUST_LOG="warn", EQUIPCHECK_DATABASE_URL=database_url,
                           EQUIPCHECK_BIND=f"127.0.0.1:{self.port}", EQUIPCHECK_RATE_LIMIT="0", **(env or {}))
        self.log = open(log_path, "ab")
        self.process = subprocess.Popen([binary, "serve"], env=environment, stdout=self.log, stderr=self.log)
        for _ in range(600):
            if self.process.poll() is not None:
                raise RuntimeError(f"the server stopped at start-up; see {log_path}")
            try:
                if request(self.base, "GET", "/ready", timeout=2, source="127.0.0.1").status == 200:
                    return
            except (OSError, http.client.HTTPException):
                pass
            time.sleep(0.1)
        raise RuntimeError(f"the server did not become ready; see {log_path}")

    def rss_mib(self):
        with open(f"/proc/{self.process.pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        return 0.0

    def kill9(self):
        self.process.kill()
        self.process.wait()
        self.log.close()

    def stop(self):
        self.process.terminate()
        self.process.wait()
        self.log.close()


def os_environ():
    import os
    return os.environ


def token(binary, database_url, sub, role, project):
    """A token signed with the server's key (`equipcheck token`)."""
    import subprocess
    out = subprocess.run([binary, "token", "--sub", sub, "--role", role, "--project", project, "--ttl", "2h",
                          "--database-url", database_url], check=True, capture_output=True, text=True)
    return out.stdout.strip()


def query(database_url, sql):
    """Rows of a SQL query on the SQLite file or PostgreSQL database of `database_url`, as lists of text."""
    import subprocess
    if database_url.startswith("sqlite:"):
        path = database_url.split("://", 1)[-1] if "://" in database_url else database_url[len("sqlite:"):]
        out = subprocess.run(["sqlite3", "-separator", "|", path, sql], check=True, capture_output=True, text=True)
    else:
        out = subprocess.run(["psql", database_url, "-tAc", sql], check=True, capture_output=True, text=True)
    return [line.split("|") for line in out.stdout.splitlines() if line]


def audit_verifies(binary, database_url):
    """(intact, last line of `equipcheck audit verify`)."""
    import subprocess
    r = subprocess.run([binary, "audit", "verify", "--database-url", database_url], capture_output=True, text=True)
    said = (r.stdout.strip() or r.stderr.strip()).splitlines()
    return r.returncode == 0, said[-1] if said else ""
