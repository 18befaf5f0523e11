app_name = "tahapan"

urlpatterns: list = []
