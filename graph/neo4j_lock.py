"""One ``chainkg load`` at a time per Neo4j database: a lock node with an owner and a lease.

The lock is the node ``(:ChainkgLock {name: "load"})`` (a uniqueness constraint keeps it one),
taken in a transaction of its own before a load writes anything: the node is write-locked, then
its ``owner`` read, so of two loads that start together exactly one gets it. The holder writes
its ``owner`` (a random token), ``command``, ``pid``, ``host``, ``since`` and ``expires`` (the
server's clock, :data:`DEFAULT_LEASE` seconds ahead). A thread renews the lease every third of
it while the load runs, and the load checks before each transaction that the lease it last
renewed has not run out (:meth:`LoadLock.check`), so a load stalled past its lease stops rather
than write beside the next one. At the end the lock is released (the node deleted).

A second load refuses at once with one line naming the holder, or waits up to ``wait`` seconds.
A lock left by a killed load is taken over when its lease has run out, or at once when its
holder ran on this host and its process is gone; either way a warning names it.

The label is outside the graph model (:data:`chainkg.graph.model.LABELS`), so reading,
counting and querying the graph never see it.
"""

from __future__ import annotations

import logging
import os
import secrets
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from typing import Any

from neo4j import Driver

from chainkg.errors import ChainkgError

log = logging.getLogger(__name__)

LOCK_LABEL = "ChainkgLock"
LOAD = "load"
DEFAULT_LEASE = 60.0
"""Seconds a holder's lease lasts without renewal (``$CHAINKG_NEO4J_LEASE``)."""
POLL = 0.5

# the label is written out (no value is ever spliced into Cypher; see tests/test_queries_no_string_cypher.py)
_CONSTRAINT = ("CREATE CONSTRAINT chainkg_load_lock IF NOT EXISTS FOR (l:ChainkgLock) "
               "REQUIRE l.name IS UNIQUE")
_ACQUIRE = ("MERGE (l:ChainkgLock {name: $name}) "
            "SET l._chainkg_lock = true REMOVE l._chainkg_lock "  # write-lock it before reading the owner
            "WITH l, timestamp() AS now, l {.*} AS was "
            "WHERE l.owner IS NULL OR l.owner = $owner OR l.owner = $stale OR l.expires < now "
            "SET l.owner = $owner, l.command = $command, l.pid = $pid, l.host = $host, l.since = now, "
            "l.expires = now + $lease_ms "
            "RETURN was")
_READ = "MATCH (l:ChainkgLock {name: $name}) RETURN l {.*} AS lock, timestamp() AS now"
_RENEW = ("MATCH (l:ChainkgLock {name: $name}) WHERE l.owner = $owner "
          "SET l.expires = timestamp() + $lease_ms RETURN count(l) AS n")
_RELEASE = "MATCH (l:ChainkgLock {name: $name}) WHERE l.owner = $owner DELETE l"


def lease_seconds() -> float:
    """``$CHAINKG_NEO4J_LEASE`` (seconds, at least 1), else :data:`DEFAULT_LEASE`."""
    text = os.environ.get("CHAINKG_NEO4J_LEASE")
    if not text:
        return DEFAULT_LEASE
    try:
        value = float(text)
    except ValueError:
        raise ChainkgError(f"CHAINKG_NEO4J_LEASE={text!r}: expected a number of seconds") from None
    if not value >= 1:
        raise ChainkgError(f"CHAINKG_NEO4J_LEASE={text!r}: must be at least 1 second")
    return value


@dataclass(frozen=True)
class Holder:
    """Who holds the lock, as its node says, and the server's time when it was read (ms)."""

    owner: str
    command: str
    pid: int
    host: str
    since: int
    expires: int
    now: int

    @classmethod
    def of(cls, props: dict[str, Any], now: int) -> "Holder":
        """From the lock node's properties."""
        return cls(str(props.get("owner")), str(props.get("command", "?")), int(props.get("pid", 0)),
                   str(props.get("host", "?")), int(props.get("since", 0)), int(props.get("expires", 0)), now)

    def describe(self) -> str:
        """One phrase: command, pid, host, for how long, lease left."""
        return (f"`{self.command}` (pid {self.pid} on {self.host}, for {(self.now - self.since) / 1000:.0f}s, "
                f"lease ends in {max(0, self.expires - self.now) / 1000:.0f}s)")

    def gone(self) -> bool:
        """It ran on this host and its process no longer exists."""
        if self.host != socket.gethostname() or self.pid <= 0:
            return False
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return True
        except PermissionError:
            return False
        return False


