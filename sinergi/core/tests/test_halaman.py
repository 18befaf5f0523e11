"""The shared pager (core/_halaman.html): its links keep the list's filters and only change the
page, and it is absent when everything fits on one page."""

from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.test import RequestFactory


def _pager(url: str, nomor: int, jumlah: int = 120) -> str:
    halaman = Paginator(range(jumlah), 50).get_page(nomor)
    return render_to_string(
        "core/_halaman.html", {"halaman": halaman}, request=RequestFactory().get(url)
    )


def test_links_keep_the_filters_and_replace_the_page():
    html = _pager("/pemangku/?q=kpu+jatim&jenis=KPU&page=2", 2)
    assert 'href="?q=kpu+jatim&amp;jenis=KPU&amp;page=1" rel="prev"' in html
    assert 'href="?q=kpu+jatim&amp;jenis=KPU&amp;page=3" rel="next"' in html
    assert html.count("page=") == 2  # the old page number is not carried along


def test_first_and_last_pages_link_one_way_only():
    pertama, terakhir = _pager("/wilayah/", 1), _pager("/wilayah/", 3)
    assert 'rel="next"' in pertama and 'rel="prev"' not in pertama
    assert 'rel="prev"' in terakhir and 'rel="next"' not in terakhir


def test_nothing_is_shown_when_one_page_holds_the_list():
    assert _pager("/wilayah/?q=madiun", 1, jumlah=20).strip() == ""


def test_filter_values_are_escaped_in_the_link():
    html = _pager('/pemangku/?q="><script>x</script>', 1)
    assert "<script>" not in html
