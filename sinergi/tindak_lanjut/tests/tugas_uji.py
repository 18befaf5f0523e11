"""Tasks used only by the task-runner tests."""

from sinergi.core.tasks import task


@task()
def jumlahkan(a: int, b: int) -> int:
    return a + b


@task()
def gagal(pesan: str) -> None:
    raise ValueError(pesan)
