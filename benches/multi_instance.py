"""Drives three equipcheck instances behind a load balancer (started by benches/multi_instance.sh): uploads,
reviews and sign-ins through the balancer, kill -9 of one instance midway, then checks what held. Prints PASS/FAIL
lines; exit code 1 when anything failed."""

import argparse
import concurrent.futures
import os
import signal
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(__file__))
import ecclient as ec  # noqa: E402

PROJECT = "multi"


def psql(db, sql):
    out = subprocess.run(["psql", db, "-tAc", sql], check=True, capture_output=True, text=True).stdout
    return [line.split("|") for line in out.splitlines() if line]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--lb", required=True)
    p.add_argument("--instances", required=True, help="comma-separated base URLs")
    p.add_argument("--pids", required=True, help="comma-separated pids, same order")
    p.add_argument("--db", required=True)
    p.add_argument("--bin", required=True)
    p.add_argument("--uploads", type=int, default=60)
    p.add_argument("--rate-limit", type=int, default=600)
    a = p.parse_args()
    instances, pids = a.instances.split(","), [int(x) for x in a.pids.split(",")]
    checks, counters, lb = ec.Checks(), {}, a.lb
    started = time.time()

    officer = ec.sign_in(lb, "olga")
    reviewers = [ec.sign_in(lb, "rita"), ec.sign_in(lb, "ravi")]
    checks.check(all(isinstance(t, str) for t in [officer, *reviewers]), "sign-ins through the load balancer")

    # Uploads from 4 threads; instance 2 is killed with kill -9 once a third of them are acknowledged.
    acknowledged, lock = {}, threading.Lock()
    killed = threading.Event()

    def one_upload(i):
        name = f"sheet-{i:03}.csv"
        data = ec.csv_of([f"Tent model {i} 4 x 4", f"Office chair {i}", f"Sleeping bag {i}"])
        r = ec.upload(lb, officer, PROJECT, name, data, counters)
        with lock:
            acknowledged[name] = (r.status, r.json().get("id"))
            if len(acknowledged) >= a.uploads // 3 and not killed.is_set():
                killed.set()
                os.kill(pids[1], signal.SIGKILL)
                print(f"     killed instance 2 (pid {pids[1]}) with kill -9 after {len(acknowledged)} uploads",
                      flush=True)
        return name

    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        list(pool.map(one_upload, range(a.uploads)))
    checks.check(killed.is_set(), "an instance was killed during the uploads")
    statuses = sorted({s for s, _ in acknowledged.values()})
    checks.check(len(acknowledged) == a.uploads and all(b for _, b in acknowledged.values()),
                 f"every upload acknowledged ({len(acknowledged)} of {a.uploads}, answers {statuses}, "
                 f"{counters.get('retries', 0)} retries)")

    # Nothing lost, nothing twice: one batch per file, the acknowledged one.
    rows = psql(a.db, f"SELECT file_name, id, item_count FROM batches WHERE project_id = '{PROJECT}'")
    by_name = {}
    for name, batch, count in rows:
        by_name.setdefault(name, []).append((batch, int(count)))
    twice = [n for n, b in by_name.items() if len(b) > 1]
    lost = [n for n, (_, b) in acknowledged.items() if [x for x, _ in by_name.get(n, [])] != [b]]
    checks.check(not twice and not lost and len(by_name) == a.uploads,
                 f"each acknowledged upload stored exactly once ({len(by_name)} batches; twice {twice}, lost {lost})")
    checks.check(all(c == 3 for b in by_name.values() for _, c in b), "each batch holds all its items (3)")

    # Idempotent retries: the same files again answer 200 with the stored batch.
    again = [ec.upload(lb, officer, PROJECT, n, ec.csv_of([f"Tent model {i} 4 x 4", f"Office chair {i}",
                                                          f"Sleeping bag {i}"]))
             for i, n in [(i, f"sheet-{i:03}.csv") for i in range(5)]]
    checks.check(all(r.status == 200 and r.json()["id"] == acknowledged[f"sheet-{i:03}.csv"][1]
                     for i, r in enumerate(again)), "a retried upload answers the stored batch (200)")

    # Reviews: every item of the first 20 batches approved by a reviewer other than the uploader, two reviewers
    # racing on the same items through the balancer.
    items = [it["id"] for n in sorted(acknowledged)[:20] for it in ec.items_of(lb, officer, acknowledged[n][1])]

    def review(pair):
        item_id, k = pair
        return ec.approve(lb, reviewers[k % 2], item_id, counters)

    with concurrent.futures.ThreadPoolExecutor(6) as pool:
        outcomes = list(pool.map(review, [(i, k) for i in items for k in (0, 1)]))
    done = sum(o == "approved" for o in outcomes)
    refused = sorted({o for o in outcomes if o != "approved"})
    checks.check(done == len(outcomes), f"reviews: {len(items)} items approved ({done} of {len(outcomes)} "
                 f"attempts saw them approved; other answers {refused})")
    approvals = psql(a.db, f"SELECT entity_id, count(*) FROM audit_log WHERE action = 'approve' AND "
                           f"outcome = 'done' AND entity_type = 'item' AND entity_id IN "
                           f"({','.join(repr(str(i)) for i in items)}) GROUP BY entity_id")
    counts = {e: int(c) for e, c in approvals}
    checks.check(len(counts) == len(items) and all(c == 1 for c in counts.values()),
                 f"each item approved exactly once in the audit trail ({len(counts)} items, "
                 f"max {max(counts.values(), default=0)} approvals)")

    # Sessions across instances: a token and a browser session from instance 1 work on instance 3.
    token = ec.sign_in(instances[0], "olga")
    r = ec.request(instances[2], "GET", f"/api/v1/batches?project={PROJECT}", headers=ec.auth(token))
    checks.check(r.status == 200, "a token issued by instance 1 is accepted by instance 3", f"HTTP {r.status}")
    cookie = web_sign_in(instances[0], "olga")
    r = ec.request(instances[2], "GET", "/batches", headers={"Cookie": cookie})
    checks.check(r.status == 200, "a browser session from instance 1 opens pages on instance 3", f"HTTP {r.status}")
    page = r.body.decode()
    at = page.index('name="csrf" value="') + 19
    r = ec.request(instances[2], "POST", "/logout", f"csrf={page[at:page.index(chr(34), at)]}",
                   {"Cookie": cookie, "Origin": instances[2], "Content-Type": "application/x-www-form-urlencoded"})
    r = ec.request(instances[0], "GET", "/batches", headers={"Cookie": cookie})
    checks.check(r.status in (303, 401), "signing out on instance 3 ends the session on instance 1",
                 f"HTTP {r.status}")

    # The sign-in throttle is shared: 10 failures through the balancer (spread over the live instances) lock
    # the account on each instance.
    statuses = [ec.sign_in_status(lb, "amina", "wrong guess") for _ in range(10)]
    after = [ec.sign_in_status(url, "amina", ec.PASSWORD) for i, url in enumerate(instances) if i != 1]
    checks.check(statuses.count(401) == 10 and after == [429, 429],
                 f"sign-in throttle shared (10 failures -> {sorted(set(statuses))}; then right password on "
                 f"instances 1 and 3 -> {after})")

    # The API rate limit is shared: one client gets at most the limit in a minute, however the balancer spreads its
    # requests over the instances.
    limit = a.rate_limit
    if time.time() % 60 > 40:
        time.sleep(61 - time.time() % 60)
    answers = [ec.request(lb, "GET", "/api/v1/projects", headers=ec.auth(officer), source="127.0.0.9").status
               for _ in range(limit + 60)]
    ok = answers.count(200)
    checks.check(limit - 3 * (limit // 50) <= ok <= limit and answers.count(429) == len(answers) - ok,
                 f"API rate limit shared ({ok} of {len(answers)} requests admitted at {limit}/min over 2 live "
                 f"instances, the rest 429)")

    # The audit chain verifies.
    verify = subprocess.run([a.bin, "audit", "verify", "--database-url", a.db], capture_output=True, text=True)
    checks.check(verify.returncode == 0, "audit chain verifies", verify.stdout.strip().splitlines()[-1]
                 if verify.stdout.strip() else verify.stderr.strip())

    # Periodic work queued once (not per instance).
    queued = psql(a.db, "SELECT count(*) FROM jobs WHERE kind = 'prune_limits' AND state = 'queued'")
    checks.check(int(queued[0][0]) == 1, f"periodic prune queued once for 3 instances ({queued[0][0]})")
    print(f"     {time.time() - started:.1f} s; {counters.get('retries', 0)} client retries in all")
    sys.exit(1 if checks.failed else 0)


def web_sign_in(base, name):
    form = ec.request(base, "GET", "/login")
    nonce = [c for c in form.cookies() if c.startswith("equipcheck_signin=")][0]
    html = form.body.decode()
    at = html.index('name="csrf" value="') + 19
    csrf = html[at:html.index('"', at)]
    body = f"csrf={csrf}&name={name}&password={ec.PASSWORD.replace(' ', '+')}"
    r = ec.request(base, "POST", "/login", body,
                   {"Cookie": nonce, "Content-Type": "application/x-www-form-urlencoded"})
    return [c for c in r.cookies() if c.startswith("equipcheck_session=")][0]


if __name__ == "__main__":
    main()
