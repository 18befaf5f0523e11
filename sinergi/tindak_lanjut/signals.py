"""Signals other apps may listen to (tindak_lanjut imports none of them).

`tindak_lanjut_diakui` is sent once per follow-up, when it is acknowledged for the first time:
explicitly (`tindak_lanjut_acknowledge`) or implicitly by the owner organization's first
progress update (`tindak_lanjut_add_update`) or status change
(`tindak_lanjut_update_status`). It is sent inside the acknowledging transaction, after the
follow-up is saved, so a receiver's writes commit or roll back with it (and a receiver's error
rolls the acknowledgement back). Arguments: `tindak_lanjut` (the saved follow-up, with
`sumber_jenis`/`sumber_id` naming its source) and `pelaku` (the acknowledging user).
"""

from django.dispatch import Signal

tindak_lanjut_diakui = Signal()
