"""Where a follow-up came from, for its detail page.

tindak_lanjut cannot import the apps that create follow-ups (they depend on it), so each of
them registers here, in its AppConfig.ready, a function describing one of its objects for a
user: `daftar(Model, fungsi)`. `fungsi(pengguna, tl)` returns a dict (judul, url, tempat,
foto_url: any may be empty) or None when the user may not read the source; then the page
shows only the stored label, never a link.
"""

from collections.abc import Callable

from django.contrib.contenttypes.models import ContentType

_FUNGSI: dict[tuple[str, str], Callable] = {}


def daftar(model, fungsi: Callable) -> None:
    """Register `fungsi(pengguna, tl) -> dict | None` for follow-ups whose source is `model`."""
    _FUNGSI[(model._meta.app_label, model._meta.model_name)] = fungsi


def ringkasan(pengguna, tl) -> dict | None:
    """The source of `tl` as `pengguna` may see it, or None (label only)."""
    if not tl.sumber_jenis_id or not tl.sumber_id:
        return None
    jenis = ContentType.objects.get_for_id(tl.sumber_jenis_id)
    fungsi = _FUNGSI.get((jenis.app_label, jenis.model))
    if fungsi is None:
        return None
    return fungsi(pengguna, tl)
