"""The East Java demo for incidents (filled in by the incidents work)."""


def load(*, stdout) -> None:
    return None