class LoadLock:
    """A held load lock: renews its lease in a thread; :meth:`check` before each transaction."""

    def __init__(self, driver: Driver, database: str, owner: str, lease: float) -> None:
        self.driver, self.database, self.owner, self.lease = driver, database, owner, lease
        self.renewed = time.monotonic()
        self.lost: str | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._renew_loop, name="chainkg-load-lock", daemon=True)

    def check(self) -> None:
        """Raise a ChainkgError when the lock may be another load's by now (lease run out unrenewed,
        or taken over)."""
        if self.lost is None and time.monotonic() - self.renewed > self.lease:
            self.lost = f"its lease of {self.lease:.0f}s ran out before it was renewed"
        if self.lost is not None:
            raise ChainkgError(f"stopped the load: this load no longer holds the Neo4j load lock ({self.lost}); "
                               "documents already loaded are whole, run `chainkg load` again")

    def renew(self) -> bool:
        """Push the lease on; False when the lock is no longer ours."""
        started = time.monotonic()
        records, _, _ = self.driver.execute_query(_RENEW, name=LOAD, owner=self.owner,
                                                  lease_ms=int(self.lease * 1000), database_=self.database)
        if records[0]["n"] != 1:
            self.lost = "another load took it over"
            return False
        self.renewed = started
        return True

    def _renew_loop(self) -> None:
        while not self._stop.wait(self.lease / 3):
            try:
                if not self.renew():
                    return
            except Exception as exc:  # the server went away: the load itself will say so
                log.debug("could not renew the load lock: %s", exc)

    def start(self) -> None:
        """Start renewing."""
        self._thread.start()

    def release(self) -> None:
        """Stop renewing and delete the lock node if it is still ours."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()
        self.driver.execute_query(_RELEASE, name=LOAD, owner=self.owner, database_=self.database)


def read_holder(driver: Driver, database: str) -> Holder | None:
    """Who holds the load lock of ``database``, or None."""
    records, _, _ = driver.execute_query(_READ, name=LOAD, database_=database)
    return Holder.of(records[0]["lock"], records[0]["now"]) if records else None


def acquire(driver: Driver, database: str, command: str = "chainkg load", wait: float = 0.0,
            lease: float | None = None) -> LoadLock:
    """Take the load lock of ``database`` (waiting up to ``wait`` seconds), or raise a ChainkgError
    naming its holder. Start renewing it; release with :meth:`LoadLock.release`."""
    lease = lease_seconds() if lease is None else lease
    driver.execute_query(_CONSTRAINT, database_=database)
    owner = secrets.token_hex(8)
    params = {"name": LOAD, "owner": owner, "command": command, "pid": os.getpid(), "host": socket.gethostname(),
              "lease_ms": int(lease * 1000)}
    deadline = time.monotonic() + wait
    stale: str | None = None
    while True:
        started = time.monotonic()
        records, _, _ = driver.execute_query(_ACQUIRE, params, stale=stale, database_=database)
        if records:
            was = records[0]["was"]
            if was.get("owner") and was.get("owner") != owner:
                log.warning("took over the Neo4j load lock from `%s` (pid %s on %s): %s", was.get("command"),
                            was.get("pid"), was.get("host"),
                            "its process is gone" if was.get("owner") == stale else "its lease had run out")
            lock = LoadLock(driver, database, owner, lease)
            lock.renewed = started
            lock.start()
            return lock
        holder = read_holder(driver, database)
        if holder is not None and holder.gone():
            stale = holder.owner
            continue
        if time.monotonic() >= deadline:
            who = holder.describe() if holder else "another load"
            raise ChainkgError(f"Neo4j database {database!r} is being loaded by {who}; wait for it to finish "
                               "(or use --wait SECONDS)")
        time.sleep(min(POLL, max(0.0, deadline - time.monotonic())))


@contextmanager
def load_lock(driver: Driver, database: str, command: str = "chainkg load", wait: float = 0.0,
              lease: float | None = None) -> Iterator[LoadLock]:
    """Hold the load lock of ``database`` for the block (see :func:`acquire`)."""
    lock = acquire(driver, database, command, wait, lease)
    try:
        yield lock
    except BaseException:
        with suppress(Exception):  # the error that stopped the load says more than a failed release
            lock.release()
        raise
    lock.release()
