"""Confirmed roster imports no longer keep their file (importer.commit empties it);
empty the files of imports confirmed before that."""

from django.db import migrations


def empty_confirmed_files(apps, schema_editor):
    RosterImport = apps.get_model("community", "RosterImport")
    RosterImport.objects.filter(status="committed").update(content=b"")


class Migration(migrations.Migration):
    dependencies = [("community", "0002_rosterimport")]

    operations = [migrations.RunPython(empty_confirmed_files, migrations.RunPython.noop)]
