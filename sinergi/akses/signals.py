"""Drop cached API tokens when a token, its user or the user's organization changes (see
`services.TOKEN_CACHE_DETIK`): a revoked token, a deactivated user or a changed role never
outlives the change in this process."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from sinergi.akses.models import TokenAPI, User
from sinergi.akses.services import token_cache_hapus


@receiver([post_save, post_delete], sender=TokenAPI, dispatch_uid="akses_token_cache_token")
def _token_berubah(sender, instance, **kwargs):
    token_cache_hapus(token_hash=instance.hash)


@receiver([post_save, post_delete], sender=User, dispatch_uid="akses_token_cache_user")
def _user_berubah(sender, instance, created=False, **kwargs):
    if not created:
        token_cache_hapus(user_ids=[instance.pk])


def _lembaga_berubah(sender, instance, created=False, **kwargs):
    if not created:
        token_cache_hapus(
            user_ids=User.objects.filter(lembaga=instance).values_list("pk", flat=True)
        )


def hubungkan() -> None:
    from sinergi.pemangku.models import Lembaga

    for sinyal in (post_save, post_delete):
        sinyal.connect(_lembaga_berubah, sender=Lembaga, dispatch_uid="akses_token_cache_lembaga")
