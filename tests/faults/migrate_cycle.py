"""Step each Linli app back one migration and forward again on a populated
database, checking that no table loses or gains a row:

    python -m tests.faults.migrate_cycle

Prints one line per app; exits non-zero at the first difference. An app whose
latest migration other apps' migrations depend on is skipped (and says so):
stepping it back would unapply theirs too.
"""

import os
import sys

import django


def row_counts(connection) -> dict:
    from django.apps import apps

    counts = {}
    with connection.cursor() as cursor:
        for model in apps.get_models():
            table = model._meta.db_table
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
            counts[table] = cursor.fetchone()[0]
    return counts


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "linli.settings")
    django.setup()
    from django.apps import apps
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    graph = executor.loader.graph
    before = row_counts(connection)
    for config in apps.get_app_configs():
        if not config.name.startswith("linli."):
            continue
        leaves = graph.leaf_nodes(config.label)
        if not leaves:
            continue
        parents = [p for p in graph.node_map[leaves[0]].parents if p.key[0] == config.label]
        if not parents:
            continue  # one migration only: stepping back would drop the app's tables
        previous = parents[0].key[1]
        plan = executor.migration_plan([(config.label, previous)])
        others = sorted({f"{m.app_label}.{m.name}" for m, _backwards in plan} - {
            f"{config.label}.{leaves[0][1]}"})  # fmt: skip
        if others:
            # Stepping back would take other apps' migrations with it (and drop
            # their tables when those are initial ones): not a data-preserving step.
            print(f"{config.label}: skipped, {', '.join(others)} depend on it", flush=True)
            continue
        call_command("migrate", config.label, previous, verbosity=0)
        call_command("migrate", verbosity=0)
        executor = MigrationExecutor(connection)
        after = row_counts(connection)
        changed = {t: (before[t], after[t]) for t in before if before[t] != after[t]}
        if changed:
            sys.exit(f"{config.label} {leaves[0][1]} -> {previous} -> back changed rows: {changed}")
        print(f"{config.label}: {leaves[0][1]} -> {previous} -> {leaves[0][1]}", flush=True)


if __name__ == "__main__":
    main()
