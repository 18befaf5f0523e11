"""A plain text progress bar for the import commands (no dependency)."""

import sys


class Bar:
    def __init__(self, stream=None, lebar: int = 30):
        self.stream = stream or sys.stderr
        self.lebar = lebar
        self.terakhir = -1

    def __call__(self, persen: int, tahap: str) -> None:
        if persen == self.terakhir:
            return
        self.terakhir = persen
        isi = int(self.lebar * persen / 100)
        self.stream.write(f"\r[{'#' * isi}{'.' * (self.lebar - isi)}] {persen:3d}% {tahap:<30}")
        if persen >= 100:
            self.stream.write("\n")
        self.stream.flush()
