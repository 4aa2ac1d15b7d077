"""Confirmed 接龙 imports no longer keep the pasted text (jielong_import.confirm
empties it); empty the text of imports confirmed before that."""

from django.db import migrations


def empty_confirmed_text(apps, schema_editor):
    JielongImport = apps.get_model("groupbuy", "JielongImport")
    JielongImport.objects.filter(status="confirmed").update(text="")


class Migration(migrations.Migration):
    dependencies = [("groupbuy", "0004_alter_medicineline_prescription")]

    operations = [migrations.RunPython(empty_confirmed_text, migrations.RunPython.noop)]
