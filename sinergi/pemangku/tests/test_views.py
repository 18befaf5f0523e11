def test_index_filters(client, org, django_assert_max_num_queries):
    """The directory filters by type and region; the HTMX request gets only the results."""
    with django_assert_max_num_queries(8):
        r = client.get("/pemangku/?jenis=polri&provinsi=35")
    html = r.content.decode()
    assert "Polres Madiun" in html and "KPU Kabupaten Ngawi" not in html
    r = client.get("/pemangku/?q=ngawi", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="hasil")
    assert "KPU Kabupaten Ngawi" in r.content.decode()
    assert "<html" not in r.content.decode()


def test_detail_contacts_only_in_scope(client, user, kontak, org):
    """Anonymous and Bali users do not see Polres Madiun's contact; a Madiun user does."""
    url = f"/pemangku/lembaga/{org['polres_madiun'].pk}/"
    r = client.get(url)
    assert r.status_code == 200
    assert "Polda Jawa Timur" in r.content.decode()
    assert "Contoh Nama 01" not in r.content.decode()
    client.force_login(user("kpu_bali", "admin_lembaga"))
    assert "Contoh Nama 01" not in client.get(url).content.decode()
    client.force_login(user("kpu_madiun", "pengamat"))
    assert "Contoh Nama 01" in client.get(url).content.decode()


def test_detail_inactive_is_404(client, org):
    """A deactivated organization is not found for the public."""
    org["kpu_ngawi"].is_active = False
    org["kpu_ngawi"].save()
    assert client.get(f"/pemangku/lembaga/{org['kpu_ngawi'].pk}/").status_code == 404


def test_tupoksi_page(client, tupoksi, org):
    """The matrix page for T11 in Kabupaten Madiun shows the Polri duty and Polres Madiun."""
    r = client.get("/pemangku/tupoksi/?pemilu=pemilu-2024&tahapan=T11&provinsi=35&kabkota=35.19")
    html = r.content.decode()
    assert "Mengamankan TPS" in html and "Polres Madiun" in html
    assert "Memberitakan kampanye" not in html


def test_opsi_kabkota(client, org):
    """The regency options of a province."""
    html = client.get("/pemangku/opsi-kabkota/?provinsi=35").content.decode()
    assert "Kabupaten Madiun" in html and "Kota Denpasar" not in html
