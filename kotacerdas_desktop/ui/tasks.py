"""One helper for long work: run a function on a worker thread, report progress and the
result on the GUI thread, cancel on request. Tests can run the same work synchronously."""
from __future__ import annotations

import threading
from typing import Callable

from PySide6.QtCore import QObject, QThread, Signal


class _Worker(QObject):
    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, fn: Callable, cancel: threading.Event) -> None:
        super().__init__()
        self.fn, self.cancel = fn, cancel

    def run(self) -> None:
        try:
            result = self.fn(lambda done, total: self.progress.emit(done, total), self.cancel.is_set)
        except BaseException as exc:  # noqa: BLE001 - delivered to the GUI thread, shown there
            self.failed.emit(exc)
            return
        self.finished.emit(result)


class Task(QObject):
    """`Task(fn)` where fn(report, cancelled) does the work; connect the signals, then start()."""

    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(object)

    synchronous = False  # tests set this to run on the calling thread

    def __init__(self, fn: Callable, parent=None) -> None:
        super().__init__(parent)
        self.fn = fn
        self.cancel_event = threading.Event()
        self.thread: QThread | None = None
        self.worker: _Worker | None = None

    def start(self) -> None:
        worker = _Worker(self.fn, self.cancel_event)
        worker.progress.connect(self.progress)
        worker.finished.connect(self.finished)
        worker.failed.connect(self.failed)
        if Task.synchronous:
            worker.run()
            return
        self.thread = QThread()
        self.worker = worker
        worker.moveToThread(self.thread)
        self.thread.started.connect(worker.run)
        worker.finished.connect(self.thread.quit)
        worker.failed.connect(self.thread.quit)
        self.thread.finished.connect(self._cleanup)
        self.thread.start()

    def cancel(self) -> None:
        self.cancel_event.set()

    def running(self) -> bool:
        return self.thread is not None and self.thread.isRunning()

    def wait(self, ms: int = 30000) -> bool:
        return self.thread.wait(ms) if self.thread is not None else True

    def _cleanup(self) -> None:
        if self.worker is not None:
            self.worker.deleteLater()
        if self.thread is not None:
            self.thread.deleteLater()
        self.worker = self.thread = None
