"""Send the reports' reads to a PostgreSQL streaming replica (docs/deploy.md, "A city").

Only the roll-up tables of linli.reports are read there: district and street
pages read them heavily while the morning check-ins write elsewhere, and a
figure that is a few seconds old is still right for a daily report. Everything
else, and every write, goes to the primary ("default").

Inside a transaction on the primary, reads stay on the primary too: a command
that writes a report row and reads it back (daily_report) must see its own
write, which the replica may not have yet.

Active only when LINLI_REPLICA_DATABASE_URL is set (settings.py adds the
"replica" alias and this router).
"""

from django.db import connections

REPLICA = "replica"
PRIMARY = "default"
# Apps whose tables may be read from the replica.
REPLICA_APPS = frozenset({"reports"})


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if model._meta.app_label not in REPLICA_APPS:
            return PRIMARY
        if connections[PRIMARY].in_atomic_block:
            return PRIMARY
        return REPLICA

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        # Both aliases hold the same data: the replica is a copy of the primary.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        # The replica gets its schema from the primary's stream, never directly.
        return db == PRIMARY
