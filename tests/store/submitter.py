"""A panel's laptop for the load and crash tests: submits weights through the store in a
loop and prints ``ack WORKER SEQ VERSION REVISION`` after each committed submission.

    python -m tests.store.submitter --store URL --meeting ID --token T --worker 3 --count 10

It prints ``ready`` once the store is open, then waits for a line on stdin so that every
process starts at once. ``--count 0`` submits until it is killed.
"""

from __future__ import annotations

import argparse
import itertools
import sys


def weights_for(worker: int, seq: int) -> dict[str, float]:
    """What worker ``worker`` sends the ``seq``-th time: checkable from the comment alone."""
    return {"quality": float((worker * 7 + seq) % 10 + 1), "access": float((worker + seq) % 5)}


def comment_for(worker: int, seq: int) -> str:
    return f"w{worker}:s{seq} <b>café & \u201cquotes\u201d</b> " + "x" * (seq % 50)


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--store", required=True)
    p.add_argument("--meeting", required=True)
    p.add_argument("--token", required=True)
    p.add_argument("--worker", type=int, required=True)
    p.add_argument("--count", type=int, default=10)
    p.add_argument("--start-at", type=int, default=0)
    args = p.parse_args()
    from workbench.store import MeetingStore

    # a scripted laptop submits as fast as it can: the per-panel rate limit is not under test
    store = MeetingStore(args.store, submissions_per_minute=0)
    store.scenario(args.meeting)        # parsed before the start, like a page already open
    print("ready", flush=True)
    sys.stdin.readline()
    seqs = itertools.count(args.start_at) if args.count == 0 else \
        range(args.start_at, args.start_at + args.count)
    for seq in seqs:
        done = store.submit_weights(args.meeting, args.token, weights_for(args.worker, seq),
                                    comment=comment_for(args.worker, seq))
        print(f"ack {args.worker} {seq} {done.version} {done.revision}", flush=True)
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
