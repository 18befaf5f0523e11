import re
from urllib.parse import urlsplit

from django.db import models
from django.utils.translation import gettext_lazy as _


class JenisRegulasi(models.TextChoices):
    """Kinds of legal instruments, in the hierarchy of UU 12/2011 and election practice."""

    UU = "uu", _("Law (UU)")
    PERPPU = "perppu", _("Government regulation in lieu of law (Perppu)")
    PP = "pp", _("Government regulation (PP)")
    PERPRES = "perpres", _("Presidential regulation (Perpres)")
    KEPPRES = "keppres", _("Presidential decree (Keppres)")
    PKPU = "pkpu", _("KPU regulation (PKPU)")
    PERBAWASLU = "perbawaslu", _("Bawaslu regulation (Perbawaslu)")
    KEPUTUSAN_KPU = "keputusan_kpu", _("KPU decision (Keputusan KPU)")
    SURAT_EDARAN = "surat_edaran", _("Circular (Surat Edaran)")
    PUTUSAN_MK = "putusan_mk", _("Constitutional Court ruling (Putusan MK)")
    LAINNYA = "lainnya", _("Other")


SINGKATAN = {
    "uu": "UU",
    "perppu": "Perppu",
    "pp": "PP",
    "perpres": "Perpres",
    "keppres": "Keppres",
    "pkpu": "PKPU",
    "perbawaslu": "Perbawaslu",
    "keputusan_kpu": "Keputusan KPU",
    "surat_edaran": "SE",
    "putusan_mk": "Putusan MK",
    "lainnya": "",
}


class StatusRegulasi(models.TextChoices):
    BERLAKU = "berlaku", _("In force")
    DIUBAH = "diubah", _("In force, amended")
    DICABUT = "dicabut", _("Revoked")


class Keyakinan(models.TextChoices):
    TINGGI = "H", _("High")
    SEDANG = "M", _("Medium")
    RENDAH = "L", _("Low")


class JenisTautan(models.TextChoices):
    """What a regulation's link points to, so the page never calls a blog "official"."""

    DOKUMEN = "dokumen", _("Official document page (JDIH)")
    SITUS_RESMI = "situs_resmi", _("Official site, not the document page")
    BERANDA_JDIH = "beranda_jdih", _("JDIH home page only (document not linked yet)")
    SALINAN = "salinan", _("Third-party copy")
    BERITA = "berita", _("News report")


# Legal databases whose document pages are the official text (JDIH KPU, Bawaslu, the state's).
JDIH = ("jdih.kpu.go.id", "jdih.bawaslu.go.id", "peraturan.go.id", "peraturan.bpk.go.id")
# Sites that host copies of regulations made by third parties.
SALINAN = ("scribd.com", "jogloabang.com", "peraturanpedia.com", "pasal.id", "pdfcoffee.com")
# Path fragments of a JDIH document page or file (as opposed to its home or news pages):
# JDIH KPU nodes (/<prov>/<kab>/detailpkpu-…, /peraturan-kpu/detail/…), JDIH KPU's own PDF files
# (/data/data_pkpu/…), JDIH BPK (/Details/<id>/…).
JALUR_DOKUMEN = ("detailpkpu", "/details/", "/detail/", "/data/data_pkpu/")
# peraturan.go.id names a regulation's page by its citation: /id/uu-no-7-tahun-2017.
PERATURAN_GO_ID = re.compile(r"^/(id|eng)/[a-z0-9-]+-no-[a-z0-9-]+-tahun-\d{4}/?$")


def _domain(host: str, daftar: tuple[str, ...]) -> bool:
    return any(host == d or host.endswith("." + d) for d in daftar)


def jenis_tautan(url: str) -> str:
    """Classify a link by its address; anything not known to be official is news."""
    bagian = urlsplit(url or "")
    host, jalur = bagian.netloc.lower().split(":")[0], bagian.path.lower()
    if _domain(host, JDIH):
        if jalur in ("", "/"):
            return JenisTautan.BERANDA_JDIH
        if any(j in jalur for j in JALUR_DOKUMEN):
            return JenisTautan.DOKUMEN
        if _domain(host, ("peraturan.go.id",)) and PERATURAN_GO_ID.match(jalur):
            return JenisTautan.DOKUMEN
        return JenisTautan.SITUS_RESMI
    if host.endswith(".go.id"):
        return JenisTautan.SITUS_RESMI
    if _domain(host, SALINAN):
        return JenisTautan.SALINAN
    return JenisTautan.BERITA
