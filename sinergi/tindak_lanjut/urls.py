app_name = "tindak_lanjut"

urlpatterns: list = []
