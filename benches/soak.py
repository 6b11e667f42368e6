"""Soak run (started by benches/soak.sh): one server under mixed load for DURATION seconds (uploads, reads of
batches and items, classify, reviews, sign-ins right and wrong), its resident memory sampled every 10 s. Memory is
flat when the mean of the last third of the samples is within 10 % (and 16 MiB) of the middle third's: the first
third is the warm-up. Prints the samples, the verdict and the answers by status; exit 1 on growth or on any 5xx."""

import argparse
import concurrent.futures
import json
import os
import random
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(__file__))
import ecclient as ec  # noqa: E402

PROJECT = "soak"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--bin", required=True)
    p.add_argument("--db", required=True)
    p.add_argument("--work", required=True)
    p.add_argument("--duration", type=int, default=1800)
    p.add_argument("--clients", type=int, default=8)
    a = p.parse_args()
    checks = ec.Checks()
    server = ec.Server(a.bin, a.db, os.path.join(a.work, "soak-server.log"),
                       env={"EQUIPCHECK_MAX_FAILED_LOGINS_PER_CLIENT": "1000000"})
    subprocess_user(a.bin, a.db, "soak-user")
    officer = ec.token(a.bin, a.db, "soak-officer", "officer", PROJECT)
    reviewer = ec.token(a.bin, a.db, "soak-reviewer", "reviewer", PROJECT)
    statuses, lock, stop = {}, threading.Lock(), threading.Event()
    batches = []

    def count(kind, status):
        with lock:
            statuses[(kind, status)] = statuses.get((kind, status), 0) + 1

    def one_step(n):
        kind = random.choices(["upload", "read", "items", "classify", "review", "sign_in", "wrong"],
                              [1, 6, 4, 6, 2, 1, 1])[0]
        if kind == "upload" or not batches:
            lines = [f"Tent model {n}-{i} 4 x 4" for i in range(random.randint(1, 200))]
            r = ec.request(server.base, "POST", "/api/v1/batches",
                           *upload_args(officer, f"soak-{n}.csv", ec.csv_of(lines)))
            if r.status == 201:
                with lock:
                    batches.append(r.json()["id"])
            return "upload", r.status
        batch = random.choice(batches[-50:])
        if kind == "read":
            return kind, ec.request(server.base, "GET", f"/api/v1/batches/{batch}", headers=ec.auth(officer)).status
        if kind == "items":
            return kind, ec.request(server.base, "GET", f"/api/v1/batches/{batch}/items?limit=100",
                                    headers=ec.auth(officer)).status
        if kind == "classify":
            body = json.dumps({"description": f"Night vision goggles Gen {n % 4}", "hs_code": "9005.10"})
            return kind, ec.request(server.base, "POST", "/api/v1/classify", body,
                                    dict(ec.auth(officer), **{"Content-Type": "application/json"})).status
        if kind == "review":
            items = ec.request(server.base, "GET", f"/api/v1/batches/{batch}/items?limit=5",
                               headers=ec.auth(reviewer)).json()["items"]
            pending = [i for i in items if i["review"]["status"] == "pending"]
            if not pending:
                return kind, 200
            body = json.dumps({"action": "approve", "version": pending[0]["version"],
                               "justification": "Checked against the specification sheet during the soak."})
            return kind, ec.request(server.base, "POST", f"/api/v1/items/{pending[0]['id']}/decisions", body,
                                    dict(ec.auth(reviewer), **{"Content-Type": "application/json"})).status
        password = ec.PASSWORD if kind == "sign_in" else "wrong guess"
        return kind, ec.sign_in_status(server.base, "soak-user", password)

    def client(c):
        n = c
        while not stop.is_set():
            n += a.clients
            try:
                count(*one_step(n))
            except Exception as e:  # noqa: BLE001 (counted and shown)
                count("error", type(e).__name__)

    samples = []
    started = time.time()
    with concurrent.futures.ThreadPoolExecutor(a.clients) as pool:
        for c in range(a.clients):
            pool.submit(client, c)
        while time.time() - started < a.duration:
            time.sleep(10)
            samples.append(server.rss_mib())
            print(f"     {time.time() - started:6.0f} s  RSS {samples[-1]:7.1f} MiB", flush=True)
        stop.set()
    server.stop()

    third = max(1, len(samples) // 3)
    middle, last = samples[third:2 * third], samples[2 * third:]
    mean = lambda xs: sum(xs) / max(1, len(xs))  # noqa: E731
    grew = mean(last) - mean(middle)
    answered = sum(statuses.values())
    by_kind = {}
    for (kind, status), k in sorted(statuses.items(), key=str):
        by_kind.setdefault(kind, []).append(f"{status}x{k}")
    for kind, parts in by_kind.items():
        print(f"     {kind:9} {' '.join(parts)}")
    print(f"     {answered} requests in {a.duration} s ({answered / a.duration:.0f}/s) from {a.clients} clients")
    checks.check(grew <= max(16.0, 0.10 * mean(middle)),
                 f"memory flat after warm-up: middle third {mean(middle):.1f} MiB, last third {mean(last):.1f} MiB "
                 f"({grew:+.1f} MiB); first {samples[0]:.1f}, peak {max(samples):.1f} MiB, {len(samples)} samples")
    errors = sum(k for (kind, status), k in statuses.items() if kind == "error" or (status >= 500))
    checks.check(errors == 0, f"no 5xx and no failed connection ({errors})")
    sys.exit(1 if checks.failed else 0)


def upload_args(token, name, data):
    body, content_type = ec.multipart(PROJECT, name, data)
    return body, dict(ec.auth(token), **{"Content-Type": content_type})


def subprocess_user(binary, db, name):
    import subprocess
    subprocess.run([binary, "user", "add", name, "--role", "officer", "--project", PROJECT, "--database-url", db],
                   input=ec.PASSWORD + "\n", text=True, check=True, capture_output=True)


if __name__ == "__main__":
    main()
