"""The roster import on a staff member's phone: upload through htmx, read the
preview, confirm; every page readable at 390 px."""

import re

from linli.community.models import Resident
from tests.browser.conftest import assert_readable, screenshot
from tests.roster_factory import plant_errors, roster_rows, xlsx_bytes


def test_staff_import_a_roster_from_a_phone_reading_the_bad_rows_before_confirming(
    phone_page, live_server, world, sign_in, tmp_path
):
    rows = roster_rows(300)
    planted = plant_errors(rows)  # the first two kinds: a bad check digit, a 10-digit mobile
    path = tmp_path / "花名册.xlsx"
    path.write_bytes(xlsx_bytes(rows))
    page = phone_page
    sign_in(page, world.users["staff"])

    page.goto(f"{live_server.url}/community/roster/import/")
    assert_readable(page)
    screenshot(page, "phone-roster-import")
    page.set_input_files("input[type=file]", str(path))
    page.click("button:has-text('上传并预览')")
    page.wait_for_url(re.compile(r"/community/roster/import/\d+/$"))

    errors = page.locator("table.stack tbody tr")
    assert errors.count() == len(planted) == 2
    assert "第14行" in errors.first.inner_text()
    assert_readable(page)
    screenshot(page, "phone-roster-preview")

    page.click("button:has-text('确认导入')")
    page.wait_for_selector("h1:has-text('花名册已导入')")
    imported = Resident.objects.filter(household__building__compound__community=world.community)
    assert imported.count() == 2 + 298
    assert_readable(page)
    screenshot(page, "phone-roster-imported")
