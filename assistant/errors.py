"""Named errors raised by the core; the CLI and web edges turn them into messages and exit codes."""


class JoinedUpError(Exception):
    """Base class: its message is fit to show a user as it is."""

    exit_code = 1


class FileProblem(JoinedUpError):
    """A file that cannot be used, and why: the message names both."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class UnreadableDocument(FileProblem):
    """A document could not be turned into text (empty, corrupt, encrypted, scanned...)."""


class BadSidecar(FileProblem):
    """A NAME.meta.yaml beside a document cannot be used (not YAML, not a mapping, a list where
    text belongs...). The document goes in with catalogue or default metadata."""


class UsageError(JoinedUpError):
    """A command given wrongly (a missing argument, a value out of range): exit 2."""

    exit_code = 2


class EmptyQuestion(UsageError):
    """A question that is empty or only white space."""


class QuestionTooLong(UsageError):
    """A question longer than Settings.max_question_chars."""


class UnknownBackend(UsageError):
    """An answer backend name that is not registered (the message lists the ones that are)."""


class StoreUnavailable(JoinedUpError):
    """No index at the configured path, or it cannot be opened."""

    exit_code = 2


class StoreBusy(JoinedUpError):
    """Another ingest holds the store's lock."""

    exit_code = 3


class BackendUnavailable(JoinedUpError):
    """An answer backend could not be reached or is not installed."""

    exit_code = 4


class CannotWrite(JoinedUpError):
    """An output file (an export) could not be written: no such folder, a folder, read-only..."""

    def __init__(self, path, reason: str):
        super().__init__(f"cannot write {path}: {reason}")
        self.path = path
