from sinergi.core.models import AuditEntry
from sinergi.regulasi.services import regulasi_load


def test_catalogue_links_regulations_to_stages(katalog):
    """PKPU 15/2023 governs the campaign stage and PKPU 3/2022 the schedule's stages."""
    kampanye = katalog["pkpu:15/2023"]
    assert {t.kode for t in kampanye.tahapan.all()} >= {"T09", "T09.1", "T09.2", "T10"}
    assert katalog["pkpu:3/2022"].tahapan.filter(kode="T03").exists()
    assert katalog["pkpu:2/2024"].tahapan.filter(pemilu__slug="pilkada-2024").count() == 22


def test_catalogue_has_amendment_links(katalog):
    """Perppu 1/2022 amends UU 7/2017, UU 7/2023 enacts it, Perbawaslu 5/2022 revokes 21/2018."""
    assert katalog["uu:7/2017"] in katalog["perppu:1/2022"].mengubah.all()
    assert katalog["perppu:1/2022"] in katalog["uu:7/2023"].menetapkan.all()
    assert katalog["perbawaslu:21/2018"] in katalog["perbawaslu:5/2022"].mencabut.all()
    assert katalog["perbawaslu:21/2018"].status == "dicabut"


def test_load_twice_changes_nothing(katalog):
    """The catalogue load is idempotent: the second run writes and audits nothing."""
    before = AuditEntry.objects.count()
    hasil = regulasi_load()
    assert hasil.startswith("0 regulasi dibuat, 0 diubah")
    assert AuditEntry.objects.count() == before
