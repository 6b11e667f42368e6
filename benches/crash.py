"""Crash and race experiments on one database (run by benches/crash.sh): KILLS times, an upload of ROWS lines is
sent and the server killed with kill -9 at a random moment while it is imported; after each restart the database
must hold the whole batch or none of it, and the audit chain must verify. Then 32 reviewers race to approve one
item: exactly one may win. Prints PASS/FAIL lines and what held; exit 1 when anything failed."""

import argparse
import concurrent.futures
import os
import random
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(__file__))
import ecclient as ec  # noqa: E402

PROJECT = "crash"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--bin", required=True)
    p.add_argument("--db", required=True)
    p.add_argument("--name", required=True)
    p.add_argument("--work", required=True)
    p.add_argument("--kills", type=int, default=20)
    p.add_argument("--rows", type=int, default=20000)
    p.add_argument("--racers", type=int, default=32)
    a = p.parse_args()
    checks, log = ec.Checks(), os.path.join(a.work, f"server-{a.name}.log")
    server = ec.Server(a.bin, a.db, log)
    officer = ec.token(a.bin, a.db, "crash-officer", "officer", PROJECT)

    # How long a whole upload takes here, to kill within it.
    data = ec.csv_of([f"Tent model {i} 4 x 4" for i in range(a.rows)])
    started = time.time()
    r = ec.upload(server.base, officer, PROJECT, "calibration.csv", data)
    took = time.time() - started
    checks.check(r.status == 201, f"{a.name}: a {a.rows}-row upload is stored", f"{took:.2f} s")

    whole = none = 0
    broken = []
    for k in range(a.kills):
        name = f"crash-{k:02}.csv"
        body = ec.csv_of([f"Tent model {k}-{i} 4 x 4" for i in range(a.rows)])
        delay = random.uniform(0.3 * took, 1.3 * took)
        # An officer per kill: the killed upload's slot counts against its user until its lease runs out.
        uploader = ec.token(a.bin, a.db, f"crash-officer-{k}", "officer", PROJECT)
        sender = threading.Thread(target=send_quietly, args=(server.base, uploader, name, body), daemon=True)
        sender.start()
        time.sleep(delay)
        server.kill9()
        sender.join(timeout=10)
        server = ec.Server(a.bin, a.db, log)
        rows = ec.query(a.db, f"SELECT b.item_count, (SELECT count(*) FROM items i WHERE i.batch_id = b.id) "
                              f"FROM batches b WHERE b.file_name = '{name}'")
        intact, said = ec.audit_verifies(a.bin, a.db)
        if not rows:
            none += 1
        elif len(rows) == 1 and int(rows[0][0]) == a.rows and int(rows[0][1]) == a.rows:
            whole += 1
        else:
            broken.append((name, rows))
        if not intact:
            broken.append((name, f"audit: {said}"))
    checks.check(not broken, f"{a.name}: {a.kills} kill -9 during imports: {whole} whole batches, {none} none, "
                 f"{len(broken)} partial or chain broken {broken[:3]}")
    intact, said = ec.audit_verifies(a.bin, a.db)
    checks.check(intact, f"{a.name}: audit chain verifies after the kills", said)

    # 32 reviewers race to approve one item with the same version: one wins, the others are told it changed.
    r = ec.upload(server.base, officer, PROJECT, "race.csv", ec.csv_of(["Sleeping bag for the race"]))
    item = ec.items_of(server.base, officer, r.json()["id"])[0]["id"]
    tokens = [ec.token(a.bin, a.db, f"racer-{i}", "reviewer", PROJECT) for i in range(a.racers)]
    version = ec.retrying(server.base, "GET", f"/api/v1/items/{item}", headers=ec.auth(tokens[0])).json()["version"]
    gate = threading.Barrier(a.racers)

    def race(t):
        body = ('{"action": "approve", "version": %d, "justification": "Checked against the specification sheet '
                'in the race."}' % version)
        gate.wait()
        return ec.request(server.base, "POST", f"/api/v1/items/{item}/decisions", body,
                          dict(ec.auth(t), **{"Content-Type": "application/json"})).status

    with concurrent.futures.ThreadPoolExecutor(a.racers) as pool:
        statuses = list(pool.map(race, tokens))
    approvals = ec.query(a.db, f"SELECT count(*) FROM audit_log WHERE action = 'approve' AND outcome = 'done' "
                               f"AND entity_id = '{item}'")
    summary = {s: statuses.count(s) for s in sorted(set(statuses))}
    checks.check(statuses.count(200) == 1 and int(approvals[0][0]) == 1 and all(s in (200, 409) for s in statuses),
                 f"{a.name}: {a.racers} reviewers racing on one item: exactly one winner", f"answers {summary}, "
                 f"{approvals[0][0]} approval audited")
    server.stop()
    sys.exit(1 if checks.failed else 0)


def send_quietly(base, token, name, body):
    """Sends an upload once; the server is killed meanwhile, so any answer or none is fine."""
    payload, content_type = ec.multipart(PROJECT, name, body)
    try:
        ec.request(base, "POST", "/api/v1/batches", payload,
                   dict(ec.auth(token), **{"Content-Type": content_type}), timeout=30)
    except Exception:  # noqa: BLE001 (the connection is cut by the kill)
        pass


if __name__ == "__main__":
    main()
