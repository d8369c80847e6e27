"""The bulk path for a new or rebuilt database: extract in parallel, resolve and build the whole graph in memory
with the online loader's own statements (memory.MemoryStore answers them as Neo4j does), write the CSV files of
`neo4j-admin database import full` (csvfiles), run that importer (admin), then apply the schema."""
