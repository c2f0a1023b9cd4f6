"""The planner reads the search vector through its GIN indexes, for common words too.

With statistics on the column, the planner sees that a common word is in most news and scans the
table for the first matches: it does not count the cost of reading each vector from TOAST storage,
which makes that scan several times slower than the index. Without statistics it takes every word
for a rare one and reads the index, the fast way whatever the word. ANALYZE leaves the statistics it
gathered before in place; changing the column's type (to the same type, without rewriting the
table) drops them.
"""

from django.db import migrations

TABLE = "search_searchdocument"


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_per_kind_indexes"),
    ]

    operations = [
        migrations.RunSQL(
            sql=[
                f"ALTER TABLE {TABLE} ALTER COLUMN search_vector SET STATISTICS 0",
                f"ALTER TABLE {TABLE} ALTER COLUMN search_vector TYPE tsvector",
            ],
            reverse_sql=[f"ALTER TABLE {TABLE} ALTER COLUMN search_vector SET STATISTICS -1"],
        ),
    ]
