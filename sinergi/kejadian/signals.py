"""kejadian listens to tindak_lanjut (which must not import kejadian): the first
acknowledgement of an incident's follow-up moves the verified incident to "in handling"."""

from sinergi.tindak_lanjut.signals import tindak_lanjut_diakui


def _tindak_lanjut_diakui(sender, tindak_lanjut, pelaku, **kwargs) -> None:
    from sinergi.kejadian.services import kejadian_mulai_ditangani

    kejadian_mulai_ditangani(pelaku=pelaku, tindak_lanjut=tindak_lanjut)


def hubungkan() -> None:
    tindak_lanjut_diakui.connect(_tindak_lanjut_diakui, dispatch_uid="kejadian_mulai_ditangani")
