"""kejadian listens to the apps it builds on (which must not import it):

- tindak_lanjut: the first acknowledgement of an incident's follow-up moves the verified
  incident to "in handling" (`tindak_lanjut_diakui`);
- komunikasi: every save of a `peringatan.baru` webhook call (komunikasi's `kirim_webhook`
  saves it after each attempt) is mirrored on the alert delivery row that links it, so that
  row ends delivered or failed instead of waiting forever; a call deleted before delivery
  fails it.
"""

from django.db.models.signals import post_save, pre_delete

from sinergi.tindak_lanjut.signals import tindak_lanjut_diakui


def _tindak_lanjut_diakui(sender, tindak_lanjut, pelaku, **kwargs) -> None:
    from sinergi.kejadian.services import kejadian_mulai_ditangani

    kejadian_mulai_ditangani(pelaku=pelaku, tindak_lanjut=tindak_lanjut)


def _webhook_tersimpan(sender, instance, created=False, update_fields=None, **kwargs) -> None:
    if created or (update_fields is not None and "status" not in update_fields):
        return
    from sinergi.kejadian.tasks import sinkron_webhook

    sinkron_webhook(instance)


def _webhook_dihapus(sender, instance, **kwargs) -> None:
    from sinergi.kejadian.tasks import webhook_dihapus

    webhook_dihapus(instance)


def hubungkan() -> None:
    from sinergi.komunikasi.models import PengirimanWebhook

    tindak_lanjut_diakui.connect(_tindak_lanjut_diakui, dispatch_uid="kejadian_mulai_ditangani")
    post_save.connect(
        _webhook_tersimpan, sender=PengirimanWebhook, dispatch_uid="kejadian_sinkron_webhook"
    )
    pre_delete.connect(
        _webhook_dihapus, sender=PengirimanWebhook, dispatch_uid="kejadian_webhook_dihapus"
    )
