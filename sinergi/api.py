"""The REST API at /api/v1/: assembles each domain app's router."""

from sinergi.akses.api import router as akses_router
from sinergi.akses.api_auth import token_or_anonymous
from sinergi.core.api import (
    API_DESKRIPSI,
    SinergiAPI,
    install_error_handlers,
    install_field_invalid,
)
from sinergi.kanal.api import router as kanal_router
from sinergi.kegiatan.api import router as kegiatan_router
from sinergi.kejadian.api import router as kejadian_router
from sinergi.kejadian.api_peringatan import router as peringatan_router
from sinergi.kerawanan.api import router as kerawanan_router
from sinergi.komunikasi.api import router as komunikasi_router
from sinergi.pemangku.api import router as pemangku_router
from sinergi.regulasi.api import router as regulasi_router
from sinergi.tahapan.api import router as tahapan_router
from sinergi.tindak_lanjut.api import router as tindak_lanjut_router
from sinergi.wilayah.api import router as wilayah_router

api = SinergiAPI(
    title="Sinergi API",
    version="1",
    description=API_DESKRIPSI,
    urls_namespace="api",
    # Every operation reads the Authorization header, the public ones too: a token that is sent
    # but unknown, expired or revoked answers 401 everywhere (docs/akses.md).
    auth=token_or_anonymous,
)
install_error_handlers(api)
install_field_invalid(api)

api.add_router("/wilayah", wilayah_router, tags=["wilayah"])
api.add_router("/", tahapan_router, tags=["tahapan"])
api.add_router("/regulasi", regulasi_router, tags=["regulasi"])
api.add_router("/", pemangku_router, tags=["pemangku"])
api.add_router("/kerawanan", kerawanan_router, tags=["kerawanan"])
api.add_router("/tindak-lanjut", tindak_lanjut_router, tags=["tindak_lanjut"])
api.add_router("/kegiatan", kegiatan_router, tags=["kegiatan"])
api.add_router("/komunikasi", komunikasi_router, tags=["komunikasi"])
api.add_router("/kejadian", kejadian_router, tags=["kejadian"])
api.add_router("/peringatan", peringatan_router, tags=["peringatan"])
api.add_router("/kanal", kanal_router, tags=["kanal"])
api.add_router("/akun", akses_router, tags=["akses"])
