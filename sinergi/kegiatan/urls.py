app_name = "kegiatan"

urlpatterns: list = []
