"""The common notices (团购截单提醒, 测温提醒 …) as templates on every install."""

from django.db import migrations

from linli.notices.starter import STARTER_TEMPLATES


def add_starters(apps, schema_editor):
    Template = apps.get_model("notices", "AnnouncementTemplate")
    for row in STARTER_TEMPLATES:
        Template.objects.get_or_create(
            community=None, name=row["name"], defaults={**row, "priority": int(row["priority"])}
        )


def remove_starters(apps, schema_editor):
    Template = apps.get_model("notices", "AnnouncementTemplate")
    names = [row["name"] for row in STARTER_TEMPLATES]
    Template.objects.filter(community=None, name__in=names).delete()


class Migration(migrations.Migration):
    dependencies = [("notices", "0001_initial")]

    operations = [migrations.RunPython(add_starters, remove_starters)]
