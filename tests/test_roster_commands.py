"""`linli import_roster` and `linli export_roster`."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from linli.audit.models import Action, AuditEntry
from linli.community.models import Resident, RosterImport
from tests.roster_factory import plant_errors, roster_rows, xlsx_bytes


def residents_of(community):
    return Resident.objects.filter(household__building__compound__community=community)


def run(*args, **options):
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err, **options)
    return out.getvalue()


@pytest.fixture(scope="module")
def roster_file(tmp_path_factory):
    rows = roster_rows(3000)
    planted = plant_errors(rows)
    path = tmp_path_factory.mktemp("roster") / "花名册.xlsx"
    path.write_bytes(xlsx_bytes(rows))
    return path, planted


def test_without_commit_the_command_prints_the_preview_and_writes_nothing(world, roster_file):
    path, planted = roster_file
    out = run("import_roster", str(path), community="武南村社区")
    assert "文件中3000行（表头在第2行），有问题20行" in out
    assert "将新增居民 2980，更新 0，没有变化 0" in out
    for line in planted:
        assert f"第{line}行" in out
    assert "没有写入" in out
    assert residents_of(world.community).count() == 2
    assert RosterImport.objects.count() == 0


def test_with_commit_the_command_imports_and_a_second_run_adds_nothing(world, roster_file):
    path, _ = roster_file
    out = run("import_roster", str(path), community="武南村社区", commit=True, user="futingting")
    assert "已新增居民 2980" in out
    assert residents_of(world.community).count() == 2 + 2980
    assert RosterImport.objects.get().is_committed
    assert AuditEntry.objects.filter(action=Action.IMPORT, user=world.users["staff"]).exists()
    again = run("import_roster", str(path), community="武南村社区", commit=True)
    assert "已新增居民 0，更新 0，没有变化 2980" in again
    assert residents_of(world.community).count() == 2 + 2980


def test_the_command_reports_progress_on_stderr_for_large_files(world, roster_file, capsys):
    path, _ = roster_file
    out = run("import_roster", str(path), community="武南村社区")
    err = capsys.readouterr().err
    assert "已检查 500 / 3000 行" in err and "已检查 3000 / 3000 行" in err
    assert "已检查" not in out


def test_an_unknown_community_or_unreadable_file_stops_with_a_message(world, tmp_path):
    bad = tmp_path / "a.csv"
    bad.write_text("姓名\n黄彬\n", encoding="utf-8")
    with pytest.raises(CommandError, match="没有名为“无此社区”的社区"):
        run("import_roster", str(bad), community="无此社区")
    with pytest.raises(CommandError, match="找不到必填的列"):
        run("import_roster", str(bad), community="武南村社区")
    with pytest.raises(CommandError, match="无法读取文件"):
        run("import_roster", str(tmp_path / "missing.xlsx"), community="武南村社区")


def test_export_then_import_of_the_export_changes_nothing(world, tmp_path):
    run(
        "import_roster", str(_write(tmp_path, roster_rows(30))), community="武南村社区", commit=True
    )
    exported = tmp_path / "导出.xlsx"
    assert "已导出32位居民" in run("export_roster", community="武南村社区", output=str(exported))
    assert exported.stat().st_mode & 0o077 == 0
    assert AuditEntry.objects.filter(action=Action.EXPORT).count() == 1
    out = run("import_roster", str(exported), community="武南村社区")
    assert "有问题0行" in out and "将新增居民 0，更新 0，没有变化 32" in out


def _write(tmp_path, rows):
    path = tmp_path / "a.xlsx"
    path.write_bytes(xlsx_bytes(rows))
    return path
