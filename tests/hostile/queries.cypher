// Hostile Cypher: every query here must be refused by newsgraph.sandbox, change nothing and fetch nothing.
// Queries are separated by lines holding only "// ---"; {url} is replaced by a local HTTP server's address.
// ---
// LOAD CSV spelled to slip past a regular expression: Neo4j's parser still reads LOAD CSV.
LOAD/**/CSV FROM '{url}/comment' AS row RETURN row
// ---
LOAD // a line comment
CSV FROM '{url}/line-comment' AS row RETURN row
// ---
LO\u0041D CSV FROM '{url}/unicode-escape' AS row RETURN row
// ---
load  csv FROM 'file:///etc/passwd' AS row RETURN row
// ---
CALL { LOAD CSV FROM '{url}/subquery' AS row RETURN row } RETURN row
// ---
MATCH (n) WITH n LIMIT 1 CALL (n) { LOAD CSV WITH HEADERS FROM '{url}/correlated' AS row RETURN count(row) AS c } RETURN c
// ---
// DBMS procedures run in a READ transaction.
CALL dbms.listConfig() YIELD name RETURN name
// ---
CALL `dbms`.`listConfig`() YIELD name RETURN name
// ---
CALL dbms.listConnections()
// ---
CALL dbms.killConnections(['bolt-1'])
// ---
CALL dbms.setConfigValue('db.logs.query.enabled', 'OFF')
// ---
CALL db.clearQueryCaches()
// ---
CALL db.createLabel('Intruder')
// ---
// Commands about the server and other users.
SHOW TRANSACTIONS
// ---
TERMINATE TRANSACTIONS 'neo4j-transaction-1'
// ---
SHOW SETTINGS
// ---
SHOW USERS
// ---
SHOW DATABASES
// ---
CREATE USER intruder SET PASSWORD 'intruder-password'
// ---
STOP DATABASE neo4j
// ---
CREATE INDEX intruder_index FOR (n:Intruder) ON (n.x)
// ---
DROP INDEX entity_names IF EXISTS
// ---
// Writes hidden in subqueries, FOREACH and batches.
MATCH (n) CALL (n) { SET n.hacked = true } RETURN count(*)
// ---
MATCH (n) WITH n LIMIT 1 CALL (n) { DETACH DELETE n } IN TRANSACTIONS RETURN 1
// ---
UNWIND range(1, 3) AS i CALL (i) { CREATE (:Intruder {i: i}) } RETURN count(*)
// ---
MATCH (n:Person) WITH n LIMIT 1 FOREACH (x IN [1] | SET n.name = 'hacked')
// ---
MATCH (n:Person) REMOVE n.name RETURN count(n)
// ---
MERGE (n:Person {id: 'person:intruder'}) RETURN n
// ---
CREATE (n:Intruder {id: 'x'}) RETURN n
// ---
// Passwords, plugins and procedures that do not exist here still never run.
ALTER CURRENT USER SET PASSWORD FROM 'newsgraph-test' TO 'changed-by-intruder'
// ---
CALL apoc.load.json('{url}/apoc') YIELD value RETURN value
// ---
SHOW PROCEDURES YIELD name RETURN name
// ---
CALL db.awaitIndexes(1)
