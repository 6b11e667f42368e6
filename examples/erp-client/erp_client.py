"""An ERP integration in a few lines, with the client generated from equipcheck's OpenAPI document.

Pre-check lines, submit a purchase order, submit it again (a safe retry answers the same batch), then follow the
change feed until the order's decisions arrive.

    python3 examples/erp-client/erp_client.py BASE_URL TOKEN PROJECT
"""

import sys
import time
import uuid

from equipcheck_client import AuthenticatedClient
from equipcheck_client.api.erp import classify_items, submit_purchase_order
from equipcheck_client.api.events import list_events
from equipcheck_client.models import ClassifyItem, OrderLine, Problem, PurchaseOrder

LINES = [
    ("1", "Tente modulaire 6 x 6 m"),
    ("2", "Jumelles de vision nocturne"),
    ("3", "Assault rifle AK-47, 7.62x39"),
]


def main(base_url: str, token: str, project: str) -> None:
    client = AuthenticatedClient(base_url=base_url, token=token, raise_on_unexpected_status=True)

    # 1. Pre-check while the buyer types: results come back with their line_ref.
    checks = classify_items.sync(
        client=client, body=[ClassifyItem(description=d, line_ref=ref) for ref, d in LINES]
    )
    assert not isinstance(checks, Problem), checks
    for result in checks:
        print(f"pre-check line {result.line_ref}: {result.decision.value}")
    decisions = {r.line_ref: r.decision.value for r in checks}
    assert decisions["3"] == "prohibited", decisions

    # Where the feed is now: only what happens from here on matters.
    page = list_events.sync(client=client, project=project, limit=500)
    assert not isinstance(page, Problem), page
    cursor = page.next_cursor
    while page.items:
        page = list_events.sync(client=client, project=project, after=cursor, limit=500)
        cursor = page.next_cursor

    # 2. Submit the order; 3. submit it again with the same key (a retry after a lost answer): same batch.
    reference = f"PO-EXAMPLE-{uuid.uuid4().hex[:8]}"
    key = str(uuid.uuid4())
    order = PurchaseOrder(lines=[OrderLine(description=d, line_ref=ref) for ref, d in LINES])
    first = submit_purchase_order.sync_detailed(
        client=client, body=order, project=project, reference=reference, idempotency_key=key
    )
    assert first.status_code == 201, first
    again = submit_purchase_order.sync_detailed(
        client=client, body=order, project=project, reference=reference, idempotency_key=key
    )
    # A replay of a stored answer says so in Idempotent-Replayed.
    assert again.headers.get("idempotent-replayed") == "true", again.headers
    batch = first.parsed.id
    assert again.parsed.id == batch
    print(f"order {reference}: batch {batch} (the retry answered the same batch)")

    # 4. Follow the feed until the order's batch is reported, with its decisions.
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        page = list_events.sync(client=client, project=project, after=cursor, limit=100)
        assert not isinstance(page, Problem), page
        cursor = page.next_cursor
        for event in page.items:
            print(f"event {event.type_} {event.entity_type} {event.entity_id}")
            if event.type_ == "batch.created" and event.entity_id == batch:
                summary = event.data["after"]["summary"]
                print(f"decisions arrived: {summary}")
                assert summary["prohibited"] == 1, summary
                return
        time.sleep(0.5)
    raise SystemExit("the order's batch did not appear in the feed within 30 s")


if __name__ == "__main__":
    if len(sys.argv) != 4:
        raise SystemExit(__doc__)
    main(*sys.argv[1:])
