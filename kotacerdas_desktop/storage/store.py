"""The open store: paths, instance lock, engine and sessions for one data folder."""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator

from sqlalchemy import create_engine, event
from sqlalchemy.engine import URL, Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from ..paths import AppPaths
from .database import (DatabaseError, DatabaseInfo, apply_pragmas, describe_write_error,
                       prepare_database)
from .history import register_functions


def make_engine(path) -> Engine:
    # URL.create keeps the path as is: '%', '?' and '#' are legal in folder names.
    engine = create_engine(URL.create("sqlite", database=str(path)))

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        dbapi_conn.isolation_level = None  # we emit BEGIN ourselves (see below)
        register_functions(dbapi_conn)
        apply_pragmas(dbapi_conn)

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        conn.exec_driver_sql("BEGIN")

    return engine


@dataclass
class Store:
    paths: AppPaths
    info: DatabaseInfo
    engine: Engine
    session_factory: sessionmaker

    @classmethod
    def open(cls, paths: AppPaths, info: DatabaseInfo | None = None) -> "Store":
        if info is None:
            info = prepare_database(paths.database, paths.backups)
        engine = make_engine(paths.database)
        return cls(paths, info, engine, sessionmaker(engine, expire_on_commit=False))

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One unit of work: commits on success, rolls back on any error.

        Database failures (read-only file, full disk, long lock) become a
        DatabaseError in plain words; nothing of the unit of work is kept."""
        try:
            with self.session_factory() as session:
                with session.begin():
                    yield session
        except DBAPIError as exc:
            raise DatabaseError(describe_write_error(self.paths.database, exc.orig or exc)) from exc

    def close(self) -> None:
        self.engine.dispose()
