app_name = "pemangku"

urlpatterns: list = []
